package dev.grove.sync;

import static dev.grove.sync.Replicas.info;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.hash.ObjectId;
import dev.grove.object.CommitObject;
import dev.grove.object.ObjectCodec;
import dev.grove.object.ObjectType;
import dev.grove.object.Person;
import dev.grove.object.RawObject;
import dev.grove.store.CountingBackend;
import dev.grove.store.Repository;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input to the server, sent as bytes through the transport: each gets a 4xx JSON error
 * with the right code, and the server repository is unchanged (same refs, no object written,
 * fsck clean).
 */
class BadInputTest {
  private static final Person PERSON = new Person("T", "t@example.com", 1_700_000_000L, 0);

  private CountingBackend backend;
  private Repository server;
  private InProcessTransport transport;
  private SortedMap<String, ObjectId> refsBefore;
  private ObjectId head;
  private RawObject storedBlob;

  @BeforeEach
  void serverWithHistory() {
    backend = new CountingBackend();
    server = Repository.open(backend, Replicas.options(0));
    server.branch("main").set("notes/a", "1", info("one"));
    head = server.branch("main").set("notes/b", "2", info("two"));
    storedBlob = RawObject.of(ObjectType.BLOB, "2".getBytes(StandardCharsets.UTF_8));
    transport = new InProcessTransport(server);
    refsBefore = server.branches();
    backend.reset();
  }

  // ---- push: objects ----

  @Test
  void anObjectWhoseBytesDoNotHashToItsIdIsBadObjectId() throws IOException {
    RawObject blob = blob("x");
    byte[] header = pushHeader("main", head, blob.id(), 1);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(BundleTest.frame(header, blob));
    byte[] bytes = body.toByteArray();
    bytes[bytes.length - 2] ^= 1; // flip a bit of the payload
    assertRefusedPush(bytes, 400, "bad_object_id");
  }

  @Test
  void treeEntryNamesThatAreNotPathSegmentsAreMalformed() throws IOException {
    for (String name : List.of(".", "..", "a/b", "", "a\0b")) {
      RawObject tree = rawTree("100644", name, storedBlob.id());
      RawObject commit = commit(tree.id(), head);
      assertRefusedPush(push("main", head, commit.id(), tree, commit), 400, "malformed_object");
    }
  }

  @Test
  void anUnknownModeIsMalformed() throws IOException {
    RawObject tree = rawTree("100000", "k", storedBlob.id());
    RawObject commit = commit(tree.id(), head);
    assertRefusedPush(push("main", head, commit.id(), tree, commit), 400, "malformed_object");
  }

  @Test
  void aCommitThatDoesNotDecodeIsMalformed() throws IOException {
    RawObject bad = RawObject.of(ObjectType.COMMIT, "tree nope\n\nmessage".getBytes(StandardCharsets.UTF_8));
    assertRefusedPush(push("main", head, bad.id(), bad), 400, "malformed_object");
  }

  @Test
  void aReferenceToAnObjectNeitherSentNorStoredIsMissingObjects() throws IOException {
    RawObject unknownBlob = blob("never sent");
    RawObject tree = rawTree("100644", "k", unknownBlob.id());
    RawObject commit = commit(tree.id(), head);
    assertRefusedPush(push("main", head, commit.id(), tree, commit), 400, "missing_objects");
    // Children first: a tree before its blob is the same failure.
    assertRefusedPush(push("main", head, commit.id(), tree, unknownBlob, commit), 400,
        "missing_objects");
    // A parent that is not there.
    RawObject orphan = commit(tree("k", storedBlob).id(), ObjectId.fromHex("12".repeat(20)));
    RawObject orphanTree = tree("k", storedBlob);
    assertRefusedPush(push("main", head, orphan.id(), orphanTree, orphan), 400, "missing_objects");
  }

  @Test
  void aReferenceOfTheWrongTypeIsWrongObjectType() throws IOException {
    // A value entry naming a tree of the bundle.
    RawObject inner = tree("k", storedBlob);
    RawObject outer = rawTree("100644", "k", inner.id());
    RawObject c1 = commit(outer.id(), head);
    assertRefusedPush(push("main", head, c1.id(), inner, outer, c1), 400, "wrong_object_type");
    // A value entry naming a stored commit.
    RawObject pointsAtCommit = rawTree("100644", "k", head);
    RawObject c2 = commit(pointsAtCommit.id(), head);
    assertRefusedPush(push("main", head, c2.id(), pointsAtCommit, c2), 400, "wrong_object_type");
    // A commit whose tree is a blob.
    RawObject c3 = commit(storedBlob.id(), head);
    assertRefusedPush(push("main", head, c3.id(), c3), 400, "wrong_object_type");
    // A head that is a tree.
    RawObject tree = tree("k", storedBlob);
    assertRefusedPush(push("main", head, tree.id(), tree), 400, "wrong_object_type");
  }

  @Test
  void aHeadNeitherSentNorStoredIsMissingObjects() throws IOException {
    assertRefusedPush(push("main", head, ObjectId.fromHex("34".repeat(20))), 400,
        "missing_objects");
  }

  // ---- push: header ----

  @Test
  void badHeadersAreRefusedBeforeAnyObjectIsRead() throws IOException {
    RawObject tree = tree("k", storedBlob);
    RawObject commit = commit(tree.id(), head);
    assertRefusedPush(push("bad..name", head, commit.id(), tree, commit), 400, "invalid_branch");
    assertRefusedPush(BundleTest.frame(json("{\"protocol\":2,\"branch\":\"main\",\"expected\":null,"
        + "\"head\":\"" + commit.id().hex() + "\",\"objects\":2}"), tree, commit), 400,
        "unsupported_protocol");
    assertRefusedPush(BundleTest.frame(json("{\"protocol\":1,\"objects\":2}"), tree, commit), 400,
        "bad_request");
    assertRefusedPush(BundleTest.frame(json("{\"protocol\":1,\"branch\":\"main\",\"head\":\""
        + commit.id().hex() + "\",\"objects\":2}"), tree, commit), 400, "bad_request");
    assertRefusedPush(BundleTest.frame(json("{\"protocol\":1,\"branch\":\"main\",\"expected\":null,"
        + "\"head\":\"zz\",\"objects\":2}"), tree, commit), 400, "bad_request");
    assertRefusedPush(BundleTest.frame(json("{\"protocol\":1,\"branch\":\"main\",\"expected\":null,"
        + "\"head\":\"" + commit.id().hex() + "\",\"force\":\"yes\",\"objects\":2}"), tree, commit),
        400, "bad_request");
  }

  @Test
  void aTruncatedPushIsMalformedAndAnOversizedOneTooLarge() throws IOException {
    RawObject tree = tree("k", storedBlob);
    RawObject commit = commit(tree.id(), head);
    byte[] body = push("main", head, commit.id(), tree, commit);
    for (int length = 0; length < body.length; length += 7) {
      assertRefusedPush(java.util.Arrays.copyOf(body, length), 400, "malformed_bundle");
    }
    InProcessTransport small = new InProcessTransport(server, body.length - 1);
    assertRefused(small.send(Request.post("push", Protocol.BUNDLE_TYPE, body)), 413,
        "body_too_large");
    SyncServer.Reply ok = new SyncServer(server).push(new java.io.ByteArrayInputStream(body), body.length);
    assertEquals(200, ok.status());
  }

  @Test
  void aPushAnnouncingMoreObjectsThanTheCapIsRefusedBeforeReadingThem() throws IOException {
    RawObject tree = tree("k", storedBlob);
    RawObject commit = commit(tree.id(), head);
    byte[] header = pushHeader("main", head, commit.id(), Protocol.MAX_BUNDLE_OBJECTS + 1);
    // Only the header: the answer comes before any object would be read.
    byte[] full = BundleTest.frame(header, tree, commit);
    int headerEnd = 9 + header.length;
    assertRefusedPush(java.util.Arrays.copyOf(full, headerEnd), 413, "too_many_objects");
  }

  @Test
  void aPushCreatingABranchNextToAnotherIsInvalidBranch() throws IOException {
    RawObject tree = tree("k", storedBlob);
    RawObject commit = commit(tree.id(), head);
    assertRefusedPush(push("main/sub", ObjectId.NONE, commit.id(), tree, commit), 400,
        "invalid_branch");
  }

  @Test
  void aWellFormedPushIsAcceptedThroughTheSameRoute() throws IOException {
    RawObject tree = tree("k", storedBlob);
    RawObject commit = commit(tree.id(), head);
    try (Reply reply = transport.send(Request.post("push", Protocol.BUNDLE_TYPE,
        push("main", head, commit.id(), tree, commit)))) {
      assertEquals(200, reply.status());
      assertEquals("{\"branch\":\"main\",\"outcome\":\"updated\",\"head\":\"" + commit.id().hex()
          + "\"}", new String(reply.body().readAllBytes(), StandardCharsets.UTF_8));
    }
    assertEquals(commit.id(), server.head("main"));
    Replicas.assertClean(server);
  }

  @Test
  void everySingleByteCorruptionOfAPushIsA4xxOrAValidPush() throws IOException {
    RawObject blob = blob("fresh value");
    RawObject tree = rawTree("100644", "k", blob.id());
    RawObject commit = commit(tree.id(), head);
    byte[] body = push("main", head, commit.id(), blob, tree, commit);
    SyncServer direct = new SyncServer(server);
    java.util.Random random = new java.util.Random(42);
    int refused = 0;
    for (int at = 0; at < body.length; at++) {
      for (int flip : new int[] {0x01, 0x80, 1 + random.nextInt(255)}) {
        byte[] bad = body.clone();
        bad[at] ^= (byte) flip;
        try {
          SyncServer.Reply reply = direct.push(new java.io.ByteArrayInputStream(bad), 1 << 20);
          assertTrue(reply.status() == 200 || reply.status() == 409, "status " + reply.status());
          if (reply.status() == 200) {
            // Still the same push (an upper-case hex digit names the same id): undo it.
            assertEquals(commit.id(), server.head("main"), "corruption at byte " + at);
            server.backend().write(new dev.grove.backend.WriteBatch(List.of(),
                List.of(new dev.grove.backend.RefUpdate("main", commit.id(), head))));
          }
        } catch (SyncException e) {
          assertTrue(e.status() >= 400 && e.status() < 500, e.code() + " at " + at);
          refused++;
        }
        assertEquals(refsBefore, server.branches(), "corruption at byte " + at);
      }
    }
    assertTrue(refused > body.length * 2, "refused " + refused);
    Replicas.assertClean(server);
  }

  // ---- fetch ----

  @Test
  void badFetchRequestsGetTheirCodes() {
    assertRefusedFetch("{\"protocol\":1,\"wants\":[\"" + "ab".repeat(20) + "\"],\"haves\":[]}",
        "unknown_object");
    RawObject blob = storedBlob;
    assertRefusedFetch("{\"protocol\":1,\"wants\":[\"" + blob.id().hex() + "\"]}", "unknown_object");
    assertRefusedFetch("{\"protocol\":1,\"wants\":" + ids(Protocol.MAX_WANTS + 1) + "}",
        "too_many_ids");
    assertRefusedFetch("{\"protocol\":1,\"wants\":[],\"haves\":" + ids(Protocol.MAX_HAVES + 1) + "}",
        "too_many_ids");
    assertRefusedFetch("{\"protocol\":1,\"wants\":[", "bad_request");
    assertRefusedFetch("[]", "bad_request");
    assertRefusedFetch("{\"protocol\":1,\"wants\":[\"xyz\"]}", "bad_request");
    assertRefusedFetch("{\"protocol\":1,\"wants\":[1]}", "bad_request");
    assertRefusedFetch("{\"wants\":[]}", "bad_request");
    assertRefusedFetch("{\"protocol\":7,\"wants\":[]}", "unsupported_protocol");
    assertRefusedFetch("{\"protocol\":1,\"wants\":[],\"negotiate\":\"yes\"}", "bad_request");
    assertRefused(transport.send(Request.post("fetch", "text/plain", json("{}"))), 415,
        "unsupported_media_type");
  }

  @Test
  void unknownHavesAreIgnored() throws IOException {
    String request = "{\"protocol\":1,\"wants\":[\"" + head.hex() + "\"],\"haves\":[\""
        + "cd".repeat(20) + "\",\"" + storedBlob.id().hex() + "\"]}";
    try (Reply reply = transport.send(Request.post("fetch", Protocol.JSON_TYPE, json(request)))) {
      assertEquals(200, reply.status());
      assertEquals(Protocol.BUNDLE_TYPE, reply.contentType());
    }
  }

  @Test
  void negotiatingWithOnlyUnknownHavesGetsAnEmptyBundleSayingSo() throws IOException {
    String unknown = "\"" + "cd".repeat(20) + "\",\"" + storedBlob.id().hex() + "\"";
    Map<String, Object> none = fetchHeader("{\"protocol\":1,\"wants\":[\"" + head.hex() + "\"],\"haves\":[" + unknown
            + "],\"negotiate\":true}");
    assertEquals(List.of("protocol", "objects", "common"), new ArrayList<>(none.keySet()));
    assertEquals(0, WireJson.smallInt(none.get("objects")));
    assertEquals(Boolean.FALSE, none.get("common"));
    assertEquals(Boolean.TRUE, fetchHeader("{\"protocol\":1,\"wants\":[\"" + head.hex()
        + "\"],\"haves\":[" + unknown + ",\"" + head.hex() + "\"],\"negotiate\":true}").get("common"));
    // No haves: nothing to negotiate, everything is sent.
    Map<String, Object> all = fetchHeader("{\"protocol\":1,\"wants\":[\"" + head.hex()
        + "\"],\"haves\":[],\"negotiate\":true}");
    assertEquals(Boolean.TRUE, all.get("common"));
    assertTrue(WireJson.smallInt(all.get("objects")) > 0);
    assertEquals(null, fetchHeader("{\"protocol\":1,\"wants\":[\"" + head.hex()
        + "\"],\"haves\":[" + unknown + "]}").get("common"));
  }

  private Map<String, Object> fetchHeader(String request) throws IOException {
    try (Reply reply = transport.send(Request.post("fetch", Protocol.JSON_TYPE, json(request)))) {
      assertEquals(200, reply.status());
      return new BundleReader(reply.body(), Long.MAX_VALUE).readHeader();
    }
  }

  // ---- helpers ----

  private void assertRefusedPush(byte[] body, int status, String code) {
    assertRefused(transport.send(Request.post("push", Protocol.BUNDLE_TYPE, body)), status, code);
  }

  private void assertRefusedFetch(String body, String code) {
    assertRefused(transport.send(Request.post("fetch", Protocol.JSON_TYPE, json(body))), 400, code);
  }

  private void assertRefused(Reply reply, int status, String code) {
    assertEquals(status, reply.status());
    SyncException e = Protocol.errorFrom(reply);
    assertEquals(code, e.code(), e.getMessage());
    assertEquals(refsBefore, server.branches());
    assertTrue(backend.written.isEmpty(), "objects written: " + backend.written);
    Replicas.assertClean(server);
  }

  private static String ids(int n) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < n; i++) {
      String hex = Integer.toHexString(i + 1);
      out.append(i == 0 ? "\"" : ",\"").append("0".repeat(40 - hex.length())).append(hex).append('"');
    }
    return out.append(']').toString();
  }

  private static byte[] push(String branch, ObjectId expected, ObjectId head, RawObject... objects)
      throws IOException {
    return BundleTest.frame(pushHeader(branch, expected, head, objects.length), objects);
  }

  private static byte[] pushHeader(String branch, ObjectId expected, ObjectId head, int count) {
    return dev.grove.json.Json.writeUtf8(WireJson.pushHeader(branch, expected, head, false, count));
  }

  private static RawObject blob(String text) {
    return RawObject.of(ObjectType.BLOB, text.getBytes(StandardCharsets.UTF_8));
  }

  private static RawObject tree(String name, RawObject blob) {
    return rawTree("100644", name, blob.id());
  }

  /** A tree of one entry, written byte by byte (so it may break the rules). */
  private static RawObject rawTree(String mode, String name, ObjectId id) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((mode + " " + name).getBytes(StandardCharsets.UTF_8));
    out.write(0);
    out.writeBytes(id.toBytes());
    return RawObject.of(ObjectType.TREE, out.toByteArray());
  }

  private static RawObject commit(ObjectId tree, ObjectId parent) {
    List<ObjectId> parents = new ArrayList<>();
    parents.add(parent);
    return ObjectCodec.encodeCommit(new CommitObject(tree, parents, PERSON, PERSON, "test\n"));
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
