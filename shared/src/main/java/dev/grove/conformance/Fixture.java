package dev.grove.conformance;

import dev.grove.backend.Backend;
import dev.grove.store.Branch;
import dev.grove.store.Clock;
import dev.grove.store.CommitInfo;
import dev.grove.store.Repository;
import dev.grove.store.RepositoryOptions;
import java.nio.charset.StandardCharsets;

/**
 * What a conformance case works with: a fresh, empty backend, and a repository on it whose
 * clock ticks one second per commit from a fixed start (so ids are the same on every backend
 * and platform) and whose default author is {@code Conformance <conformance@grove.dev>}.
 */
public final class Fixture {
  /** The first commit time of {@link #repo()}: 2023-11-14T22:13:20Z. */
  public static final long START_SECONDS = 1_700_000_000L;

  private final Backend backend;
  private Repository repo;

  public Fixture(Backend backend) {
    this.backend = backend;
  }

  public Backend backend() {
    return backend;
  }

  /** The repository on {@link #backend()}; the same one on every call. */
  public Repository repo() {
    if (repo == null) {
      repo = Repository.open(backend, options());
    }
    return repo;
  }

  /** The options of {@link #repo()}: a fresh ticking clock each call. */
  public RepositoryOptions options() {
    return RepositoryOptions.defaults()
        .withClock(Clock.ticking(START_SECONDS, 60))
        .withDefaultAuthor("Conformance", "conformance@grove.dev");
  }

  /** Another repository on the same backend, with other options. */
  public Repository open(RepositoryOptions options) {
    return Repository.open(backend, options);
  }

  /** Branch {@code main} of {@link #repo()}. */
  public Branch main() {
    return repo().branch("main");
  }

  /** Commit info with the default author. */
  public static CommitInfo info(String message) {
    return CommitInfo.message(message);
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  public static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
