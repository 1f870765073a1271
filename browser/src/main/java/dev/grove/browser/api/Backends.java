package dev.grove.browser.api;

import dev.grove.backend.Backend;
import dev.grove.backend.BackendException;
import dev.grove.browser.idb.IdbBackend;
import dev.grove.browser.idb.IdbDurability;

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
   * it does not exist; blocks the calling green thread. {@code onDeleted} runs (in an IndexedDB
   * event: it must not block) when another connection deletes the database; the backend is then
   * closed. Every write is acknowledged with the given {@code durability}.
   */
  static Backend persistent(String name, IdbDurability durability, Runnable onDeleted) {
    IdbBackend backend = IdbBackend.open(name, IdbBackend.DEFAULT_BLOCKED_TIMEOUT_MILLIS, durability);
    backend.onDeleted(onDeleted);
    return backend;
  }

  /**
   * Deletes the store {@code name} from IndexedDB (nothing when there is none), after other
   * connections to it, in this page and other tabs, closed; blocks the calling green thread.
   * Fails with {@code storage_blocked} when one stays open for 10 s (the deletion then happens
   * once it closes).
   */
  static void delete(String name) {
    IdbBackend.delete(name);
  }
}
