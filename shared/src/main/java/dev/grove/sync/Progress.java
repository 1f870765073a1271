package dev.grove.sync;

/**
 * Told how a fetch or push is going, from the thread doing it. {@code total} is -1 when not
 * known. Phases: {@code counting} (objects to send), {@code sending}, {@code receiving},
 * {@code checking} (verifying received objects) and {@code writing}; counts are objects.
 */
@FunctionalInterface
public interface Progress {
  Progress NONE = (phase, done, total) -> {};

  void update(String phase, long done, long total);
}
