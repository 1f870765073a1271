package dev.grove.browser.api;

import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.core.JSArray;
import org.teavm.jso.core.JSBoolean;
import org.teavm.jso.core.JSNumber;
import org.teavm.jso.core.JSString;
import org.teavm.jso.core.JSUndefined;
import org.teavm.jso.typedarrays.Int8Array;

/** Small pieces of plain JavaScript the glue needs: types, properties, bytes, JSON, calls. */
final class Js {
  private Js() {}

  /** A JavaScript function taking one value: a Promise's continuation. */
  @JSFunctor
  interface Consumer extends JSObject {
    void accept(JSObject value);
  }

  /** A JavaScript function taking no argument. */
  @JSFunctor
  interface Task extends JSObject {
    void run();
  }

  /** A JavaScript function taking no argument: what {@code watch} returns. */
  @JSFunctor
  interface Unsubscribe extends JSObject {
    void call();
  }

  /**
   * The kind of a JavaScript value: {@code typeof}, except {@code "null"}, {@code "array"},
   * {@code "bytes"} (a {@code Uint8Array}, a Node {@code Buffer} included, or an
   * {@code ArrayBuffer}) and {@code "view"} (any other typed array or {@code DataView}).
   */
  @JSBody(params = "v", script = "if (v === null) return 'null';"
      + " if (Array.isArray(v)) return 'array';"
      + " if (v instanceof Uint8Array || v instanceof ArrayBuffer) return 'bytes';"
      + " if (ArrayBuffer.isView(v)) return 'view';"
      + " return typeof v;")
  static native String kind(JSObject v);

  /** Whether {@code v} is undefined or null. */
  static boolean absent(JSObject v) {
    String kind = kind(v);
    return kind.equals("undefined") || kind.equals("null");
  }

  /** {@code o[k]}; {@code o} must be an object. */
  @JSBody(params = {"o", "k"}, script = "return o[k];")
  static native JSObject get(JSObject o, String k);

  /** The own enumerable property names of {@code o}. */
  @JSBody(params = "o", script = "return Object.keys(o);")
  static native JSArray<JSString> keys(JSObject o);

  static String string(JSObject v) {
    return ((JSString) v.cast()).stringValue();
  }

  static JSObject string(String s) {
    return s == null ? null : JSString.valueOf(s);
  }

  static double number(JSObject v) {
    return ((JSNumber) v.cast()).doubleValue();
  }

  static JSObject number(double d) {
    return JSNumber.valueOf(d);
  }

  static boolean bool(JSObject v) {
    return ((JSBoolean) v.cast()).booleanValue();
  }

  static JSObject bool(boolean b) {
    return JSBoolean.valueOf(b);
  }

  static JSObject undefined() {
    return JSUndefined.instance();
  }

  /** Whether {@code d} is a whole number that fits in an {@code int}. */
  @JSBody(params = "d", script = "return (d | 0) === d;")
  static native boolean isInt(double d);

  // ---- bytes -----------------------------------------------------------------------------

  /**
   * A copy of a {@code Uint8Array} or {@code ArrayBuffer} as a Java array: the caller may
   * change its array afterwards without changing what was stored.
   */
  static byte[] bytesIn(JSObject bytes) {
    return copyToInt8(bytes).toJavaArray();
  }

  @JSBody(params = "v", script = "return new Int8Array(v instanceof ArrayBuffer ? new Uint8Array(v) : v);")
  private static native Int8Array copyToInt8(JSObject v);

  /**
   * A new {@code Uint8Array} holding a copy of {@code bytes}: the core may keep (cache) its
   * array, and JavaScript must not be able to change it.
   */
  static JSObject bytesOut(byte[] bytes) {
    return copyToUint8(Int8Array.fromJavaArray(bytes));
  }

  @JSBody(params = "a", script = "return new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.length));")
  private static native JSObject copyToUint8(Int8Array a);

  // ---- JSON ------------------------------------------------------------------------------

  /**
   * {@code JSON.stringify(v)} as {@code {text}}, or {@code {error}} saying why {@code v} has no
   * JSON form (a cycle, a BigInt, a function...).
   */
  @JSBody(params = "v", script = "try { var s = JSON.stringify(v);"
      + " return s === undefined ? {error: 'it has no JSON form'} : {text: s}; }"
      + " catch (e) { return {error: String(e && e.message || e)}; }")
  static native JSObject stringify(JSObject v);

  /** {@code JSON.parse(text)} as {@code {value}}, or {@code {error}} with the parser's message. */
  @JSBody(params = "text", script = "try { return {value: JSON.parse(text)}; }"
      + " catch (e) { return {error: String(e && e.message || e)}; }")
  static native JSObject parse(String text);

  // ---- errors and calls ------------------------------------------------------------------

  /** Throws {@code error} to the JavaScript caller of a synchronous method. */
  @JSBody(params = "error", script = "throw error;")
  static native void throwError(JSObject error);

  /**
   * Calls a user's callback with two arguments; what it throws is reported on the console and
   * goes no further: the change it was told of is durable whatever the callback does.
   */
  @JSBody(params = {"fn", "a", "b"}, script = "try { fn(a, b); }"
      + " catch (e) { console.error('grove: a watch callback threw', e); }")
  static native void callSafely(JSObject fn, JSObject a, JSObject b);

  /**
   * Calls a user's callback {@code fn(value)}; what it throws is reported on the console, naming
   * the callback ({@code what}), and goes no further.
   */
  @JSBody(params = {"fn", "value", "what"}, script = "try { fn(value); }"
      + " catch (e) { console.error('grove: the ' + what + ' callback threw', e); }")
  static native void callback(JSObject fn, JSObject value, String what);

  /**
   * Runs a transaction body, {@code body(draft)}, as a Promise job, and passes what it returns
   * (or what its Promise resolves to) to {@code ok}, or what it throws (or rejects with) to
   * {@code fail}.
   */
  @JSBody(params = {"body", "draft", "ok", "fail"},
      script = "Promise.resolve().then(function () { return body(draft); }).then(ok, fail);")
  static native void runBody(JSObject body, JSObject draft, Consumer ok, Consumer fail);

  /** The function {@link #soon} posts through; made on first use. */
  private static JSObject poster;

  /**
   * Runs {@code task} in a new macrotask that is not a timer: {@code setImmediate} where there
   * is one (Node), else a {@code MessageChannel} message. TeaVM starts a green thread with
   * {@code setTimeout(f, 0)}, and browsers delay a timer set from inside a chain of five
   * timers by at least 4 ms; a chain of awaited calls would be such a chain. Starting threads
   * from a message task keeps every call's timer at the first level.
   */
  static void soon(Task task) {
    if (poster == null) {
      poster = makePoster();
    }
    post(poster, task);
  }

  @JSBody(script = "if (typeof setImmediate === 'function') {"
      + "  return function (f) { setImmediate(f); }; }"
      + " if (typeof MessageChannel !== 'function') {"
      + "  return function (f) { setTimeout(f, 0); }; }"
      + " var queue = []; var channel = new MessageChannel();"
      + " channel.port1.onmessage = function () { var f = queue.shift(); if (f) { f(); } };"
      + " return function (f) { queue.push(f); channel.port2.postMessage(0); };")
  private static native JSObject makePoster();

  @JSBody(params = {"poster", "task"}, script = "poster(task);")
  private static native void post(JSObject poster, Task task);

  @JSBody(params = "message", script = "console.error(message);")
  static native void logError(String message);
}
