package dev.grove.browser.sync;

import dev.grove.sync.TransportException;
import org.teavm.interop.Async;
import org.teavm.interop.AsyncCallback;
import org.teavm.jso.JSBody;
import org.teavm.jso.JSFunctor;
import org.teavm.jso.JSObject;
import org.teavm.jso.JSProperty;
import org.teavm.jso.typedarrays.Int8Array;

/**
 * {@code fetch} glue: every wait is an {@link Async} method, so the calling green thread
 * blocks until the Promise settles. A rejected {@code fetch} (the network failed, the server is
 * unreachable, or the browser refused the response under CORS, which a page cannot tell
 * apart) is a {@link TransportException}, and so is a reply that never came or a body that
 * broke off or stalled. A request waits for the reply's head (status and headers) at most a
 * reply timeout, counted from its start, since it covers the upload of the request body and
 * the server's work; only then does an idle timer start, restarted by every piece of the body
 * that arrives. Either aborts the request when it runs out.
 */
final class Fetch {
  /** What a page can say of a rejected fetch: the browser does not tell which it was. */
  private static final String NO_ANSWER = " (no answer: the server is unreachable or offline,"
      + " or it does not allow this page's origin)";

  private Fetch() {}

  /** A whole reply: status, {@code Content-Type} header ('' when absent), body. */
  interface Answer extends JSObject {
    @JSProperty
    int getStatus();

    @JSProperty
    String getType();

    @JSProperty
    Int8Array getBody();
  }

  /**
   * The head of a streamed reply: status and type; {@code reader} (the body's reader) when the
   * status is 2xx, else {@code body} (the whole error body).
   */
  interface StreamHead extends Answer {
    @JSProperty
    JSObject getReader();
  }

  /** A piece of a streamed body: its text, or {@code done}. */
  interface Piece extends JSObject {
    @JSProperty
    boolean isDone();

    @JSProperty
    String getText();
  }

  @JSFunctor
  interface Done extends JSObject {
    void accept(JSObject value);
  }

  /** How a wait failed: the request got no answer. */
  private static final int NO_ANSWER_KIND = 0;
  /** The answer began and the connection broke. */
  private static final int BROKE = 1;
  /** The stream was aborted (cancelled). */
  private static final int ABORTED = 2;
  /** Nothing arrived for the idle timeout: the request was aborted. */
  private static final int IDLE = 3;
  /** The reply's head did not arrive within the reply timeout: the request was aborted. */
  private static final int NO_HEAD = 4;

  @JSFunctor
  interface Failed extends JSObject {
    /**
     * {@code kind}: {@link #NO_ANSWER_KIND}, {@link #BROKE}, {@link #ABORTED}, {@link #IDLE} or
     * {@link #NO_HEAD}.
     */
    void accept(String message, int kind);
  }

  /** The error of a failed wait, or {@link Aborted}. */
  private static RuntimeException failure(String what, String message, int kind, int idleMs,
      int replyMs) {
    switch (kind) {
      case ABORTED:
        return new Aborted();
      case NO_HEAD:
        return new TransportException(what + ": no reply within " + seconds(replyMs)
            + ": the server is stalled or the connection is broken (the server may still have"
            + " carried the request out)");
      case IDLE:
        return new TransportException(what + ": no data for " + seconds(idleMs)
            + ": the connection is stalled or broken");
      case BROKE:
        return new TransportException(what + ": the connection broke during the answer: " + message);
      case NO_ANSWER_KIND:
      default:
        return new TransportException(what + " failed: " + message + NO_ANSWER);
    }
  }

  private static String seconds(int ms) {
    return ms >= 1000 && ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }

  /** Whether this JavaScript runtime has {@code fetch} with streaming bodies (browsers, Node 18+). */
  @JSBody(script = "return typeof fetch === 'function' && typeof AbortController === 'function'"
      + " && typeof TextDecoder === 'function';")
  static native boolean available();

  /**
   * Sends a request and reads the whole reply, giving up when its head (status and headers)
   * has not arrived {@code replyMs} after the start (sending the body and the server's work
   * included), or when no byte of its body arrives for {@code idleMs} (the body is read as a
   * stream; each piece restarts that timer).
   */
  @Async
  static native Answer send(String url, String method, String token, String contentType,
      Int8Array body, int replyMs, int idleMs);

  private static void send(String url, String method, String token, String contentType,
      Int8Array body, int replyMs, int idleMs, AsyncCallback<Answer> cb) {
    send(url, method, token, contentType, body, replyMs, idleMs,
        value -> cb.complete(value.<Answer>cast()),
        (message, kind) -> cb.error(failure(method + " " + url, message, kind, idleMs, replyMs)));
  }

  @JSBody(params = {"url", "method", "token", "type", "body", "replyMs", "idleMs", "ok", "fail"},
      script = ""
      + "var headers = {};"
      + " if (token !== null) { headers['Authorization'] = 'Bearer ' + token; }"
      + " if (type !== null) { headers['Content-Type'] = type; }"
      + " var controller = new AbortController(); var late = 0; var answered = false; var timer = null;"
      + " function wait(ms, kind) { if (timer !== null) { clearTimeout(timer); }"
      + "   timer = setTimeout(function () { late = kind; controller.abort(); }, ms); }"
      + " var init = {method: method, headers: headers, cache: 'no-store', signal: controller.signal};"
      + " if (body !== null) { init.body = new Uint8Array(body.buffer, body.byteOffset, body.length); }"
      + " var promise;"
      + " wait(replyMs, 4);"
      + " try { promise = fetch(url, init); } catch (e) { promise = Promise.reject(e); }"
      + " promise.then(function (r) {"
      + "   answered = true; wait(idleMs, 3);"
      + "   var type = r.headers.get('content-type') || '';"
      + "   if (!r.body) { return r.arrayBuffer().then(function (b) {"
      + "     return {status: r.status, type: type, body: new Int8Array(b)}; }); }"
      + "   var reader = r.body.getReader(); var chunks = []; var size = 0;"
      + "   function next() { return reader.read().then(function (p) {"
      + "     if (p.done) { var all = new Int8Array(size); var at = 0;"
      + "       for (var i = 0; i < chunks.length; i++) { all.set(chunks[i], at); at += chunks[i].length; }"
      + "       return {status: r.status, type: type, body: all}; }"
      + "     chunks.push(new Int8Array(p.value.buffer, p.value.byteOffset, p.value.length));"
      + "     size += p.value.length; wait(idleMs, 3); return next(); }); }"
      + "   return next();"
      + " }).then(function (a) { clearTimeout(timer); ok(a); }, function (e) {"
      + "   clearTimeout(timer);"
      + "   var m = String(e && e.message || e);"
      + "   if (e && e.cause) { m += ' (' + String(e.cause.code || e.cause.message || e.cause) + ')'; }"
      + "   fail(m, late !== 0 ? late : answered ? 1 : 0); });")
  private static native void send(String url, String method, String token, String type,
      Int8Array body, int replyMs, int idleMs, Done ok, Failed fail);

  /** A new {@code AbortController}. */
  @JSBody(script = "return new AbortController();")
  static native JSObject abortController();

  @JSBody(params = "controller", script = "controller.abort();")
  static native void abort(JSObject controller);

  /** A new streaming UTF-8 decoder (a character split between two pieces decodes whole). */
  @JSBody(script = "return new TextDecoder('utf-8');")
  static native JSObject decoder();

  /**
   * Opens a server-sent event stream: waits for the reply's head (and, for an error status,
   * its whole body), at most {@code idleMs}.
   *
   * @throws TransportException when the request fails or times out; {@link Aborted} when it
   *     was aborted
   */
  @Async
  static native StreamHead open(String url, String token, JSObject controller, int idleMs);

  private static void open(String url, String token, JSObject controller, int idleMs,
      AsyncCallback<StreamHead> cb) {
    open(url, token, controller, idleMs, value -> cb.complete(value.<StreamHead>cast()),
        (message, kind) -> cb.error(failure("GET " + url, message, kind, idleMs, idleMs)));
  }

  @JSBody(params = {"url", "token", "controller", "idleMs", "ok", "fail"}, script = ""
      + "var headers = {'Accept': 'text/event-stream'};"
      + " if (token !== null) { headers['Authorization'] = 'Bearer ' + token; }"
      + " var init = {headers: headers, cache: 'no-store', signal: controller.signal};"
      + " var idle = false; var answered = false;"
      + " var timer = setTimeout(function () { idle = true; controller.abort(); }, idleMs);"
      + " var promise;"
      + " try { promise = fetch(url, init); } catch (e) { promise = Promise.reject(e); }"
      + " promise.then(function (r) {"
      + "   answered = true;"
      + "   var type = r.headers.get('content-type') || '';"
      + "   if (r.ok && r.body) { return {status: r.status, type: type, reader: r.body.getReader()}; }"
      + "   return r.arrayBuffer().then(function (b) {"
      + "     return {status: r.status, type: type, body: new Int8Array(b)}; });"
      + " }).then(function (h) { clearTimeout(timer); ok(h); }, function (e) {"
      + "   clearTimeout(timer);"
      + "   var m = String(e && e.message || e);"
      + "   if (e && e.cause) { m += ' (' + String(e.cause.code || e.cause.message || e.cause) + ')'; }"
      + "   fail(m, idle ? 3 : controller.signal.aborted ? 2 : answered ? 1 : 0); });")
  private static native void open(String url, String token, JSObject controller, int idleMs,
      Done ok, Failed fail);

  /**
   * Reads the next piece of a streamed body as text, waiting at most {@code idleMs} for it
   * (then the request is aborted).
   *
   * @throws TransportException when the stream broke or stayed silent; {@link Aborted} when it
   *     was aborted
   */
  @Async
  static native Piece read(JSObject reader, JSObject decoder, JSObject controller, int idleMs);

  private static void read(JSObject reader, JSObject decoder, JSObject controller, int idleMs,
      AsyncCallback<Piece> cb) {
    read(reader, decoder, controller, idleMs, value -> cb.complete(value.<Piece>cast()),
        (message, kind) -> cb.error(failure("the event stream", message, kind, idleMs, idleMs)));
  }

  @JSBody(params = {"reader", "decoder", "controller", "idleMs", "ok", "fail"}, script = ""
      + "var idle = false;"
      + " var timer = setTimeout(function () { idle = true; controller.abort(); }, idleMs);"
      + " reader.read().then(function (r) {"
      + "   if (r.done) { return {done: true, text: decoder.decode()}; }"
      + "   return {done: false, text: decoder.decode(r.value, {stream: true})};"
      + " }).then(function (p) { clearTimeout(timer); ok(p); }, function (e) {"
      + "   clearTimeout(timer);"
      + "   fail(String(e && e.message || e), idle ? 3 : controller.signal.aborted ? 2 : 1); });")
  private static native void read(JSObject reader, JSObject decoder, JSObject controller,
      int idleMs, Done ok, Failed fail);

  /** The wait ended because the stream was aborted (cancelled): not a failure to report. */
  static final class Aborted extends RuntimeException {
    Aborted() {
      super("aborted");
    }
  }
}
