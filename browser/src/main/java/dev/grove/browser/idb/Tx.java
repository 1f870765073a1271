package dev.grove.browser.idb;

import org.teavm.interop.Async;
import org.teavm.interop.AsyncCallback;
import org.teavm.jso.JSObject;
import org.teavm.jso.indexeddb.IDBObjectStore;
import org.teavm.jso.indexeddb.IDBTransaction;

/**
 * An IndexedDB transaction and how it ended. The end is recorded from the moment the
 * transaction is created, so it is known even when the transaction ended (aborted by a failed
 * request, or by the browser for want of quota) while no one was waiting for it.
 */
final class Tx {
  private final IDBTransaction raw;
  private boolean finished;
  private boolean committed;
  private JSObject error;
  private AsyncCallback<Boolean> waiter;

  Tx(IDBTransaction raw) {
    this.raw = raw;
    raw.setOnComplete(() -> finish(true, null));
    raw.setOnAbort(() -> finish(false, raw.getError()));
  }

  IDBObjectStore store(String name) {
    return raw.objectStore(name);
  }

  IDBTransaction raw() {
    return raw;
  }

  /** Asks for the end now rather than after the last request's events (where supported). */
  void commit() {
    Idb.commit(raw);
  }

  /** Aborts, unless the transaction already ended (then abort() would throw InvalidStateError). */
  void abortQuietly() {
    if (finished) {
      return;
    }
    try {
      raw.abort();
    } catch (Throwable alreadyEnding) {
      // InvalidStateError: it is committing or aborting already; its end event tells which.
    }
  }

  /** Why it aborted: the DOMException (QuotaExceededError, ...), or null (abort() was called). */
  JSObject error() {
    return error;
  }

  private void finish(boolean ok, JSObject why) {
    if (finished) {
      return;
    }
    finished = true;
    committed = ok;
    error = Idb.isAbsent(why) ? null : why;
    AsyncCallback<Boolean> w = waiter;
    waiter = null;
    if (w != null) {
      w.complete(ok);
    }
  }

  /**
   * Waits for the transaction's end: true when it committed (durable, as its durability
   * says), false when it aborted (see {@link #error()}).
   */
  @Async
  static native Boolean awaitEnd(Tx tx);

  private static void awaitEnd(Tx tx, AsyncCallback<Boolean> cb) {
    if (tx.finished) {
      cb.complete(tx.committed);
      return;
    }
    tx.waiter = cb;
  }
}
