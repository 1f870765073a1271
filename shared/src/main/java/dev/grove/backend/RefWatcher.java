package dev.grove.backend;

/** Told of ref changes; see {@link RefStore#watch}. It must not throw and should return quickly. */
@FunctionalInterface
public interface RefWatcher {
  void onRefChanged(RefChange change);
}
