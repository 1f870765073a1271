package dev.grove.server.http;

import dev.grove.json.Json;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes JSON answers and JSON errors ({@code {"code": ..., "message": ...}}, docs/PROTOCOL.md "Errors"). */
final class Replies {
  static final String JSON = "application/json";

  private Replies() {}

  static byte[] errorJson(String code, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code);
    body.put("message", message);
    return Json.writeUtf8(body);
  }

  static void json(Context ctx, int status, byte[] body) {
    ctx.status(status);
    ctx.contentType(JSON);
    ctx.result(body);
  }

  static void error(Context ctx, int status, String code, String message) {
    json(ctx, status, errorJson(code, message));
  }

  /** An error straight on a servlet response (outside Javalin: the Git servlet's filter). */
  static void error(HttpServletResponse res, int status, String code, String message) throws IOException {
    byte[] body = errorJson(code, message);
    res.setStatus(status);
    res.setContentType(JSON);
    res.setContentLength(body.length);
    res.getOutputStream().write(body);
  }
}
