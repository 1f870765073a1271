package dev.grove.server.bench;

import dev.grove.server.fs.FsBackend;
import dev.grove.server.storage.Durability;
import dev.grove.store.CommitInfo;
import dev.grove.store.Repository;
import java.nio.file.Path;

/**
 * Single-key commits on a new fs store with fsync, for counting the system calls of a commit (a
 * plain harness, not a test): {@code java -cp CP dev.grove.server.bench.FsCommits DIR N} fills
 * the store with 1,000 keys {@code d<i%32>/k<i>} (one commit each), prints {@code FILLED}, then
 * makes N more commits of one key each, as the commits benchmark does. Run it under
 * {@code strace -f -e trace=fsync,fdatasync} with N = 0 and N = 400: the difference over 400 is
 * the fsyncs per commit (docs/BENCHMARKS.md).
 */
public final class FsCommits {
  private FsCommits() {}

  public static void main(String[] args) {
    int n = Integer.parseInt(args[1]);
    try (Repository repo = Repository.open(FsBackend.init(Path.of(args[0]), Durability.FSYNC))) {
      for (int i = 0; i < 1000; i++) {
        repo.branch("main").set("d" + (i % 32) + "/k" + i, "seed", CommitInfo.message("fill"));
      }
      System.out.println("FILLED");
      for (int i = 0; i < n; i++) {
        repo.branch("main").set("d" + (i % 32) + "/k" + (i * 7 % 2000), "v" + i, CommitInfo.message("set " + i));
      }
    }
  }
}
