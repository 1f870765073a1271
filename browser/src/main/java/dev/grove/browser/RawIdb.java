package dev.grove.browser;

import org.teavm.interop.Async;
import org.teavm.interop.AsyncCallback;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * IndexedDB as another tab (or a careless script) would use it, bypassing the backend: for the
 * browser checks. Each operation is a JavaScript Promise awaited by the calling Java thread.
 */
final class RawIdb {
  private RawIdb() {}

  @JSFunctor
  interface Settle extends JSObject {
    void call(JSObject value);
  }

  @JSBody(params = {"p", "ok", "fail"}, script = "p.then(function(v) { ok(v); },"
      + " function(e) { fail(e); });")
  private static native void then(JSObject promise, Settle ok, Settle fail);

  @JSBody(params = "e", script = "return e && e.name ? e.name + ': ' + e.message : String(e);")
  private static native String describe(JSObject e);

  /** Waits for a Promise; a rejection throws with the reason's name and message. */
  @Async
  static native JSObject await(JSObject promise);

  private static void await(JSObject promise, AsyncCallback<JSObject> cb) {
    then(promise, cb::complete, e -> cb.error(new IllegalStateException(describe(e))));
  }

  /** Puts {@code value} under {@code key} in {@code store} of database {@code db}. */
  @JSBody(params = {"db", "store", "key", "value"}, script = ""
      + "return new Promise(function(resolve, reject) {"
      + "  var open = indexedDB.open(db);"
      + "  open.onerror = function() { reject(open.error); };"
      + "  open.onsuccess = function() {"
      + "    var conn = open.result;"
      + "    var tx = conn.transaction([store], 'readwrite');"
      + "    tx.objectStore(store).put(value, key);"
      + "    tx.oncomplete = function() { conn.close(); resolve(null); };"
      + "    tx.onabort = function() { conn.close(); reject(tx.error); };"
      + "  };"
      + "});")
  private static native JSObject putPromise(String db, String store, String key, JSObject value);

  static void put(String db, String store, String key, JSObject value) {
    await(putPromise(db, store, key, value));
  }

  @JSBody(params = "db", script = "return indexedDB.databases().then(function(all) {"
      + " return all.some(function(d) { return d.name === db; }); });")
  private static native JSObject existsPromise(String db);

  /** Whether database {@code db} exists ({@code indexedDB.databases()}). */
  static boolean exists(String db) {
    return isTrue(await(existsPromise(db)));
  }

  @JSBody(params = "v", script = "return v === true;")
  private static native boolean isTrue(JSObject v);

  @JSBody(params = "s", script = "return s;")
  static native JSObject string(String s);

  static JSObject bytes(byte[] bytes) {
    return Int8Array.fromJavaArray(bytes.clone());
  }

  /**
   * Opens {@code db} at {@code version} (0: the current one) as an old tab that ignores
   * versionchange: the connection stays open until {@link #closeHeld}.
   */
  @JSBody(params = {"db", "version"}, script = ""
      + "return new Promise(function(resolve, reject) {"
      + "  var open = version > 0 ? indexedDB.open(db, version) : indexedDB.open(db);"
      + "  open.onupgradeneeded = function() {"
      + "    var conn = open.result;"
      + "    ['objects', 'refs'].forEach(function(s) {"
      + "      if (!conn.objectStoreNames.contains(s)) { conn.createObjectStore(s); } });"
      + "  };"
      + "  open.onerror = function() { reject(open.error); };"
      + "  open.onsuccess = function() {"
      + "    (window.groveHeld = window.groveHeld || []).push(open.result); resolve(null); };"
      + "});")
  private static native JSObject holdPromise(String db, int version);

  static void hold(String db, int version) {
    await(holdPromise(db, version));
  }

  /** Creates {@code db} at version 1 as some other script would, with a store of its own. */
  @JSBody(params = "db", script = ""
      + "return new Promise(function(resolve, reject) {"
      + "  var open = indexedDB.open(db, 1);"
      + "  open.onupgradeneeded = function() { open.result.createObjectStore('other'); };"
      + "  open.onerror = function() { reject(open.error); };"
      + "  open.onsuccess = function() { open.result.close(); resolve(null); };"
      + "});")
  private static native JSObject createForeignPromise(String db);

  static void createForeign(String db) {
    await(createForeignPromise(db));
  }

  @JSBody(script = "(window.groveHeld || []).forEach(function(c) { c.close(); });"
      + " window.groveHeld = [];")
  static native void closeHeld();

  /**
   * Opens {@code db} at {@code version} (an upgrade, as a newer page would), then closes it.
   * Rejects when blocked for more than {@code millis}.
   */
  @JSBody(params = {"db", "version", "millis"}, script = ""
      + "return new Promise(function(resolve, reject) {"
      + "  var open = indexedDB.open(db, version);"
      + "  open.onblocked = function() {"
      + "    setTimeout(function() { reject(new Error('blocked for ' + millis + ' ms')); }, millis); };"
      + "  open.onerror = function() { reject(open.error); };"
      + "  open.onsuccess = function() { open.result.close(); resolve(null); };"
      + "});")
  private static native JSObject upgradePromise(String db, int version, int millis);

  static void upgrade(String db, int version, int millis) {
    await(upgradePromise(db, version, millis));
  }

  /** Deletes {@code db}; rejects when blocked for more than {@code millis}. */
  @JSBody(params = {"db", "millis"}, script = ""
      + "return new Promise(function(resolve, reject) {"
      + "  var del = indexedDB.deleteDatabase(db);"
      + "  del.onblocked = function() {"
      + "    setTimeout(function() { reject(new Error('blocked for ' + millis + ' ms')); }, millis); };"
      + "  del.onerror = function() { reject(del.error); };"
      + "  del.onsuccess = function() { resolve(null); };"
      + "});")
  private static native JSObject deletePromise(String db, int millis);

  static void delete(String db, int millis) {
    await(deletePromise(db, millis));
  }

  /** Sends a page event: {@code window} "focus" or {@code document} "visibilitychange". */
  @JSBody(params = "type", script = "var target = type === 'focus' ? window : document;"
      + " target.dispatchEvent(new Event(type));")
  static native void dispatch(String type);

  @JSBody(script = "return document.visibilityState;")
  static native String visibility();
}
