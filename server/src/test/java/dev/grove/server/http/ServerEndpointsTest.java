package dev.grove.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.json.Json;
import dev.grove.object.RawObject;
import dev.grove.server.storage.Stores;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health, the page, authentication, CORS and limits, over real HTTP on loopback. */
class ServerEndpointsTest {
  private static final String BUNDLE = "application/x-grove-bundle";

  @TempDir
  Path data;

  private TestServer t;

  @AfterEach
  void stop() {
    if (t != null) {
      t.close();
    }
  }

  @Test
  void healthNeedsNoToken() {
    t = TestServer.start(data);
    HttpResponse<String> health = t.get("/health", null);
    assertEquals(200, health.statusCode());
    assertEquals("application/json", health.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    assertEquals(Map.of("status", "ok", "protocol", 1L), normalize(Json.parse(health.body())));
  }

  @Test
  void servesThePlaceholderPageAndJsonForUnknownPaths() {
    t = TestServer.start(data);
    HttpResponse<String> page = t.get("/", null);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("Grove"), page.body());
    assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertError(t.get("/nothing/here", null), 404, "not_found");
  }

  @Test
  void readsNeedAKnownToken() {
    t = TestServer.start(data);
    t.createRepository("notes", Stores.Kind.GIT);
    HttpResponse<String> none = t.get("/repos/notes/refs", null);
    assertError(none, 401, "unauthorized");
    assertTrue(none.headers().firstValue("WWW-Authenticate").isPresent());
    assertError(t.get("/repos/notes/refs", "grove_not-a-token"), 401, "unauthorized");
    assertEquals(200, t.get("/repos/notes/refs", t.readToken).statusCode());
    assertEquals(200, t.get("/repos/notes/refs", t.writeToken).statusCode());
  }

  @Test
  void unknownRepositoryIs404OnlyAfterAuthentication() {
    t = TestServer.start(data);
    assertError(t.get("/repos/nope/refs", null), 401, "unauthorized");
    assertError(t.get("/repos/nope/refs", t.readToken), 404, "repository_not_found");
    assertError(t.get("/repos/.grove/refs", t.readToken), 404, "repository_not_found");
    assertError(t.post("/repos/nope/fetch", t.readToken, "application/json", "{}".getBytes()), 404,
        "repository_not_found");
    assertError(t.get("/repos/nope/watch", t.readToken), 404, "repository_not_found");
  }

  @Test
  void refsForPushOfAMissingRepositoryIs200WithNoBranchesOnlyForAWriter() {
    t = TestServer.start(data);
    HttpResponse<String> writer = t.get("/repos/nope/refs?for=push", t.writeToken);
    assertEquals(200, writer.statusCode(), writer.body());
    assertEquals(Map.of("protocol", 1L, "branches", Map.of(), "exists", false),
        normalize(Json.parse(writer.body())));
    assertFalse(data.resolve("nope").toFile().exists(), "asking creates nothing");
    assertError(t.get("/repos/nope/refs?for=push", t.readToken), 404, "repository_not_found");
    assertError(t.get("/repos/nope/refs?for=push", null), 401, "unauthorized");
    assertError(t.get("/repos/nope/refs?for=push", "grove_not-a-token"), 401, "unauthorized");
    assertError(t.get("/repos/.bad/refs?for=push", t.writeToken), 404, "repository_not_found");
    assertError(t.get("/repos/nope/refs", t.writeToken), 404, "repository_not_found");
    assertError(t.get("/repos/nope/refs?for=fetch", t.writeToken), 404, "repository_not_found");

    t.createRepository("notes", Stores.Kind.FS);
    HttpResponse<String> existing = t.get("/repos/notes/refs?for=push", t.writeToken);
    assertEquals(200, existing.statusCode());
    assertEquals(t.get("/repos/notes/refs", t.writeToken).body(), existing.body());
    assertEquals(200, t.get("/repos/notes/refs?for=push", t.readToken).statusCode());
  }

  @Test
  void refsForPushWithAnonymousReadStillNeedsAWriterFor200() {
    t = new TestServer(data, TestServer.config(data).withAnonymousRead(true));
    assertError(t.get("/repos/nope/refs?for=push", null), 404, "repository_not_found");
    assertEquals(200, t.get("/repos/nope/refs?for=push", t.writeToken).statusCode());
  }

  @Test
  void aReadTokenCannotPush() {
    t = TestServer.start(data);
    t.createRepository("notes", Stores.Kind.GIT);
    assertError(t.post("/repos/notes/push", null, BUNDLE, new byte[10]), 401, "unauthorized");
    assertError(t.post("/repos/notes/push", t.readToken, BUNDLE, new byte[10]), 403, "forbidden");
    assertError(t.post("/repos/other/push", t.readToken, BUNDLE, new byte[10]), 403, "forbidden");
    assertFalse(data.resolve("other").toFile().exists(), "a refused push creates nothing");
  }

  @Test
  void anonymousReadIsOptIn() {
    t = new TestServer(data, TestServer.config(data).withAnonymousRead(true));
    t.createRepository("notes", Stores.Kind.FS);
    assertEquals(200, t.get("/repos/notes/refs", null).statusCode());
    assertError(t.get("/repos/nope/refs", null), 404, "repository_not_found");
    assertError(t.get("/repos/notes/refs", "grove_not-a-token"), 401, "unauthorized");
    assertError(t.post("/repos/notes/push", null, BUNDLE, new byte[10]), 401, "unauthorized");
  }

  @Test
  void wrongContentTypeIs415() {
    t = TestServer.start(data);
    t.createRepository("notes", Stores.Kind.GIT);
    assertError(t.post("/repos/notes/push", t.writeToken, "application/json", new byte[10]), 415,
        "unsupported_media_type");
    assertError(t.post("/repos/notes/push", t.writeToken, null, new byte[10]), 415, "unsupported_media_type");
    assertError(t.post("/repos/notes/fetch", t.readToken, BUNDLE, new byte[10]), 415, "unsupported_media_type");
  }

  @Test
  void bodiesOverTheLimitAre413WithOrWithoutContentLength() {
    t = new TestServer(data, TestServer.config(data).withMaxBodyBytes(1000));
    t.createRepository("notes", Stores.Kind.GIT);
    RawObject blob = Bundles.blob(new byte[5000]);
    RawObject tree = Bundles.tree("big", blob.id());
    RawObject commit = Bundles.commit(tree.id(), null, "big");
    byte[] big = Bundles.push(Bundles.pushHeader("big", null, commit.id(), 3),
        List.of(Bundles.Frame.of(blob), Bundles.Frame.of(tree), Bundles.Frame.of(commit)));
    assertError(t.post("/repos/notes/push", t.writeToken, BUNDLE, big), 413, "body_too_large");
    assertError(t.postChunked("/repos/notes/push", t.writeToken, BUNDLE, () -> new ByteArrayInputStream(big)),
        413, "body_too_large");
    assertError(t.postChunked("/repos/fresh/push", t.writeToken, BUNDLE, () -> new ByteArrayInputStream(big)),
        413, "body_too_large");
    assertFalse(data.resolve("fresh").toFile().exists(), "a refused first push leaves no repository");
    assertError(t.post("/repos/notes/fetch", t.readToken, "application/json", new byte[5000]), 413,
        "body_too_large");
    assertError(t.postChunked("/repos/notes/fetch", t.readToken, "application/json",
        () -> new ByteArrayInputStream(new byte[5000])), 413, "body_too_large");
  }

  @Test
  void corsOnlyForConfiguredOrigins() {
    t = new TestServer(data, TestServer.config(data).withAllowedOrigins(List.of("https://app.example")));
    t.createRepository("notes", Stores.Kind.GIT);
    HttpResponse<String> preflight = t.send(t.request("/repos/notes/push", null)
        .header("Origin", "https://app.example")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization, content-type")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    assertTrue(preflight.statusCode() / 100 == 2, "preflight status " + preflight.statusCode());
    assertEquals("https://app.example", preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    assertEquals("GET, POST", preflight.headers().firstValue("Access-Control-Allow-Methods").orElse(null));
    assertEquals("Authorization, Content-Type",
        preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(null));

    HttpResponse<String> allowed = t.send(t.request("/repos/notes/refs", t.readToken)
        .header("Origin", "https://app.example").GET().build());
    assertEquals(200, allowed.statusCode());
    assertEquals("https://app.example", allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));

    HttpResponse<String> allowedError = t.send(t.request("/repos/nope/refs", null)
        .header("Origin", "https://app.example").GET().build());
    assertError(allowedError, 401, "unauthorized"); // and the page can read why:
    assertEquals("https://app.example", allowedError.headers().firstValue("Access-Control-Allow-Origin").orElse(null));

    HttpResponse<String> deniedPreflight = t.send(t.request("/repos/notes/push", null)
        .header("Origin", "https://evil.example")
        .header("Access-Control-Request-Method", "POST")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    assertNull(deniedPreflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    assertNull(deniedPreflight.headers().firstValue("Access-Control-Allow-Methods").orElse(null));
    HttpResponse<String> denied = t.send(t.request("/repos/notes/refs", t.readToken)
        .header("Origin", "https://evil.example").GET().build());
    assertNull(denied.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
  }

  /** A browser's Git client (isomorphic-git) on an allowed origin: the preflight needs no token. */
  @Test
  void corsOnGitSmartHttpForConfiguredOrigins() {
    t = new TestServer(data, TestServer.config(data).withAllowedOrigins(List.of("https://app.example")));
    t.createRepository("notes", Stores.Kind.GIT);
    String refs = "/git/notes.git/info/refs?service=git-upload-pack";
    HttpResponse<String> preflight = t.send(t.request("/git/notes.git/git-upload-pack", null)
        .header("Origin", "https://app.example")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization, content-type")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    assertEquals(204, preflight.statusCode(), preflight.body());
    assertEquals("https://app.example", preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    assertEquals("GET, POST", preflight.headers().firstValue("Access-Control-Allow-Methods").orElse(null));
    assertEquals("Authorization, Content-Type",
        preflight.headers().firstValue("Access-Control-Allow-Headers").orElse(null));

    HttpResponse<String> allowed = t.send(t.request(refs, null)
        .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
            ("x:" + t.readToken).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
        .header("Origin", "https://app.example").GET().build());
    assertEquals(200, allowed.statusCode(), allowed.body());
    assertEquals("https://app.example", allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    HttpResponse<String> unauthorized = t.send(t.request(refs, null)
        .header("Origin", "https://app.example").GET().build());
    assertEquals(401, unauthorized.statusCode()); // and the page can read why:
    assertEquals("https://app.example", unauthorized.headers().firstValue("Access-Control-Allow-Origin").orElse(null));

    HttpResponse<String> deniedPreflight = t.send(t.request("/git/notes.git/git-upload-pack", null)
        .header("Origin", "https://evil.example")
        .header("Access-Control-Request-Method", "POST")
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
    assertNull(deniedPreflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    assertNull(deniedPreflight.headers().firstValue("Access-Control-Allow-Methods").orElse(null));
  }

  static void assertError(HttpResponse<String> response, int status, String code) {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals("application/json", response.headers().firstValue("Content-Type").orElse("").split(";")[0].trim(),
        response.body());
    Object body = Json.parse(response.body());
    assertTrue(body instanceof Map, response.body());
    assertEquals(code, ((Map<?, ?>) body).get("code"), response.body());
  }

  /** JSON numbers as longs, for comparing with literals. */
  static Object normalize(Object json) {
    if (json instanceof Map<?, ?> map) {
      java.util.Map<Object, Object> out = new java.util.LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, normalize(v)));
      return out;
    }
    if (json instanceof dev.grove.json.JsonNumber number) {
      return Long.parseLong(number.text());
    }
    return json;
  }
}
