package dev.grove.store;

/** Pauses between attempts of a write that lost its compare-and-set, so racers spread out. */
final class Backoff {
  private Backoff() {}

  /** No pause after the first loss; then a random pause growing to at most 64 ms. */
  static void pause(int attempt) {
    if (attempt < 2) {
      return;
    }
    long bound = Math.min(64, 1L << Math.min(attempt - 1, 6));
    try {
      Thread.sleep((long) (Math.random() * bound));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new dev.grove.GroveException("interrupted", "interrupted while retrying a write");
    }
  }
}
