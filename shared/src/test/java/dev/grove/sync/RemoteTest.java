package dev.grove.sync;

import static dev.grove.sync.Replicas.assertClean;
import static dev.grove.sync.Replicas.info;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.hash.ObjectId;
import dev.grove.store.MergeResult;
import dev.grove.store.NotFoundException;
import dev.grove.store.Repository;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Push, pull, fetch, clone, sync and watch between memory replicas, through the full bytes. */
class RemoteTest {
  private Repository server;
  private Repository a;
  private Repository b;
  private InProcessTransport toServer;
  private Remote remoteA;
  private Remote remoteB;

  @BeforeEach
  void replicas() {
    server = Replicas.memory(0);
    a = Replicas.memory(1000);
    b = Replicas.memory(2000);
    toServer = new InProcessTransport(server);
    remoteA = new Remote(a, toServer);
    remoteB = new Remote(b, toServer);
  }

  @Test
  void pushCreatesTheBranchAndPullFastForwardsAnotherReplica() {
    a.branch("main").set("notes/one", "1", info("one"));
    a.branch("main").set("notes/two", "2", info("two"));
    PushResult pushed = remoteA.push("main", false, Progress.NONE);
    assertEquals(PushResult.Status.CREATED, pushed.status());
    assertEquals(a.head("main"), pushed.remoteHead());
    assertEquals(a.head("main"), server.head("main"));
    // two commits, two root trees, two notes trees, two blobs
    assertEquals(8, pushed.objectsSent());
    assertClean(server);

    PullResult pulled = remoteB.pull("main", info("merge"), Progress.NONE);
    assertEquals(MergeResult.Status.FAST_FORWARD, pulled.merge().status());
    assertEquals(8, pulled.objectsReceived());
    assertEquals(a.head("main"), b.head("main"));
    assertEquals("2", Replicas.text(b, "main", "notes/two"));
    assertClean(b);
  }

  @Test
  void pushAndCloneReportTheirProgress() {
    for (int i = 0; i < 300; i++) {
      a.branch("main").set("k" + i, "v" + i, info("c" + i));
    }
    List<String> pushed = new CopyOnWriteArrayList<>();
    remoteA.push("main", false, (phase, done, total) -> pushed.add(phase + " " + done + "/" + total));
    // 300 commits, 300 root trees, 300 blobs
    assertTrue(pushed.contains("counting 900/-1"), pushed.toString());
    assertEquals("sending 900/900", pushed.get(pushed.size() - 1));
    List<String> cloned = new CopyOnWriteArrayList<>();
    remoteB.cloneAll((phase, done, total) -> cloned.add(phase + " " + done + "/" + total));
    assertEquals("receiving 0/900", cloned.get(0));
    assertTrue(cloned.contains("receiving 900/900"), cloned.toString());
    assertEquals("writing 900/900", cloned.get(cloned.size() - 1));
  }

  @Test
  void aFastForwardPushSendsOnlyTheNewObjects() {
    a.branch("main").set("notes/one", "1", info("one"));
    remoteA.push("main", false, Progress.NONE);
    a.branch("main").set("notes/two", "2", info("two"));
    PushResult pushed = remoteA.push("main", false, Progress.NONE);
    assertEquals(PushResult.Status.UPDATED, pushed.status());
    assertEquals(4, pushed.objectsSent()); // blob, notes tree, root tree, commit
    assertEquals(PushResult.Status.UP_TO_DATE, remoteA.push("main", false, Progress.NONE).status());
    assertClean(server);
  }

  @Test
  void aNonFastForwardIsRefusedAsAResultAndForceOverrides() {
    a.branch("main").set("k", "a", info("a"));
    remoteA.push("main", false, Progress.NONE);
    b.branch("main").set("k", "b", info("b"));
    ObjectId serverHead = server.head("main");

    PushResult refused = remoteB.push("main", false, Progress.NONE);
    assertEquals(PushResult.Status.NON_FAST_FORWARD, refused.status());
    assertEquals(serverHead, refused.remoteHead());
    assertEquals(0, refused.objectsSent());
    assertEquals(serverHead, server.head("main"));

    PushResult forced = remoteB.push("main", true, Progress.NONE);
    assertEquals(PushResult.Status.UPDATED, forced.status());
    assertEquals(b.head("main"), server.head("main"));
    assertClean(server);
  }

  @Test
  void aPushThatLosesTheRaceGetsAConflictWithTheCurrentHead() {
    a.branch("main").set("k", "a", info("a"));
    remoteA.push("main", false, Progress.NONE);
    remoteB.pull("main", info("m"), Progress.NONE);
    b.branch("main").set("k", "b", info("b"));
    a.branch("main").set("j", "a2", info("a2"));
    toServer.beforeNextPush = () -> assertEquals(PushResult.Status.UPDATED,
        remoteA.push("main", false, Progress.NONE).status());
    PushResult lost = remoteB.push("main", false, Progress.NONE);
    assertEquals(PushResult.Status.CONFLICT, lost.status());
    assertEquals(a.head("main"), lost.remoteHead());
    assertEquals(a.head("main"), server.head("main"));
    assertClean(server);
  }

  @Test
  void theServerRefusesANonFastForwardWithTheCurrentHead() {
    a.branch("main").set("k", "a", info("a"));
    remoteA.push("main", false, Progress.NONE);
    ObjectId serverHead = server.head("main");
    b.branch("main").set("k", "b", info("b"));
    // A client that believes the branch is at its own head: expected = current, head unrelated.
    byte[] body = pushBody(b, "main", serverHead, b.head("main"), false);
    SyncServer.Reply reply = new SyncServer(server).push(new ByteArrayInputStream(body), 1 << 20);
    assertEquals(409, reply.status());
    assertTrue(new String(reply.json(), StandardCharsets.UTF_8)
        .contains("\"code\":\"non_fast_forward\""));
    assertTrue(new String(reply.json(), StandardCharsets.UTF_8).contains(serverHead.hex()));
    assertEquals(serverHead, server.head("main"));
  }

  @Test
  void pullMergesDivergentHistoriesAndReportsConflictsWithoutWriting() {
    a.branch("main").set("base", "0", info("base"));
    remoteA.push("main", false, Progress.NONE);
    remoteB.pull("main", info("m"), Progress.NONE);
    a.branch("main").set("x", "a", info("a"));
    remoteA.push("main", false, Progress.NONE);
    b.branch("main").set("y", "b", info("b"));
    PullResult merged = remoteB.pull("main", info("merge"), Progress.NONE);
    assertEquals(MergeResult.Status.MERGED, merged.merge().status());
    assertEquals("a", Replicas.text(b, "main", "x"));
    assertEquals("b", Replicas.text(b, "main", "y"));

    a.branch("main").set("base", "from a", info("a2"));
    remoteA.push("main", false, Progress.NONE);
    b.branch("main").set("base", "from b", info("b2"));
    ObjectId before = b.head("main");
    PullResult conflict = remoteB.pull("main", info("merge"), Progress.NONE);
    assertEquals(MergeResult.Status.CONFLICT, conflict.merge().status());
    assertEquals("base", conflict.merge().conflicts().get(0).path().toString());
    assertEquals(before, b.head("main"));
  }

  @Test
  void pullOfAnAbsentRemoteBranchIsBranchNotFound() {
    SyncException e = assertThrows(SyncException.class,
        () -> remoteA.pull("nope", info("m"), Progress.NONE));
    assertEquals("branch_not_found", e.code());
    assertEquals(404, e.status());
    assertThrows(NotFoundException.class, () -> remoteA.push("nope", false, Progress.NONE));
  }

  @Test
  void fetchStoresObjectsAndMovesNoBranch() {
    a.branch("main").set("k", "v", info("one"));
    a.branch("other").set("k", "w", info("two"));
    remoteA.push("main", false, Progress.NONE);
    remoteA.push("other", false, Progress.NONE);
    List<String> phases = new CopyOnWriteArrayList<>();
    SortedMap<String, ObjectId> fetched = remoteB.fetch(List.of(), (phase, done, total) -> {
      if (!phases.contains(phase)) {
        phases.add(phase);
      }
    });
    assertEquals(server.branches(), fetched);
    assertTrue(b.branches().isEmpty());
    assertTrue(b.findCommit(fetched.get("other")).isPresent());
    assertEquals(List.of("receiving", "checking", "writing"), phases);
  }

  @Test
  void cloneCreatesEveryBranchAndRefusesANonEmptyRepository() {
    a.branch("main").set("k", "v", info("one"));
    a.branch("drafts/x").set("k", "w", info("two"));
    remoteA.push("main", false, Progress.NONE);
    remoteA.push("drafts/x", false, Progress.NONE);
    assertEquals(server.branches(), remoteB.cloneAll(Progress.NONE));
    assertEquals(server.branches(), b.branches());
    assertClean(b);
    SyncException e = assertThrows(SyncException.class, () -> remoteB.cloneAll(Progress.NONE));
    assertEquals("not_empty", e.code());
  }

  @Test
  void syncBringsBothReplicasToTheSameHead() {
    a.branch("main").set("a", "1", info("a"));
    SyncResult first = remoteA.sync("main", info("merge"), 5, Progress.NONE);
    assertEquals(SyncResult.Status.SYNCED, first.status());
    b.branch("main").set("b", "2", info("b"));
    SyncResult second = remoteB.sync("main", info("merge"), 5, Progress.NONE);
    assertEquals(SyncResult.Status.SYNCED, second.status());
    assertEquals(server.head("main"), b.head("main"));
    SyncResult third = remoteA.sync("main", info("merge"), 5, Progress.NONE);
    assertEquals(SyncResult.Status.SYNCED, third.status());
    assertEquals(server.head("main"), a.head("main"));
    assertEquals("2", Replicas.text(a, "main", "b"));
    assertEquals("1", Replicas.text(b, "main", "a"));
    assertEquals(SyncResult.Status.UP_TO_DATE,
        remoteA.sync("main", info("merge"), 5, Progress.NONE).status());
  }

  @Test
  void syncStopsOnAConflictWithoutPushing() {
    a.branch("main").set("k", "0", info("base"));
    remoteA.sync("main", info("m"), 5, Progress.NONE);
    remoteB.sync("main", info("m"), 5, Progress.NONE);
    a.branch("main").set("k", "a", info("a"));
    remoteA.sync("main", info("m"), 5, Progress.NONE);
    b.branch("main").set("k", "b", info("b"));
    ObjectId serverHead = server.head("main");
    SyncResult result = remoteB.sync("main", info("m"), 5, Progress.NONE);
    assertEquals(SyncResult.Status.CONFLICT, result.status());
    assertEquals(1, result.conflicts().size());
    assertEquals(serverHead, server.head("main"));
  }

  @Test
  void syncRetriesWhenItsPushLosesARace() {
    a.branch("main").set("a", "1", info("a"));
    remoteA.sync("main", info("m"), 5, Progress.NONE);
    remoteB.sync("main", info("m"), 5, Progress.NONE);
    b.branch("main").set("b", "2", info("b"));
    a.branch("main").set("a", "3", info("a3"));
    toServer.beforeNextPush = () -> remoteA.sync("main", info("m"), 5, Progress.NONE);
    SyncResult result = remoteB.sync("main", info("m"), 5, Progress.NONE);
    assertEquals(SyncResult.Status.SYNCED, result.status());
    assertEquals(2, result.attempts());
    assertEquals(server.head("main"), b.head("main"));
    assertEquals("3", Replicas.text(server, "main", "a"));
    assertEquals("2", Replicas.text(server, "main", "b"));
  }

  @Test
  void errorAnswersBecomeSyncExceptionsWithTheServersCode() {
    Transport broken = new Transport() {
      @Override
      public Reply send(Request request) {
        return new Reply(401, Protocol.JSON_TYPE, new ByteArrayInputStream(
            Protocol.errorJson("unauthorized", "no token")));
      }

      @Override
      public dev.grove.backend.Subscription events(String path, EventListener listener) {
        listener.closed(new SyncException(401, "unauthorized", "no token"));
        return () -> {};
      }
    };
    SyncException e = assertThrows(SyncException.class, () -> new Remote(a, broken).refs());
    assertEquals("unauthorized", e.code());
    assertEquals(401, e.status());
    assertEquals("no token", e.getMessage());

    // The watch stream of such a server ends at once, with the same error.
    RuntimeException[] closedWith = new RuntimeException[1];
    new Remote(a, broken).watch(new WatchListener() {
      @Override
      public void refs(java.util.SortedMap<String, dev.grove.hash.ObjectId> branches) {}

      @Override
      public void changed(String branch, dev.grove.hash.ObjectId head) {}

      @Override
      public void closed(RuntimeException error) {
        closedWith[0] = error;
      }
    }).cancel();
    assertEquals("unauthorized", ((SyncException) closedWith[0]).code());

    SyncException html = Protocol.errorFrom(new Reply(502, "text/html",
        new ByteArrayInputStream("<html>bad gateway</html>".getBytes(StandardCharsets.UTF_8))));
    assertEquals("server_error", html.code());
    assertEquals(502, html.status());
  }

  @Test
  void watchReportsTheStateThenEachChange() throws Exception {
    a.branch("main").set("k", "1", info("one"));
    remoteA.push("main", false, Progress.NONE);
    List<String> events = new CopyOnWriteArrayList<>();
    CountDownLatch two = new CountDownLatch(2);
    var subscription = remoteB.watch(new WatchListener() {
      @Override
      public void refs(SortedMap<String, ObjectId> branches) {
        events.add("refs " + branches.keySet());
        two.countDown();
      }

      @Override
      public void changed(String branch, ObjectId head) {
        events.add("changed " + branch + " " + head.hex());
        two.countDown();
      }

      @Override
      public void closed(RuntimeException error) {
        events.add("closed " + error);
      }
    });
    // The first event is the state; wait for it before changing anything.
    for (int i = 0; i < 200 && events.isEmpty(); i++) {
      Thread.sleep(5);
    }
    a.branch("main").set("k", "2", info("two"));
    remoteA.push("main", false, Progress.NONE);
    assertTrue(two.await(5, TimeUnit.SECONDS), "events: " + events);
    subscription.cancel();
    assertEquals(List.of("refs [main]", "changed main " + a.head("main").hex()), events);
  }

  @Test
  void repositoryNamesFollowTheProtocol() {
    for (String good : List.of("a", "notes", "A.b_c-d", "9lives", "x".repeat(64))) {
      assertTrue(Protocol.isValidRepositoryName(good), good);
    }
    for (String bad : List.of("", ".hidden", "-x", "_x", "a/b", "a b", "x".repeat(65), "é")) {
      assertFalse(Protocol.isValidRepositoryName(bad), bad);
    }
  }

  /** A push body made by hand: everything {@code head} reaches that the server lacks. */
  static byte[] pushBody(Repository from, String branch, ObjectId expected, ObjectId head,
      boolean force) {
    ObjectWalk.Plan plan = new ObjectWalk(from.backend().objects())
        .plan(List.of(head), List.of(), Progress.NONE);
    Map<String, Object> header = WireJson.pushHeader(branch, expected, head, force, plan.size());
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try {
      BundleWriter writer = new BundleWriter(out, header);
      List<dev.grove.object.RawObject> objects = new ArrayList<>();
      for (int i = 0; i < plan.size(); i++) {
        objects.add(plan.object(i, from.backend().objects()));
      }
      for (dev.grove.object.RawObject object : objects) {
        writer.write(object);
      }
      writer.finish();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    return out.toByteArray();
  }
}
