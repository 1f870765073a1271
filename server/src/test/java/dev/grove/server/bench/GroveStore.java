package dev.grove.server.bench;

import dev.grove.backend.Backend;
import dev.grove.backend.memory.MemoryBackend;
import dev.grove.server.fs.FsBackend;
import dev.grove.server.git.GitBackend;
import dev.grove.server.storage.Durability;
import dev.grove.store.Branch;
import dev.grove.store.Clock;
import dev.grove.store.CommitInfo;
import dev.grove.store.Repository;
import dev.grove.store.RepositoryOptions;
import dev.grove.store.Strategy;
import java.nio.file.Path;
import java.util.List;

/**
 * A Grove store under benchmark: a {@link Repository} on one backend and its branch
 * {@code main}, written through the public API only ({@link Branch#set} for one key,
 * {@link Branch#transact} with {@link Strategy#SET} for many). Commits carry a fixed author and
 * time (a constant {@link Clock}), so equal input gives equal commit ids on every backend and
 * in {@link JgitDirect}.
 */
final class GroveStore implements AutoCloseable {
  enum Kind { MEMORY, FS, GIT }

  private final Kind kind;
  private final Path dir;
  private Durability durability;
  private Repository repo;
  private Branch main;

  private GroveStore(Kind kind, Path dir, Durability durability, Backend backend) {
    this.kind = kind;
    this.dir = dir;
    this.durability = durability;
    attach(backend);
  }

  static GroveStore memory() {
    return new GroveStore(Kind.MEMORY, null, null, new MemoryBackend());
  }

  static GroveStore fs(Path dir, Durability durability) {
    return new GroveStore(Kind.FS, dir, durability, FsBackend.init(dir, durability));
  }

  static GroveStore git(Path dir, Durability durability) {
    return new GroveStore(Kind.GIT, dir, durability, GitBackend.init(dir, durability));
  }

  /** The fixed clock of every benchmark commit. */
  static Clock fixedClock() {
    return new Clock() {
      @Override
      public long epochSeconds() {
        return JvmBenchmark.EPOCH;
      }

      @Override
      public int offsetMinutes() {
        return 0;
      }
    };
  }

  private void attach(Backend backend) {
    repo = Repository.open(backend, RepositoryOptions.defaults().withClock(fixedClock()));
    main = repo.branch("main");
  }

  Kind kind() {
    return kind;
  }

  Durability durability() {
    return durability;
  }

  /** Closes the backend and opens the same directory again with {@code newDurability}. */
  void reopen(Durability newDurability) {
    if (kind == Kind.MEMORY) {
      throw new IllegalStateException("a memory store cannot be reopened");
    }
    repo.close();
    durability = newDurability;
    attach(kind == Kind.FS ? FsBackend.open(dir, newDurability) : GitBackend.open(dir, newDurability));
  }

  /** One commit setting one key (Branch.set); the new head in hex. */
  String set(String path, byte[] value, String message) {
    return main.set(path, value, info(message)).hex();
  }

  /** One commit setting many keys (a SET transaction); the new head in hex. */
  String setAll(List<String> paths, List<byte[]> values, String message) {
    return main.transact(Strategy.SET, info(message), draft -> {
      for (int i = 0; i < paths.size(); i++) {
        draft.set(paths.get(i), values.get(i));
      }
      return null;
    }).head().hex();
  }

  String head() {
    return main.head().map(id -> id.hex()).orElse("");
  }

  private static CommitInfo info(String message) {
    return CommitInfo.by(JvmBenchmark.AUTHOR, JvmBenchmark.EMAIL, message);
  }

  @Override
  public void close() {
    repo.close();
  }
}
