package dev.grove.server.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import dev.grove.sync.Reply;
import dev.grove.sync.Request;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Only refs of an absent repository reads as empty; every other answer passes through unchanged. */
class PushCreatesTransportTest {
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      String code = path.startsWith("/repos/absent/") ? "repository_not_found" : path.endsWith("/refs") ? "not_found" : "unauthorized";
      byte[] body = ("{\"code\":\"" + code + "\",\"message\":\"m\"}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(code.equals("unauthorized") ? 401 : 404, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private Reply send(String repository, Request request) {
    String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/repos/" + repository;
    return new PushCreatesTransport(new JdkTransport(url, null)).send(request);
  }

  private static String text(Reply reply) throws IOException {
    try (reply) {
      return new String(reply.body().readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void refsOfAnAbsentRepositoryReadAsNoBranches() throws IOException {
    Reply reply = send("absent", Request.get("refs"));
    assertEquals(200, reply.status());
    assertEquals("application/json", reply.contentType());
    assertEquals("{\"protocol\":1,\"branches\":{}}", text(reply));
  }

  @Test
  void otherAnswersPassThrough() throws IOException {
    Reply other404 = send("x", Request.get("refs"));
    assertEquals(404, other404.status());
    assertEquals("{\"code\":\"not_found\",\"message\":\"m\"}", text(other404));
    Reply fetch = send("absent", Request.post("fetch", "application/json", new byte[] {'{', '}'}));
    assertEquals(404, fetch.status());
    assertEquals("{\"code\":\"repository_not_found\",\"message\":\"m\"}", text(fetch));
    assertEquals(401, send("x", Request.post("push", "application/x-grove-bundle", new byte[0])).status());
  }
}
