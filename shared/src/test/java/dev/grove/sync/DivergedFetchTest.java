package dev.grove.sync;

import static dev.grove.sync.Replicas.info;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.object.ObjectType;
import dev.grove.object.RawObject;
import dev.grove.store.CountingBackend;
import dev.grove.store.MergeResult;
import dev.grove.store.Repository;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Fetch negotiation when both sides changed (docs/PROTOCOL.md, "Fetch"): the client's heads are
 * new to the server, so its older haves find the common commit, and a pull receives only the
 * server's new objects (counted), in one request for a few local commits and in a few for
 * many. Unrelated histories still receive everything.
 */
class DivergedFetchTest {
  private static final int HISTORY = 1000;

  /** A server with a {@link #HISTORY}-commit main, and a client (clock a day later) that cloned it. */
  private static Repository[] clonedHistory(CountingBackend clientBackend) {
    Repository server = Replicas.memory(0);
    for (int i = 0; i < HISTORY; i++) {
      server.branch("main").set("d" + i % 10 + "/k" + i % 100, "v" + i, info("c" + i));
    }
    Repository client = Repository.open(clientBackend, Replicas.options(86_400));
    new Remote(client, new InProcessTransport(server)).cloneAll(Progress.NONE);
    return new Repository[] {server, client};
  }

  @Test
  void aFewLocalCommitsNeedOneRequestAndOnlyTheNewObjects() {
    CountingBackend clientBackend = new CountingBackend();
    Repository[] pair = clonedHistory(clientBackend);
    Repository server = pair[0];
    Repository client = pair[1];
    for (int i = 0; i < 5; i++) {
      client.branch("main").set("mine/k" + i, "local " + i, info("local " + i));
    }
    server.branch("main").set("theirs/k", "remote", info("remote"));
    clientBackend.reset();
    InProcessTransport transport = new InProcessTransport(server);

    PullResult pulled = new Remote(client, transport).pull("main", info("merge"), Progress.NONE);

    assertEquals(MergeResult.Status.MERGED, pulled.merge().status());
    // The server's new commit: its commit, root tree, "theirs" tree and value.
    assertEquals(4, pulled.objectsReceived());
    assertEquals(List.of(ObjectType.BLOB, ObjectType.TREE, ObjectType.TREE, ObjectType.COMMIT),
        types(clientBackend.written.subList(0, 4)));
    assertEquals(2, transport.requests.get(), "refs and one fetch");
    assertEquals("remote", Replicas.text(client, "main", "theirs/k"));
    assertEquals("local 4", Replicas.text(client, "main", "mine/k4"));
    Replicas.assertClean(client);
  }

  @Test
  void manyLocalCommitsNeedAFewRequestsAndStillOnlyTheNewObjects() {
    CountingBackend clientBackend = new CountingBackend();
    Repository[] pair = clonedHistory(clientBackend);
    Repository server = pair[0];
    Repository writer = pair[1];
    for (int i = 0; i < 100; i++) {
      writer.branch("main").set("mine/k" + i % 7, "local " + i, info("local " + i));
    }
    server.branch("main").set("theirs/k", "remote", info("remote"));
    // A fresh repository over the same store: nothing cached, every commit read is counted.
    Repository client = Repository.open(clientBackend, Replicas.options(2 * 86_400));
    clientBackend.reset();
    InProcessTransport transport = new InProcessTransport(server);

    PullResult pulled = new Remote(client, transport).pull("main", info("merge"), Progress.NONE);

    assertEquals(MergeResult.Status.MERGED, pulled.merge().status());
    assertEquals(4, pulled.objectsReceived());
    // refs, then haves at depths up to 32, up to 64, and (every second commit) up to 128,
    // which holds the common commit at depth 100.
    assertEquals(4, transport.requests.get(), "requests");
    int reads = clientBackend.reads.size();
    System.out.println("pull after 100 local commits on a " + HISTORY + "-commit history: "
        + pulled.objectsReceived() + " objects in " + (transport.requests.get() - 1)
        + " fetch requests, client read " + reads + " objects");
    // Its haves (about 130 commits) and the merge (the 100 local commits, a few trees): not the
    // history of 1,100 commits.
    assertTrue(reads <= 300, "client reads: " + reads);
    assertEquals("remote", Replicas.text(client, "main", "theirs/k"));
    Replicas.assertClean(client);
  }

  @Test
  void unrelatedHistoriesStillReceiveEverything() {
    Repository server = Replicas.memory(0);
    for (int i = 0; i < 50; i++) {
      server.branch("main").set("theirs/k" + i % 5, "t" + i, info("t" + i));
    }
    CountingBackend clientBackend = new CountingBackend();
    Repository client = Repository.open(clientBackend, Replicas.options(86_400));
    for (int i = 0; i < 50; i++) {
      client.branch("main").set("mine/k" + i % 5, "m" + i, info("m" + i));
    }
    CountingBackend cloneBackend = new CountingBackend();
    new Remote(Repository.open(cloneBackend, Replicas.options(0)), new InProcessTransport(server))
        .cloneAll(Progress.NONE);
    InProcessTransport transport = new InProcessTransport(server);

    PullResult pulled = new Remote(client, transport).pull("main", info("merge"), Progress.NONE);

    assertEquals(cloneBackend.written.size(), pulled.objectsReceived(), "the whole history");
    // refs; haves up to depth 32 and up to 50 (unknown: "common": false); then everything.
    assertEquals(4, transport.requests.get(), "requests");
    assertEquals(MergeResult.Status.MERGED, pulled.merge().status());
    assertEquals("t49", Replicas.text(client, "main", "theirs/k4"));
    assertEquals("m49", Replicas.text(client, "main", "mine/k4"));
    Replicas.assertClean(client);

    // Unrelated values at the same key conflict, as before: nothing merged.
    Repository other = Replicas.memory(172_800);
    other.branch("main").set("theirs/k4", "different", info("other"));
    PullResult refused = new Remote(other, new InProcessTransport(server))
        .pull("main", info("merge"), Progress.NONE);
    assertTrue(refused.merge().isConflict());
    assertEquals("different", Replicas.text(other, "main", "theirs/k4"));
  }

  private static List<ObjectType> types(List<RawObject> objects) {
    return objects.stream().map(RawObject::type).collect(Collectors.toList());
  }
}
