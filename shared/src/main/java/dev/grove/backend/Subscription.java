package dev.grove.backend;

/** A registered watcher. Cancelling twice is harmless. */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
  /** Stops further notifications. A notification already under way may still complete. */
  void cancel();

  @Override
  default void close() {
    cancel();
  }
}
