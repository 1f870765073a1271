package dev.grove.server.http;

import static dev.grove.server.http.ServerEndpointsTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.json.Json;
import dev.grove.server.storage.Stores;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests at the edges: HEAD goes through the same authentication and 404 as GET; what Jetty
 * or JGit refuse themselves is the JSON error shape too; Git's service parameter is read
 * decoded.
 */
class EdgeRequestsTest {
  @TempDir
  Path data;

  private TestServer t;

  @BeforeEach
  void start() {
    t = TestServer.start(data);
    t.createRepository("notes", Stores.Kind.GIT);
  }

  @AfterEach
  void stop() {
    t.close();
  }

  @Test
  void headIsCheckedAsGetIs() {
    assertEquals(401, head("/repos/notes/refs", null).statusCode());
    assertEquals(401, head("/repos/nope/refs", null).statusCode());
    assertEquals(404, head("/repos/nope/refs", t.readToken).statusCode());
    assertEquals(200, head("/repos/notes/refs", t.readToken).statusCode());
    assertEquals(401, head("/repos/nope/watch", null).statusCode());
    assertEquals(404, head("/repos/nope/watch", t.readToken).statusCode());
    HttpResponse<String> watch = head("/repos/notes/watch", t.readToken);
    assertEquals(200, watch.statusCode());
    assertEquals("", watch.body(), "a HEAD opens no stream");
    assertEquals(200, head("/health", null).statusCode());
    assertEquals(200, head("/", null).statusCode());
    assertEquals(404, head("/nothing", null).statusCode());
  }

  @Test
  void errorsJettyAndJgitAnswerThemselvesAreJson() throws Exception {
    assertError(t.get("/git/notes.git/no/such/path", t.readToken), 404, "not_found");
    assertRawError(rawGet("/git//notes.git/info/refs", t.readToken), 400, "bad_request");
    assertRawError(rawGet("/repos//refs", t.readToken), 404, "not_found");
    assertError(t.get("/repos/a%2Fb/refs", t.readToken), 404, "repository_not_found");
    assertRawError(rawGet("/repos/a%00/refs", t.readToken), 400, "bad_request");
    assertError(t.send(t.request("/health", null).method("PUT", HttpRequest.BodyPublishers.noBody()).build()),
        404, "not_found");
    assertRawError(rawRequest("POST /repos/notes/push HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n"),
        400, "bad_request");
  }

  @Test
  void anEncodedReceivePackServiceNeedsAWriteToken() throws Exception {
    assertError(t.get("/git/notes.git/info/refs?service=git%2Dreceive%2Dpack", t.readToken), 403, "forbidden");
    assertError(t.get("/git/notes.git/info/refs?service=git-receive-pack", t.readToken), 403, "forbidden");
    assertRawError(rawGet("/git/notes.git/info/refs?x=1&service=%zz", t.readToken), 403, "forbidden");
    assertEquals(200, t.get("/git/notes.git/info/refs?service=git%2Dupload%2Dpack", t.readToken).statusCode());
    assertEquals(200, t.get("/git/notes.git/info/refs?service=git-receive-pack", t.writeToken).statusCode());
  }

  private HttpResponse<String> head(String path, String token) {
    return t.send(t.request(path, token).method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
  }

  private static void assertRawError(String raw, int status, String code) {
    assertTrue(raw.startsWith("HTTP/1.1 " + status + " "), raw);
    assertTrue(raw.contains("Content-Type: application/json"), raw);
    Object body = Json.parse(raw.substring(raw.indexOf("\r\n\r\n") + 4));
    assertEquals(code, ((Map<?, ?>) body).get("code"), raw);
  }

  private String rawGet(String path, String token) throws Exception {
    return rawRequest("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer "
        + token + "\r\n\r\n");
  }

  private String rawRequest(String request) throws Exception {
    try (Socket socket = new Socket("127.0.0.1", t.server.port())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
