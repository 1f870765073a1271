package dev.grove.server.http;

import dev.grove.sync.Protocol;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The error answers Jetty writes itself, as the JSON error shape of docs/PROTOCOL.md
 * ({@code {"code": ..., "message": ...}}) instead of HTML: requests Jetty refuses before any
 * handler (a bad {@code Content-Length}, an ambiguous path such as {@code //} or {@code %2F}, a
 * {@code %00}), requests during the graceful stop (503), and errors a servlet sends with
 * {@code sendError} (JGit's 404 for an unknown {@code /git/NAME.git/...} path). One handler for the
 * server and one for the servlet context, as Jetty asks for each. No stack trace or cause is
 * ever shown.
 */
final class JsonErrorPages {
  private JsonErrorPages() {}

  /** The handler for errors outside any context (set with {@code Server.setErrorHandler}). */
  static ErrorHandler forServer() {
    return new ServerErrors();
  }

  /** The handler for the servlet context (set with {@code ServletContextHandler.setErrorHandler}). */
  static ErrorHandler forContext() {
    return new ContextErrors();
  }

  /** The stable code of an HTTP status that Jetty answers on its own. */
  static String codeOf(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 408 -> "request_timeout";
      case 411 -> "length_required";
      case 413 -> "body_too_large";
      case 414 -> "uri_too_long";
      case 415 -> "unsupported_media_type";
      case 431 -> "headers_too_large";
      case 503 -> "unavailable";
      default -> status >= 500 ? "internal" : "bad_request";
    };
  }

  static byte[] body(int status, String message) {
    String text = message == null || message.isBlank() || status >= 500 && status != 503
        ? defaultMessage(status) : message;
    return Protocol.errorJson(codeOf(status), text);
  }

  private static String defaultMessage(int status) {
    return status >= 500 && status != 503 ? "an internal error occurred; the server's log says more"
        : "the request was refused (HTTP " + status + ")";
  }

  private static void writeJson(Response response, Callback callback, int status, String message) {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Protocol.JSON_TYPE);
    response.write(true, ByteBuffer.wrap(body(status, message)), callback);
  }

  private static final class ServerErrors extends ErrorHandler {
    @Override
    public boolean errorPageForMethod(String method) {
      return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message,
        Throwable cause, Callback callback) {
      writeJson(response, callback, code, message);
    }

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
        String contentType, List<Charset> charsets, int code, String message, Throwable cause) {
      writeJson(response, callback, code, message);
      return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
      fields.put(HttpHeader.CONTENT_TYPE, Protocol.JSON_TYPE);
      return ByteBuffer.wrap(body(status, reason));
    }
  }

  private static final class ContextErrors extends org.eclipse.jetty.ee10.servlet.ErrorHandler {
    @Override
    public boolean errorPageForMethod(String method) {
      return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message,
        Throwable cause, Callback callback) {
      writeJson(response, callback, code, message);
    }

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback,
        String contentType, List<Charset> charsets, int code, String message, Throwable cause) {
      writeJson(response, callback, code, message);
      return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
      fields.put(HttpHeader.CONTENT_TYPE, Protocol.JSON_TYPE);
      return ByteBuffer.wrap(body(status, reason));
    }
  }
}
