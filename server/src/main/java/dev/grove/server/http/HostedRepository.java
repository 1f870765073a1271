package dev.grove.server.http;

import dev.grove.server.storage.Durability;
import dev.grove.server.storage.Stores;
import dev.grove.store.Repository;
import dev.grove.sync.SyncServer;
import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * One repository the server keeps open: the store, the protocol's server side, its change events and, for a git store and
 * once Git's smart HTTP needs it, a JGit handle on the same directory. Thread-safe.
 */
final class HostedRepository implements AutoCloseable {
  private final String name;
  private final Path dir;
  private final Stores.Kind kind;
  private final Durability durability;
  private final Repository repository;
  private final RefEvents events;
  private final SyncServer sync;
  private org.eclipse.jgit.lib.Repository git;

  HostedRepository(String name, Path dir, Stores.Kind kind, Durability durability, Repository repository) {
    this.name = name;
    this.dir = dir;
    this.kind = kind;
    this.durability = durability;
    this.repository = repository;
    this.events = new RefEvents(repository.backend().refs());
    this.sync = new SyncServer(repository);
  }

  String name() {
    return name;
  }

  Path dir() {
    return dir;
  }

  Stores.Kind kind() {
    return kind;
  }

  Durability durability() {
    return durability;
  }

  Repository repository() {
    return repository;
  }

  /** The protocol's server side for this repository. */
  SyncServer sync() {
    return sync;
  }

  RefEvents events() {
    return events;
  }

  /**
   * A JGit handle on this git store for Git's smart HTTP, opened once; each caller gets its own
   * use count ({@link org.eclipse.jgit.lib.Repository#incrementOpen}) and closes it after use.
   */
  synchronized org.eclipse.jgit.lib.Repository openGit() throws IOException {
    if (kind != Stores.Kind.GIT) {
      throw new IllegalStateException(name + " is not a git store");
    }
    if (git == null) {
      git = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
    }
    git.incrementOpen();
    return git;
  }

  @Override
  public synchronized void close() {
    events.close();
    if (git != null) {
      git.close();
      git = null;
    }
    repository.close();
  }
}
