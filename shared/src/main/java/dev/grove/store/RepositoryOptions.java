package dev.grove.store;

import dev.grove.merge.MergePolicy;

/**
 * How a repository behaves.
 *
 * @param clock where commit times come from
 * @param defaultAuthorName the author of commits whose {@link CommitInfo} names none
 * @param defaultAuthorEmail that author's email
 * @param mergePolicy the merge function for each path prefix
 * @param maxAttempts how many times a write tries its compare-and-set before giving up with
 *     {@link TooManyRetriesException}
 */
public record RepositoryOptions(Clock clock, String defaultAuthorName, String defaultAuthorEmail,
    MergePolicy mergePolicy, int maxAttempts) {

  public RepositoryOptions {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /** The system clock, author {@code Grove <grove@localhost>}, default merges, 64 attempts. */
  public static RepositoryOptions defaults() {
    return new RepositoryOptions(Clock.system(), "Grove", "grove@localhost",
        MergePolicy.defaults(), 64);
  }

  public RepositoryOptions withClock(Clock newClock) {
    return new RepositoryOptions(newClock, defaultAuthorName, defaultAuthorEmail, mergePolicy,
        maxAttempts);
  }

  public RepositoryOptions withMergePolicy(MergePolicy policy) {
    return new RepositoryOptions(clock, defaultAuthorName, defaultAuthorEmail, policy,
        maxAttempts);
  }

  public RepositoryOptions withMaxAttempts(int attempts) {
    return new RepositoryOptions(clock, defaultAuthorName, defaultAuthorEmail, mergePolicy,
        attempts);
  }

  public RepositoryOptions withDefaultAuthor(String name, String email) {
    return new RepositoryOptions(clock, name, email, mergePolicy, maxAttempts);
  }
}
