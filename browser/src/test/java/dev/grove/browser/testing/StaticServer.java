package dev.grove.browser.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Serves a directory over http on {@code 127.0.0.1} and a free port, for pages that load ES
 * modules (which browsers refuse from {@code file://}). GET and HEAD only, no listings, nothing
 * outside the directory, no caching.
 */
public final class StaticServer implements AutoCloseable {
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8",
      "js", "text/javascript; charset=utf-8",
      "mjs", "text/javascript; charset=utf-8",
      "json", "application/json",
      "css", "text/css; charset=utf-8",
      "map", "application/json",
      "wasm", "application/wasm",
      "ts", "text/plain; charset=utf-8",
      "txt", "text/plain; charset=utf-8");

  private final Path root;
  private final HttpServer server;

  private StaticServer(Path root, HttpServer server) {
    this.root = root;
    this.server = server;
  }

  /** Starts serving {@code root}. */
  public static StaticServer serve(Path root) throws IOException {
    Path dir = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new IOException("nothing to serve: " + dir + " is not a directory");
    }
    HttpServer server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    StaticServer self = new StaticServer(dir, server);
    server.createContext("/", self::handle);
    server.start();
    return self;
  }

  /** The URL of {@code path} (relative to the served directory, no leading slash). */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      URI uri = exchange.getRequestURI();
      Path file = root.resolve(uri.getPath().substring(1)).normalize();
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        byte[] body = ("not found: " + uri.getPath()).getBytes();
        exchange.sendResponseHeaders(404, body.length);
        exchange.getResponseBody().write(body);
        return;
      }
      String name = file.getFileName().toString();
      String extension = name.substring(name.lastIndexOf('.') + 1);
      exchange.getResponseHeaders().set("Content-Type",
          TYPES.getOrDefault(extension, "application/octet-stream"));
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      long size = Files.size(file);
      if (method.equals("HEAD")) {
        exchange.sendResponseHeaders(200, -1);
        return;
      }
      exchange.sendResponseHeaders(200, size == 0 ? -1 : size);
      try (OutputStream out = exchange.getResponseBody()) {
        Files.copy(file, out);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
