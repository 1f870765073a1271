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
 * apart) is a {@link TransportException}.
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

  @JSFunctor
  interface Failed extends JSObject {
    void accept(String message, boolean aborted);
  }

  /** Whether this JavaScript runtime has {@code fetch} with streaming bodies (browsers, Node 18+). */
  @JSBody(script = "return typeof fetch === 'function' && typeof AbortController === 'function'"
      + " && typeof TextDecoder === 'function';")
  static native boolean available();

  /** Sends a request and reads the whole reply. */
  @Async
  static native Answer send(String url, String method, String token, String contentType,
      Int8Array body);

  private static void send(String url, String method, String token, String contentType,
      Int8Array body, AsyncCallback<Answer> cb) {
    send(url, method, token, contentType, body, value -> cb.complete(value.<Answer>cast()),
        (message, aborted) -> cb.error(new TransportException(method + " " + url + " failed: "
            + message + NO_ANSWER)));
  }

  @JSBody(params = {"url", "method", "token", "type", "body", "ok", "fail"}, script = ""
      + "var headers = {};"
      + " if (token !== null) { headers['Authorization'] = 'Bearer ' + token; }"
      + " if (type !== null) { headers['Content-Type'] = type; }"
      + " var init = {method: method, headers: headers, cache: 'no-store'};"
      + " if (body !== null) { init.body = new Uint8Array(body.buffer, body.byteOffset, body.length); }"
      + " var promise;"
      + " try { promise = fetch(url, init); } catch (e) { promise = Promise.reject(e); }"
      + " promise.then(function (r) { return r.arrayBuffer().then(function (b) {"
      + "   return {status: r.status, type: r.headers.get('content-type') || '', body: new Int8Array(b)};"
      + " }); }).then(function (a) { ok(a); }, function (e) {"
      + "   var m = String(e && e.message || e);"
      + "   if (e && e.cause) { m += ' (' + String(e.cause.code || e.cause.message || e.cause) + ')'; }"
      + "   fail(m, false); });")
  private static native void send(String url, String method, String token, String type,
      Int8Array body, Done ok, Failed fail);

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
   * its whole body).
   *
   * @throws TransportException when the request fails; {@link Aborted} when it was aborted
   */
  @Async
  static native StreamHead open(String url, String token, JSObject controller);

  private static void open(String url, String token, JSObject controller,
      AsyncCallback<StreamHead> cb) {
    open(url, token, controller, value -> cb.complete(value.<StreamHead>cast()),
        (message, aborted) -> cb.error(aborted ? new Aborted()
            : new TransportException("GET " + url + " failed: " + message + NO_ANSWER)));
  }

  @JSBody(params = {"url", "token", "controller", "ok", "fail"}, script = ""
      + "var headers = {'Accept': 'text/event-stream'};"
      + " if (token !== null) { headers['Authorization'] = 'Bearer ' + token; }"
      + " var init = {headers: headers, cache: 'no-store', signal: controller.signal};"
      + " var promise;"
      + " try { promise = fetch(url, init); } catch (e) { promise = Promise.reject(e); }"
      + " promise.then(function (r) {"
      + "   var type = r.headers.get('content-type') || '';"
      + "   if (r.ok && r.body) { return {status: r.status, type: type, reader: r.body.getReader()}; }"
      + "   return r.arrayBuffer().then(function (b) {"
      + "     return {status: r.status, type: type, body: new Int8Array(b)}; });"
      + " }).then(function (h) { ok(h); }, function (e) {"
      + "   var m = String(e && e.message || e);"
      + "   if (e && e.cause) { m += ' (' + String(e.cause.code || e.cause.message || e.cause) + ')'; }"
      + "   fail(m, controller.signal.aborted); });")
  private static native void open(String url, String token, JSObject controller, Done ok,
      Failed fail);

  /**
   * Reads the next piece of a streamed body as text.
   *
   * @throws TransportException when the stream broke; {@link Aborted} when it was aborted
   */
  @Async
  static native Piece read(JSObject reader, JSObject decoder, JSObject controller);

  private static void read(JSObject reader, JSObject decoder, JSObject controller,
      AsyncCallback<Piece> cb) {
    read(reader, decoder, controller, value -> cb.complete(value.<Piece>cast()),
        (message, aborted) -> cb.error(aborted ? new Aborted()
            : new TransportException("the event stream broke: " + message)));
  }

  @JSBody(params = {"reader", "decoder", "controller", "ok", "fail"}, script = ""
      + "reader.read().then(function (r) {"
      + "   if (r.done) { return {done: true, text: decoder.decode()}; }"
      + "   return {done: false, text: decoder.decode(r.value, {stream: true})};"
      + " }).then(function (p) { ok(p); }, function (e) {"
      + "   fail(String(e && e.message || e), controller.signal.aborted); });")
  private static native void read(JSObject reader, JSObject decoder, JSObject controller,
      Done ok, Failed fail);

  /** The wait ended because the stream was aborted (cancelled): not a failure to report. */
  static final class Aborted extends RuntimeException {
    Aborted() {
      super("aborted");
    }
  }
}
