package dev.grove.server.http;

import dev.grove.sync.Protocol;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes JSON answers and JSON errors ({@code {"code": ..., "message": ...}}, docs/PROTOCOL.md "Errors"). */
final class Replies {
  static final String JSON = Protocol.JSON_TYPE;

  private Replies() {}

  static void json(Context ctx, int status, byte[] body) {
    ctx.status(status);
    ctx.contentType(JSON);
    ctx.result(body);
  }

  static void error(Context ctx, int status, String code, String message) {
    json(ctx, status, Protocol.errorJson(code, message));
  }

  /** An error straight on a servlet response (outside Javalin: the Git servlet's filter). */
  static void error(HttpServletResponse res, int status, String code, String message) throws IOException {
    byte[] body = Protocol.errorJson(code, message);
    res.setStatus(status);
    res.setContentType(JSON);
    res.setContentLength(body.length);
    res.getOutputStream().write(body);
  }
}
