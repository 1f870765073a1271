package dev.grove.sync;

import static dev.grove.sync.Replicas.info;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.hash.ObjectId;
import dev.grove.object.ObjectType;
import dev.grove.object.RawObject;
import dev.grove.store.CountingBackend;
import dev.grove.store.MergeResult;
import dev.grove.store.Repository;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Wants and haves: after a 10,000-commit history, one new commit travels as that commit and the
 * objects it changed (counted), and the side that plans it reads a handful of objects, not the
 * history. A full clone of the history works too.
 */
class NegotiationTest {
  private static final int COMMITS = 10_000;

  private static CountingBackend serverBackend;
  private static Repository server;
  private static CountingBackend clientBackend;
  private static Repository client;
  private static int cloneObjects;
  private static Map<String, ObjectId> cloned;

  @BeforeAll
  static void historyAndClone() {
    serverBackend = new CountingBackend();
    server = Repository.open(serverBackend, Replicas.options(0));
    for (int i = 0; i < COMMITS; i++) {
      server.branch("main").set("d" + i % 50 + "/k" + i % 500, "v" + i, info("c" + i));
    }
    clientBackend = new CountingBackend();
    client = Repository.open(clientBackend, Replicas.options(100_000));
    InProcessTransport transport = new InProcessTransport(server);
    long start = System.nanoTime();
    cloned = new Remote(client, transport).cloneAll(Progress.NONE);
    long ms = (System.nanoTime() - start) / 1_000_000;
    cloneObjects = clientBackend.written.size();
    System.out.println("full clone of " + COMMITS + " commits in memory: " + cloneObjects
        + " objects, " + transport.bytesReceived.get() + " bytes, " + ms + " ms");
    assertEquals(server.branches(), cloned);
  }

  @Test
  void aFullCloneHasTheWholeHistory() {
    assertEquals(cloned.get("main"), client.branches().get("main"));
    assertEquals(COMMITS, client.log(client.head("main"), COMMITS + 1).size());
    Replicas.assertClean(client);
    // Each commit: its commit, root tree, one directory tree, one blob (values repeat after a
    // while, but "v" + i never does).
    assertEquals(COMMITS * 4, cloneObjects);
  }

  @Test
  void pullingOneNewCommitAfterTheHistoryMovesOnlyWhatChanged() {
    server.fork("main", "pull-test");
    server.branch("pull-test").set("d7/k7", "new value", info("one more"));
    serverBackend.reset();
    clientBackend.reset();
    InProcessTransport transport = new InProcessTransport(server);
    long start = System.nanoTime();
    PullResult pulled = new Remote(client, transport).pull("pull-test", info("merge"), Progress.NONE);
    long micros = (System.nanoTime() - start) / 1000;
    assertEquals(MergeResult.Status.FAST_FORWARD, pulled.merge().status());
    assertEquals(server.head("pull-test"), client.head("pull-test"));
    assertEquals(List.of(ObjectType.BLOB, ObjectType.TREE, ObjectType.TREE, ObjectType.COMMIT),
        types(clientBackend.written));
    assertEquals(4, pulled.objectsReceived());
    // The server read: the new commit, its parent (a have) and the parent's parent (queued by
    // time), the two root trees and the two d7 trees; and the client's other haves (its
    // LocalHaves.PER_ROUND newest commits), once each for their times.
    assertTrue(serverBackend.reads.size() <= 8 + LocalHaves.PER_ROUND,
        "server reads: " + serverBackend.reads.size());
    System.out.println("pull of one new commit after " + COMMITS + ": " + pulled.objectsReceived()
        + " objects, " + transport.bytesReceived.get() + " bytes, server read "
        + serverBackend.reads.size() + " objects, client read " + clientBackend.reads.size()
        + ", " + micros + " us");
    // The client read its haves (its heads and their LocalHaves.PER_ROUND newest commits) and
    // what it needed to check and merge the new commit.
    assertTrue(clientBackend.reads.size() <= 12 + LocalHaves.PER_ROUND,
        "client reads: " + clientBackend.reads.size());
    // The ~60 entries of the new trees that name stored objects: looked up together, once
    // (IndexedDB: one transaction, not one each).
    assertEquals(1, clientBackend.lookups, "client look-ups");
    assertEquals(2, transport.requests.get(), "refs and one fetch");
  }

  @Test
  void pushingOneNewCommitAfterTheHistorySendsOnlyWhatChanged() {
    client.fork("main", "push-test");
    client.branch("push-test").set("d9/k9", "mine", info("mine"));
    serverBackend.reset();
    clientBackend.reset();
    PushResult pushed = new Remote(client, new InProcessTransport(server))
        .push("push-test", false, Progress.NONE);
    assertEquals(PushResult.Status.CREATED, pushed.status());
    assertEquals(4, pushed.objectsSent());
    assertEquals(List.of(ObjectType.BLOB, ObjectType.TREE, ObjectType.TREE, ObjectType.COMMIT),
        types(serverBackend.written));
    assertTrue(clientBackend.reads.size() <= 12, "client reads: " + clientBackend.reads.size());
    assertTrue(serverBackend.reads.size() <= 12, "server reads: " + serverBackend.reads.size());
    System.out.println("push of one new commit after " + COMMITS + ": client read "
        + clientBackend.reads.size() + " objects, server read " + serverBackend.reads.size());
    assertEquals(client.head("push-test"), server.head("push-test"));
  }

  private static List<ObjectType> types(List<RawObject> objects) {
    return objects.stream().map(RawObject::type).collect(Collectors.toList());
  }
}
