package dev.grove.browser.idb;

import dev.grove.backend.BackendException;
import org.teavm.interop.Async;
import org.teavm.interop.AsyncCallback;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSExceptions;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSObjects;
import org.teavm.jso.indexeddb.IDBDatabase;
import org.teavm.jso.indexeddb.IDBFactory;
import org.teavm.jso.indexeddb.IDBGetRequest;
import org.teavm.jso.indexeddb.IDBObjectStore;
import org.teavm.jso.indexeddb.IDBOpenDBRequest;
import org.teavm.jso.indexeddb.IDBRequest;
import org.teavm.jso.indexeddb.IDBTransaction;

/**
 * IndexedDB glue: the gaps in {@code org.teavm.jso.indexeddb}, and every wait as an
 * {@link Async} method. A blocked Java thread resumes synchronously inside the IndexedDB event
 * that completes its wait, which is what keeps a transaction alive across a Java wait on one of
 * its own requests.
 */
final class Idb {
  static final String OBJECTS = "objects";
  static final String REFS = "refs";

  private Idb() {}

  /** A JavaScript function of no arguments, both ways. */
  @JSFunctor
  interface Callback extends JSObject {
    void run();
  }

  // ---- gaps in the bindings ----

  /** {@code IDBFactory.isSupported()} throws a ReferenceError where {@code indexedDB} is missing. */
  @JSBody(script = "return typeof indexedDB !== 'undefined' && indexedDB !== null;")
  static native boolean supported();

  /** {@code IDBRequest} (what put/add/delete return) has no {@code getResult()}. */
  @JSBody(params = "r", script = "return r.result;")
  static native JSObject result(IDBRequest r);

  /** No {@code getAll()} binding. */
  @JSBody(params = "s", script = "return s.getAll();")
  static native IDBGetRequest getAll(IDBObjectStore s);

  /** {@code objectStoreNames} is a DOMStringList, not the String[] of the binding. */
  @JSBody(params = {"db", "name"}, script = "return db.objectStoreNames.contains(name);")
  static native boolean hasStore(IDBDatabase db, String name);

  /** A transaction with an explicit durability ("strict": flushed to disk before "complete"). */
  @JSBody(params = {"db", "stores", "mode", "durability"},
      script = "return db.transaction(stores, mode, {durability: durability});")
  static native IDBTransaction transaction(IDBDatabase db, String[] stores, String mode,
      String durability);

  /** Commits now instead of after the last request's events (where supported). */
  @JSBody(params = "tx", script = "if (typeof tx.commit === 'function') { tx.commit(); }")
  static native void commit(IDBTransaction tx);

  @JSBody(params = "v", script = "return v instanceof Int8Array;")
  static native boolean isInt8Array(JSObject v);

  @JSBody(params = "v", script = "return typeof v === 'string';")
  static native boolean isString(JSObject v);

  /** A DOMException's (or any error's) name, or null. */
  @JSBody(params = "e", script = "return e != null && typeof e.name === 'string' ? e.name : null;")
  static native String errorName(JSObject e);

  @JSBody(params = "e", script = "return e != null && typeof e.message === 'string' ? e.message : '';")
  static native String errorMessage(JSObject e);

  /** A JavaScript function of one boolean. */
  @JSFunctor
  interface BooleanCallback extends JSObject {
    void run(boolean value);
  }

  /**
   * The "versionchange" event: another connection upgrades ({@code deleting} false) or deletes
   * ({@code deleting} true: the event's {@code newVersion} is null) the database.
   */
  @JSBody(params = {"db", "cb"},
      script = "db.onversionchange = function(e) { cb(e.newVersion === null); };")
  static native void setOnVersionChange(IDBDatabase db, BooleanCallback cb);

  /** The "close" event: the browser closed the connection (storage cleared, disk error). */
  @JSBody(params = {"db", "cb"}, script = "db.onclose = function() { cb(); };")
  static native void setOnClose(IDBDatabase db, Callback cb);

  /**
   * The "blocked" event of an open or delete request. (The binding's {@code setOnBlocked} sets
   * a property {@code onBlocked}, which no browser calls: TeaVM 0.16.0 derives the name from
   * the setter.)
   */
  @JSBody(params = {"req", "cb"}, script = "req.onblocked = function() { cb(); };")
  static native void setOnBlocked(IDBOpenDBRequest req, Callback cb);

  @JSBody(params = {"cb", "ms"}, script = "return setTimeout(function() { cb(); }, ms);")
  static native int setTimeout(Callback cb, int ms);

  @JSBody(params = "id", script = "clearTimeout(id);")
  static native void clearTimeout(int id);

  static boolean isAbsent(JSObject v) {
    return v == null || JSObjects.isUndefined(v);
  }

  // ---- errors ----

  /**
   * The exception for a failed IndexedDB operation: {@code quota_exceeded} for a
   * QuotaExceededError, else {@code storage_error} naming the DOMException.
   */
  static BackendException failure(String what, JSObject error) {
    String name = errorName(error);
    String detail = name == null ? "unknown error" : name;
    String message = errorMessage(error);
    if (!message.isEmpty()) {
      detail += ": " + message;
    }
    if ("QuotaExceededError".equals(name)) {
      return new BackendException("quota_exceeded", what + ": the browser's storage quota for"
          + " this site is exhausted (" + detail + ")");
    }
    return new BackendException("storage_error", what + ": " + detail);
  }

  /** A Java exception as it is, or a JavaScript exception thrown by IndexedDB as a failure. */
  static RuntimeException failure(String what, Throwable t) {
    if (t instanceof BackendException) {
      return (BackendException) t;
    }
    JSObject js = jsError(t);
    if (js != null) {
      return failure(what, js);
    }
    if (t instanceof RuntimeException) {
      return (RuntimeException) t;
    }
    return new BackendException("storage_error", what + ": " + t, t);
  }

  /** The DOMException behind {@code t} (thrown by an IndexedDB call), or null. */
  static JSObject jsError(Throwable t) {
    JSObject js = JSExceptions.getJSException(t);
    return !isAbsent(js) && isDomException(js) ? js : null;
  }

  @JSBody(params = "e", script = "return typeof DOMException !== 'undefined' && e instanceof DOMException;")
  private static native boolean isDomException(JSObject e);

  // ---- open and delete ----

  /** Upgrades a database from {@code oldVersion}: the steps of each schema version, in order. */
  private static void upgrade(IDBDatabase db, int oldVersion) {
    if (oldVersion < 1) {
      // Version 1: objects (key: hex id; value: Int8Array of Git header + payload) and refs
      // (key: branch name; value: hex head), both with out-of-line keys.
      if (!hasStore(db, OBJECTS)) {
        db.createObjectStore(OBJECTS);
      }
      if (!hasStore(db, REFS)) {
        db.createObjectStore(REFS);
      }
    }
  }

  /**
   * Opens (creating or upgrading) database {@code name} at {@code version}. When another
   * connection blocks the upgrade, waits up to {@code blockedMillis}, then fails with
   * {@code storage_blocked} (a connection that arrives later is closed at once).
   */
  @Async
  static native IDBDatabase open(String name, int version, int blockedMillis);

  private static void open(String name, int version, int blockedMillis,
      AsyncCallback<IDBDatabase> cb) {
    if (!supported()) {
      cb.error(new BackendException("storage_unavailable", "IndexedDB is not available here"));
      return;
    }
    IDBOpenDBRequest req;
    try {
      req = IDBFactory.getInstance().open(name, version);
    } catch (Throwable t) {
      cb.error(failure("cannot open IndexedDB database '" + name + "'", t));
      return;
    }
    Pending pending = new Pending();
    req.setOnUpgradeNeeded(event -> upgrade(req.getResult(), event.getOldVersion()));
    setOnBlocked(req, () -> pending.startTimer(blockedMillis, () -> cb.error(new BackendException(
        "storage_blocked", "cannot open IndexedDB database '" + name + "' at version " + version
        + ": another tab keeps an older version open and did not close it within "
        + blockedMillis + " ms; close the other tabs of this site or reload them"))));
    req.setOnSuccess(() -> {
      IDBDatabase db = req.getResult();
      if (!pending.settle()) {
        db.close(); // we gave up on it already
        return;
      }
      if (!hasStore(db, OBJECTS) || !hasStore(db, REFS)) {
        db.close();
        cb.error(new BackendException("not_a_store", "IndexedDB database '" + name + "' exists"
            + " at version " + version + " but is not a Grove store (no '" + OBJECTS + "' and '"
            + REFS + "' object stores)"));
        return;
      }
      cb.complete(db);
    });
    req.setOnError(() -> {
      if (!pending.settle()) {
        return;
      }
      JSObject error = req.getError();
      if ("VersionError".equals(errorName(error))) {
        cb.error(new BackendException("storage_version", "IndexedDB database '" + name
            + "' has a newer schema than version " + version + " (a newer Grove upgraded it in"
            + " another tab): reload this page"));
      } else {
        cb.error(failure("cannot open IndexedDB database '" + name + "'", error));
      }
    });
  }

  /**
   * Deletes database {@code name}. Open connections are asked to close (versionchange); when one
   * does not within {@code blockedMillis}, fails with {@code storage_blocked} (the deletion then
   * stays queued until that connection closes).
   */
  @Async
  static native Void deleteDatabase(String name, int blockedMillis);

  private static void deleteDatabase(String name, int blockedMillis, AsyncCallback<Void> cb) {
    if (!supported()) {
      cb.error(new BackendException("storage_unavailable", "IndexedDB is not available here"));
      return;
    }
    IDBOpenDBRequest req;
    try {
      req = IDBFactory.getInstance().deleteDatabase(name);
    } catch (Throwable t) {
      cb.error(failure("cannot delete IndexedDB database '" + name + "'", t));
      return;
    }
    Pending pending = new Pending();
    setOnBlocked(req, () -> pending.startTimer(blockedMillis, () -> cb.error(new BackendException(
        "storage_blocked", "cannot delete IndexedDB database '" + name + "': a connection to it"
        + " stayed open for " + blockedMillis + " ms; it will be deleted once that closes"))));
    req.setOnSuccess(() -> {
      if (pending.settle()) {
        cb.complete(null);
      }
    });
    req.setOnError(() -> {
      if (pending.settle()) {
        cb.error(failure("cannot delete IndexedDB database '" + name + "'", req.getError()));
      }
    });
  }

  /** An open or delete request that may be given up on when it stays blocked too long. */
  private static final class Pending {
    private boolean settled;
    private int timer = -1;

    /** Starts the bounded wait once; {@code onTimeout} runs unless the request settles first. */
    void startTimer(int millis, Runnable onTimeout) {
      if (settled || timer >= 0) {
        return;
      }
      timer = setTimeout(() -> {
        if (!settled) {
          settled = true;
          onTimeout.run();
        }
      }, millis);
    }

    /** Marks the request settled; false when it already was (the timeout won). */
    boolean settle() {
      if (settled) {
        return false;
      }
      settled = true;
      if (timer >= 0) {
        clearTimeout(timer);
      }
      return true;
    }
  }

  // ---- requests ----

  /**
   * Waits for one request and returns its result (undefined for a missing key). Resumes
   * synchronously inside the request's success event, so the caller's transaction is still
   * active and may issue the next request.
   *
   * @throws BackendException when the request failed (its transaction then aborts)
   */
  @Async
  static native JSObject await(IDBRequest req);

  private static void await(IDBRequest req, AsyncCallback<JSObject> cb) {
    if (IDBRequest.STATE_DONE.equals(req.getReadyState())) {
      JSObject error = req.getError();
      if (isAbsent(error)) {
        cb.complete(result(req));
      } else {
        cb.error(new RequestFailed(error));
      }
      return;
    }
    req.setOnSuccess(() -> cb.complete(result(req)));
    req.setOnError(() -> cb.error(new RequestFailed(req.getError())));
  }

  /** A request failed; its transaction aborts. Carries the DOMException. */
  static final class RequestFailed extends BackendException {
    private final transient JSObject error;

    RequestFailed(JSObject error) {
      super("storage_error", "IndexedDB request failed: " + errorName(error));
      this.error = error;
    }

    JSObject error() {
      return error;
    }
  }
}
