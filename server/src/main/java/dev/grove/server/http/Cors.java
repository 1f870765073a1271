package dev.grove.server.http;

import io.javalin.http.Context;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Cross-origin access for browsers on the configured origins only: an allowed origin gets
 * {@code Access-Control-Allow-Origin} with itself, and its preflight (OPTIONS) is answered with
 * the methods (GET, POST) and headers (Authorization, Content-Type) the protocol uses. Any other
 * origin gets no CORS header, so the browser keeps the answer from the page. The same for the
 * protocol's routes (Javalin handlers) and for Git's smart HTTP under {@code /git/} (a servlet
 * filter ahead of the access check: a preflight carries no credentials).
 */
final class Cors {
  private final List<String> allowedOrigins;

  Cors(List<String> allowedOrigins) {
    this.allowedOrigins = allowedOrigins;
  }

  /** Adds the CORS headers for an allowed origin; runs before every handler. */
  void addHeaders(Context ctx) {
    addHeaders(ctx.header("Origin"), ctx::header);
  }

  /** Answers a preflight: 204, with the allowed methods and headers when the origin is allowed. */
  void preflight(Context ctx) {
    preflight(ctx.header("Origin"), ctx::header);
    ctx.status(204);
  }

  private void addHeaders(String origin, BiConsumer<String, String> header) {
    header.accept("Vary", "Origin");
    if (origin != null && allowedOrigins.contains(origin)) {
      header.accept("Access-Control-Allow-Origin", origin);
    }
  }

  private void preflight(String origin, BiConsumer<String, String> header) {
    if (origin != null && allowedOrigins.contains(origin)) {
      header.accept("Access-Control-Allow-Methods", "GET, POST");
      header.accept("Access-Control-Allow-Headers", "Authorization, Content-Type");
      header.accept("Access-Control-Max-Age", "600");
    }
  }

  /** The same headers for the servlets (Git's smart HTTP); answers every OPTIONS as a preflight. */
  Filter servletFilter() {
    return new Filter() {
      @Override
      public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
          throws IOException, ServletException {
        HttpServletRequest req = (HttpServletRequest) request;
        HttpServletResponse res = (HttpServletResponse) response;
        String origin = req.getHeader("Origin");
        addHeaders(origin, res::setHeader);
        if (req.getMethod().equals("OPTIONS")) {
          preflight(origin, res::setHeader);
          res.setStatus(204);
          return;
        }
        chain.doFilter(request, response);
      }
    };
  }
}
