package dev.grove.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.hash.ObjectId;
import dev.grove.json.Json;
import dev.grove.object.RawObject;
import dev.grove.store.CountingBackend;
import dev.grove.store.Repository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a stock Git push can leave in a store: every object of its pack, including a commit
 * whose parent is absent, or a tree whose entry is absent, that no branch reaches. Only what a
 * branch reaches is trusted: a push building on such objects is refused (nothing written), a
 * fetch cannot want them, and a client holding such objects fetches them again.
 */
class UnreachableObjectsTest {
  private CountingBackend backend;
  private Repository server;
  private InProcessTransport transport;
  private ObjectId main;
  /** A commit whose parent is not stored (its tree and value are). */
  private RawObject dangling;
  /** A tree whose value is not stored. */
  private RawObject holedTree;
  /** A commit no branch reaches, but complete (its parent is main's head). */
  private RawObject complete;

  @BeforeEach
  void serverWithLeftovers() {
    backend = new CountingBackend();
    server = Repository.open(backend, Replicas.options(0));
    server.branch("main").set("a", "1", Replicas.info("one"));
    main = server.branch("main").set("b", "2", Replicas.info("two"));

    RawObject value = Crafted.blob("left by git");
    RawObject tree = Crafted.tree("100644", "k", value.id());
    RawObject absentParent = Crafted.commit(tree.id(), Replicas.START + 10);
    dangling = Crafted.commit(tree.id(), Replicas.START + 11, absentParent.id());
    holedTree = Crafted.tree("100644", "gone", Crafted.blob("never stored").id());
    RawObject completeTree = Crafted.tree("100644", "c", value.id());
    complete = Crafted.commit(completeTree.id(), Replicas.START + 12, main);
    Crafted.store(server, value, tree, dangling, holedTree, completeTree, complete);
    transport = new InProcessTransport(server);
    backend.reset();
  }

  @Test
  void aBranchCannotBeCreatedAtACommitWhoseParentIsAbsent() throws IOException {
    assertRefused(push("evil", ObjectId.NONE, dangling.id()), "missing_objects");
    assertRefused(push("main", main, dangling.id()), "missing_objects");
  }

  @Test
  void aPushedCommitCannotHaveSuchAParent() throws IOException {
    RawObject tree = Crafted.tree("100644", "z", Crafted.blob("1").id());
    RawObject value = Crafted.blob("1");
    RawObject child = Crafted.commit(tree.id(), Replicas.START + 20, dangling.id());
    assertRefused(push("evil", ObjectId.NONE, child.id(), value, tree, child), "missing_objects");
    // Even as a second parent of a merge with main.
    RawObject merge = Crafted.commit(tree.id(), Replicas.START + 20, main, dangling.id());
    assertRefused(push("main", main, merge.id(), value, tree, merge), "missing_objects");
  }

  @Test
  void aPushedTreeCannotNameAStoredTreeWithAHole() throws IOException {
    RawObject top = Crafted.tree("40000", "dir", holedTree.id());
    RawObject commit = Crafted.commit(top.id(), Replicas.START + 20, main);
    assertRefused(push("main", main, commit.id(), top, commit), "missing_objects");
    // Nor as a commit's own tree.
    RawObject direct = Crafted.commit(holedTree.id(), Replicas.START + 20, main);
    assertRefused(push("main", main, direct.id(), direct), "missing_objects");
  }

  @Test
  void aCompleteCommitNoBranchReachesIsCheckedAndAccepted() throws IOException {
    try (Reply reply = transport.send(Request.post("push", Protocol.BUNDLE_TYPE,
        push("main", main, complete.id())))) {
      assertEquals(200, reply.status());
    }
    assertEquals(complete.id(), server.head("main"));
    Replicas.assertClean(server);
  }

  @Test
  void aPushedTreeMayNameAStoredCompleteTreeNoBranchReaches() throws IOException {
    RawObject inner = Crafted.blob("inner");
    RawObject storedTree = Crafted.tree("100644", "i", inner.id());
    Crafted.store(server, inner, storedTree);
    backend.reset();
    RawObject top = Crafted.tree("40000", "moved", storedTree.id());
    RawObject commit = Crafted.commit(top.id(), Replicas.START + 20, main);
    try (Reply reply = transport.send(Request.post("push", Protocol.BUNDLE_TYPE,
        push("main", main, commit.id(), top, commit)))) {
      assertEquals(200, reply.status());
    }
    assertEquals("inner", Replicas.text(server, "main", "moved/i"));
    Replicas.assertClean(server);
  }

  @Test
  void aFetchCannotWantWhatNoBranchReaches() {
    assertRefusedFetch(dangling.id());
    assertRefusedFetch(complete.id());
  }

  @Test
  void aHaveWhoseParentIsAbsentIsHarmless() throws IOException {
    String request = "{\"protocol\":1,\"wants\":[\"" + main.hex() + "\"],\"haves\":[\""
        + dangling.id().hex() + "\"]}";
    try (Reply reply = transport.send(Request.post("fetch", Protocol.JSON_TYPE,
        request.getBytes(StandardCharsets.UTF_8)))) {
      assertEquals(200, reply.status());
    }
  }

  @Test
  void aClientHoldingAnIncompleteCopyOfTheRemoteHeadFetchesItAgain() {
    Repository client = Replicas.memory(100);
    // The client holds the remote head's commit, but not its parent nor its tree.
    Crafted.store(client, server.backend().objects().read(main).get());
    new Remote(client, new InProcessTransport(server)).cloneAll(Progress.NONE);
    assertEquals(main, client.head("main"));
    assertEquals("2", Replicas.text(client, "main", "b"));
    Replicas.assertClean(client);
  }

  @Test
  void aParentAtABranchHeadCostsAFewReads() throws IOException {
    RawObject value = Crafted.blob("new");
    RawObject tree = Crafted.tree("100644", "n", value.id());
    RawObject child = Crafted.commit(tree.id(), Replicas.START + 30, main);
    try (Reply reply = transport.send(Request.post("push", Protocol.BUNDLE_TYPE,
        push("main", main, child.id(), value, tree, child)))) {
      assertEquals(200, reply.status());
    }
    assertTrue(backend.reads.size() <= 6, "reads: " + backend.reads.size());
    Replicas.assertClean(server);
  }

  private void assertRefused(byte[] body, String code) {
    SortedMap<String, ObjectId> before = server.branches();
    try (Reply reply = transport.send(Request.post("push", Protocol.BUNDLE_TYPE, body))) {
      assertEquals(400, reply.status());
      SyncException e = Protocol.errorFrom(reply);
      assertEquals(code, e.code(), e.getMessage());
    }
    assertEquals(before, server.branches());
    assertTrue(backend.written.isEmpty(), "objects written: " + backend.written);
    Replicas.assertClean(server);
  }

  private void assertRefusedFetch(ObjectId want) {
    String request = "{\"protocol\":1,\"wants\":[\"" + want.hex() + "\"]}";
    try (Reply reply = transport.send(Request.post("fetch", Protocol.JSON_TYPE,
        request.getBytes(StandardCharsets.UTF_8)))) {
      assertEquals(400, reply.status());
      assertEquals("unknown_object", Protocol.errorFrom(reply).code());
    }
  }

  private static byte[] push(String branch, ObjectId expected, ObjectId head, RawObject... objects)
      throws IOException {
    return BundleTest.frame(Json.writeUtf8(
        WireJson.pushHeader(branch, expected, head, false, objects.length)), objects);
  }
}
