package dev.grove.server.http;

import io.javalin.http.Context;
import java.util.List;

/**
 * Cross-origin access for browsers on the configured origins only: an allowed origin gets
 * {@code Access-Control-Allow-Origin} with itself, and its preflight (OPTIONS) is answered with
 * the methods (GET, POST) and headers (Authorization, Content-Type) the protocol uses. Any other
 * origin gets no CORS header, so the browser keeps the answer from the page.
 */
final class Cors {
  private final List<String> allowedOrigins;

  Cors(List<String> allowedOrigins) {
    this.allowedOrigins = allowedOrigins;
  }

  /** Adds the CORS headers for an allowed origin; runs before every handler. */
  void addHeaders(Context ctx) {
    ctx.header("Vary", "Origin");
    String origin = ctx.header("Origin");
    if (origin != null && allowedOrigins.contains(origin)) {
      ctx.header("Access-Control-Allow-Origin", origin);
    }
  }

  /** Answers a preflight: 204, with the allowed methods and headers when the origin is allowed. */
  void preflight(Context ctx) {
    String origin = ctx.header("Origin");
    if (origin != null && allowedOrigins.contains(origin)) {
      ctx.header("Access-Control-Allow-Methods", "GET, POST");
      ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
      ctx.header("Access-Control-Max-Age", "600");
    }
    ctx.status(204);
  }
}
