package dev.grove.browser.api;

import dev.grove.backend.Backend;
import dev.grove.backend.BackendException;
import dev.grove.browser.idb.IdbBackend;

/** The persistent backend of {@code open}: IndexedDB. */
final class Backends {
  private Backends() {}

  /** Fails with {@code storage_unavailable} where there is no IndexedDB (Node, for one). */
  static void checkPersistent() {
    if (!IdbBackend.isSupported()) {
      throw new BackendException("storage_unavailable", "IndexedDB is not available here;"
          + " open(name, {memory: true}) opens a store in memory");
    }
  }

  /**
   * Opens the store {@code name} in IndexedDB (database {@code grove:name}), creating it when
   * it does not exist; blocks the calling green thread.
   */
  static Backend persistent(String name) {
    return IdbBackend.open(name);
  }
}
