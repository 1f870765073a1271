package dev.grove.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.backend.memory.MemoryBackend;
import dev.grove.hash.ObjectId;
import dev.grove.store.CommitInfo;
import dev.grove.sync.Progress;
import dev.grove.sync.PushResult;
import dev.grove.sync.Remote;
import dev.grove.json.Json;
import dev.grove.server.storage.Durability;
import dev.grove.server.storage.Stores;
import dev.grove.store.Repository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GET /repos/NAME/watch: the state first, then each change, from the protocol and from Git. */
class WatchTest {
  @TempDir
  Path tmp;

  private TestServer t;

  @BeforeEach
  void start() throws Exception {
    Files.createDirectories(tmp.resolve("data"));
    t = TestServer.start(tmp.resolve("data"));
    t.createRepository("notes", Stores.Kind.GIT);
  }

  @AfterEach
  void stop() {
    t.close();
  }

  private SseReader watch(String token) throws Exception {
    return new SseReader(t.http, t.request("/repos/notes/watch", token)
        .header("Accept", "text/event-stream").GET().build());
  }

  @Test
  void startsWithTheBranchesThenReportsGitPushes() throws Exception {
    ObjectId main = head("main");
    try (SseReader events = watch(t.readToken)) {
      assertEquals(200, events.status);
      SseReader.Event first = events.next();
      assertEquals("refs", first.name());
      assertEquals(Map.of("branches", Map.of("main", main.hex())), Json.parse(first.data()));

      Files.createDirectories(tmp.resolve("home"));
      GitCommand git = new GitCommand(tmp.resolve("home"));
      String url = t.server.gitUrl("notes").replace("http://", "http://x:" + t.writeToken + "@");
      git.run(tmp, "clone", url, "a").ok();
      Path a = tmp.resolve("a");
      Files.writeString(a.resolve("k"), "v");
      git.run(a, "add", ".").ok();
      git.run(a, "commit", "-q", "-m", "k").ok();
      git.run(a, "push", "origin", "main", "main:drafts/x").ok();
      String pushed = git.run(a, "rev-parse", "HEAD").ok().output().trim();

      SseReader.Event one = events.next();
      SseReader.Event two = events.next();
      assertEquals("ref", one.name());
      assertEquals("ref", two.name());
      assertEquals(java.util.Set.of(Map.of("branch", "main", "head", pushed), Map.of("branch", "drafts/x", "head", pushed)),
          java.util.Set.of(Json.parse(one.data()), Json.parse(two.data())));
    }
  }

  @Test
  void reportsProtocolPushes() throws Exception {
    try (SseReader events = watch(t.readToken);
        Repository local = Repository.open(new MemoryBackend())) {
      assertEquals("refs", events.next().name());
      Remote remote = new Remote(local, new TestTransport(t.server.repositoryUrl("notes"), t.writeToken));
      remote.cloneAll(Progress.NONE);
      ObjectId next = local.branch("main").set("k", "v", CommitInfo.message("k"));
      assertEquals(PushResult.Status.UPDATED, remote.push("main", false, Progress.NONE).status());
      SseReader.Event change = events.next();
      assertEquals("ref", change.name());
      assertEquals(Map.of("branch", "main", "head", next.hex()), Json.parse(change.data()));
    }
  }

  @Test
  void needsReadAccessAndEndsWhenTheServerCloses() throws Exception {
    try (SseReader refused = watch(null)) {
      assertEquals(401, refused.status);
    }
    SseReader events = watch(t.readToken);
    assertEquals("refs", events.next().name());
    t.close();
    assertTrue(events.awaitEnd(), "the stream ends at shutdown");
    events.close();
  }

  private ObjectId head(String branch) {
    try (Repository repo = Repository.open(Stores.open(tmp.resolve("data/notes"), Durability.NO_FSYNC))) {
      return repo.head(branch);
    }
  }
}
