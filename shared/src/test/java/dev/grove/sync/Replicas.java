package dev.grove.sync;

import dev.grove.backend.memory.MemoryBackend;
import dev.grove.store.Clock;
import dev.grove.store.CommitInfo;
import dev.grove.store.Repository;
import dev.grove.store.RepositoryOptions;
import dev.grove.store.Verifier;
import java.nio.charset.StandardCharsets;

/** Small helpers for sync tests: memory repositories with stable clocks, text values. */
final class Replicas {
  static final long START = 1_700_000_000L;

  private Replicas() {}

  /** A memory repository whose clock ticks one second per commit from {@code START + offset}. */
  static Repository memory(long offset) {
    return Repository.open(new MemoryBackend(), options(offset));
  }

  static RepositoryOptions options(long offset) {
    return RepositoryOptions.defaults().withClock(Clock.ticking(START + offset, 0));
  }

  static CommitInfo info(String message) {
    return CommitInfo.message(message);
  }

  static String text(Repository repo, String branch, String key) {
    return new String(repo.branch(branch).get(key), StandardCharsets.UTF_8);
  }

  static void assertClean(Repository repo) {
    Verifier.Report report = Verifier.verify(repo);
    if (!report.ok()) {
      throw new AssertionError("store not clean: " + report.problems());
    }
  }
}
