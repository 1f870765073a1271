package dev.grove.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.backend.Subscription;
import dev.grove.backend.memory.MemoryBackend;
import dev.grove.server.storage.Durability;
import dev.grove.server.storage.Stores;
import dev.grove.store.CommitInfo;
import dev.grove.store.Repository;
import dev.grove.store.Verifier;
import dev.grove.sync.Progress;
import dev.grove.sync.PushResult;
import dev.grove.sync.Remote;
import dev.grove.sync.Reply;
import dev.grove.sync.Request;
import dev.grove.sync.SyncException;
import dev.grove.sync.SyncResult;
import dev.grove.sync.Transport;
import dev.grove.json.Json;
import dev.grove.object.RawObject;
import dev.grove.sync.Protocol;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The core's client and server over this server's HTTP: push creates, clone, pull, refusals. */
class ProtocolTest {
  private static final CommitInfo INFO = CommitInfo.message("test");

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
  void fetchAnswersABundleGzippedWhenAsked() throws Exception {
    t = TestServer.start(data);
    t.createRepository("notes", Stores.Kind.GIT);
    String head;
    try (Repository repo = Repository.open(Stores.open(data.resolve("notes"), Durability.NO_FSYNC))) {
      head = repo.head("main").hex();
    }
    byte[] request = ("{\"protocol\":1,\"wants\":[\"" + head + "\"],\"haves\":[]}").getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> plain = t.http.send(t.request("/repos/notes/fetch", t.readToken)
        .header("Content-Type", Protocol.JSON_TYPE).POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, plain.statusCode());
    assertEquals(Protocol.BUNDLE_TYPE, plain.headers().firstValue("Content-Type").orElse(""));
    assertEquals("GRVB", new String(plain.body(), 0, 4, StandardCharsets.US_ASCII));

    RawObject big = Bundles.blob("a compressible value ".repeat(500).getBytes(StandardCharsets.UTF_8));
    RawObject tree = Bundles.tree("big", big.id());
    RawObject commit = Bundles.commit(tree.id(), null, "big");
    HttpResponse<String> pushed = t.post("/repos/notes/push", t.writeToken, Protocol.BUNDLE_TYPE,
        Bundles.push(Bundles.pushHeader("big", null, commit.id(), 3),
            List.of(Bundles.Frame.of(big), Bundles.Frame.of(tree), Bundles.Frame.of(commit))));
    assertEquals(200, pushed.statusCode(), pushed.body());
    byte[] wantBig = ("{\"protocol\":1,\"wants\":[\"" + commit.id().hex() + "\"],\"haves\":[]}")
        .getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> identity = t.http.send(t.request("/repos/notes/fetch", t.readToken)
        .header("Content-Type", Protocol.JSON_TYPE).POST(HttpRequest.BodyPublishers.ofByteArray(wantBig)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> gzipped = t.http.send(t.request("/repos/notes/fetch", t.readToken)
        .header("Content-Type", Protocol.JSON_TYPE).header("Accept-Encoding", "gzip")
        .POST(HttpRequest.BodyPublishers.ofByteArray(wantBig)).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null));
    assertTrue(gzipped.body().length < identity.body().length / 4, gzipped.body().length + " vs " + identity.body().length);
    try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body()))) {
      assertArrayEquals(identity.body(), in.readAllBytes());
    }
  }

  /**
   * A history where each commit changes one value in one of 20 directories: gzip finds each
   * tree's previous version close behind it (the bundle sends the versions of one path side by
   * side), so the answer shrinks far more than in commit order, where the previous version of a
   * directory lies 20 commits back. And the JVM client clones it, every object verified.
   */
  @Test
  void aFetchOfAHistoryGzipsToAFractionOfItsSize() throws Exception {
    t = TestServer.start(data);
    t.createRepository("notes", Stores.Kind.GIT);
    try (Repository repo = Repository.open(Stores.open(data.resolve("notes"), Durability.NO_FSYNC))) {
      for (int i = 0; i < 1_000; i++) {
        repo.branch("main").set("dir" + i % 20 + "/key" + i, "value " + i, INFO);
      }
    }
    String head;
    try (Repository repo = Repository.open(Stores.open(data.resolve("notes"), Durability.NO_FSYNC))) {
      head = repo.head("main").hex();
    }
    byte[] request = ("{\"protocol\":1,\"wants\":[\"" + head + "\"],\"haves\":[]}")
        .getBytes(StandardCharsets.UTF_8);
    HttpResponse<byte[]> identity = t.http.send(t.request("/repos/notes/fetch", t.readToken)
        .header("Content-Type", Protocol.JSON_TYPE).POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> gzipped = t.http.send(t.request("/repos/notes/fetch", t.readToken)
        .header("Content-Type", Protocol.JSON_TYPE).header("Accept-Encoding", "gzip")
        .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElse(null));
    // It prints both sizes; docs/BENCHMARKS.md gives measured ones for a 10,000-commit history.
    System.out.println("fetch of 1,000 commits: " + identity.body().length + " bytes, gzipped " + gzipped.body().length);
    assertTrue(gzipped.body().length * 8 < identity.body().length,
        gzipped.body().length + " gzipped of " + identity.body().length);
    try (Repository clone = Repository.open(new MemoryBackend())) {
      remote(clone, t.readToken).cloneAll(Progress.NONE);
      assertEquals(head, clone.head("main").hex());
      assertEquals("value 999", new String(clone.branch("main").get("dir19/key999"), StandardCharsets.UTF_8));
    }
  }

  private Remote remote(Repository local, String token) {
    return new Remote(local, new TestTransport(t.server.repositoryUrl("notes"), token));
  }

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void firstPushCreatesThenCloneAndPullRoundTrip(Stores.Kind kind) {
    t = new TestServer(data, TestServer.config(data).withBackend(kind));
    // The first push with a write token creates the repository (a hand-made bundle, to check
    // the answer on the wire; theClientsFirstPushCreatesTheRepository does it with Remote).
    RawObject blob = Bundles.blob("buy milk".getBytes(StandardCharsets.UTF_8));
    RawObject tree = Bundles.tree("today", blob.id());
    RawObject commit = Bundles.commit(tree.id(), null, "first");
    byte[] body = Bundles.push(Bundles.pushHeader("main", null, commit.id(), 3),
        List.of(Bundles.Frame.of(blob), Bundles.Frame.of(tree), Bundles.Frame.of(commit)));
    HttpResponse<String> created = t.post("/repos/notes/push", t.writeToken, Protocol.BUNDLE_TYPE, body);
    assertEquals(200, created.statusCode(), created.body());
    assertEquals(Map.of("branch", "main", "outcome", "created", "head", commit.id().hex()), Json.parse(created.body()));
    assertEquals(Optional.of(kind), Stores.kindOf(data.resolve("notes")));

    try (Repository a = Repository.open(new MemoryBackend());
        Repository b = Repository.open(new MemoryBackend())) {
      remote(a, t.readToken).cloneAll(Progress.NONE);
      remote(b, t.readToken).cloneAll(Progress.NONE);
      assertEquals("buy milk", b.branch("main").getText("today"));
      b.branch("main").set("notes/tomorrow", "call mum", INFO);
      SyncException forbidden = assertThrows(SyncException.class,
          () -> remote(b, t.readToken).push("main", false, Progress.NONE));
      assertEquals("forbidden", forbidden.code());
      assertEquals(PushResult.Status.UPDATED, remote(b, t.writeToken).push("main", false, Progress.NONE).status());

      remote(a, t.readToken).pull("main", INFO, Progress.NONE);
      assertEquals("call mum", a.branch("main").getText("notes/tomorrow"));

      b.branch("main").set("x", "from b", INFO);
      a.branch("main").set("x", "from a", INFO);
      assertEquals(PushResult.Status.UPDATED, remote(b, t.writeToken).push("main", false, Progress.NONE).status());
      PushResult refused = remote(a, t.writeToken).push("main", false, Progress.NONE);
      assertEquals(PushResult.Status.NON_FAST_FORWARD, refused.status());
      assertEquals(b.head("main"), refused.remoteHead());
    }
    t.close();
    try (Repository served = Repository.open(Stores.open(data.resolve("notes"), Durability.NO_FSYNC))) {
      assertEquals("from b", served.branch("main").getText("x"));
      assertTrue(Verifier.verify(served).ok());
    }
  }

  @Test
  void theClientsFirstPushCreatesTheRepository() {
    t = TestServer.start(data);
    try (Repository local = Repository.open(new MemoryBackend())) {
      local.branch("main").set("today", "buy milk", INFO);
      SyncException forbidden = assertThrows(SyncException.class,
          () -> remote(local, t.readToken).push("main", false, Progress.NONE));
      assertEquals("forbidden", forbidden.code());
      assertEquals(Optional.empty(), Stores.kindOf(data.resolve("notes")));

      PushResult created = remote(local, t.writeToken).push("main", false, Progress.NONE);
      assertEquals(PushResult.Status.CREATED, created.status());
      assertEquals(local.head("main"), created.remoteHead());
    }
    t.close();
    try (Repository served = Repository.open(Stores.open(data.resolve("notes"), Durability.NO_FSYNC))) {
      assertEquals("buy milk", served.branch("main").getText("today"));
    }
  }

  @Test
  void aFirstPushAndSyncMeetNoErrorStatus() {
    t = TestServer.start(data);
    try (Repository local = Repository.open(new MemoryBackend())) {
      local.branch("main").set("today", "buy milk", INFO);
      List<String> seen = new ArrayList<>();
      Remote remote = new Remote(local, recording(
          new TestTransport(t.server.repositoryUrl("notes"), t.writeToken), seen, false));
      assertEquals(PushResult.Status.CREATED, remote.push("main", false, Progress.NONE).status());
      assertEquals(List.of("GET refs?for=push 200", "POST push 200"), seen);

      seen.clear();
      local.branch("other").set("today", "call mum", INFO);
      Remote second = new Remote(local, recording(
          new TestTransport(t.server.repositoryUrl("fresh"), t.writeToken), seen, false));
      assertEquals(SyncResult.Status.SYNCED, second.sync("other", INFO, 3, Progress.NONE).status());
      assertEquals(List.of("GET refs?for=push 200", "POST push 200"), seen);
    }
  }

  @Test
  void aFirstPushToAServerThatIgnoresForPushStillCreatesTheRepository() {
    t = TestServer.start(data);
    try (Repository local = Repository.open(new MemoryBackend())) {
      local.branch("main").set("today", "buy milk", INFO);
      List<String> seen = new ArrayList<>();
      // an earlier server: the query is not sent (so not understood), refs answers 404
      Remote remote = new Remote(local, recording(
          new TestTransport(t.server.repositoryUrl("notes"), t.writeToken), seen, true));
      assertEquals(PushResult.Status.CREATED, remote.push("main", false, Progress.NONE).status());
      assertEquals(List.of("GET refs 404", "POST push 200"), seen);
    }
  }

  /** {@code inner}, noting "METHOD path status" of each request; {@code dropQuery} strips "?...". */
  private static Transport recording(Transport inner, List<String> seen, boolean dropQuery) {
    return new Transport() {
      @Override
      public Reply send(Request request) {
        Request sent = dropQuery && request.path().contains("?")
            ? new Request(request.method(), request.path().substring(0, request.path().indexOf('?')),
                request.contentType(), request.body())
            : request;
        Reply reply = inner.send(sent);
        seen.add(sent.method() + " " + sent.path() + " " + reply.status());
        return reply;
      }

      @Override
      public Subscription events(String path, EventListener listener) {
        return inner.events(path, listener);
      }
    };
  }
}
