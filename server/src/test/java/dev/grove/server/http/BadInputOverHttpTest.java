package dev.grove.server.http;

import static dev.grove.server.http.ServerEndpointsTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.hash.ObjectId;
import dev.grove.object.ObjectType;
import dev.grove.object.RawObject;
import dev.grove.server.fs.FsDamage;
import dev.grove.server.storage.Durability;
import dev.grove.server.storage.Stores;
import dev.grove.store.Repository;
import dev.grove.store.Verifier;
import dev.grove.sync.Protocol;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SortedMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Malformed input over HTTP: a 4xx JSON error with the protocol's code, and nothing changed. */
class BadInputOverHttpTest {
  @TempDir
  Path data;

  private TestServer t;

  @AfterEach
  void stop() {
    t.close();
  }

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void badInputGets4xxAndChangesNothing(Stores.Kind kind) {
    t = TestServer.start(data);
    t.createRepository("notes", kind);
    SortedMap<String, ObjectId> before = branches();
    ObjectId main = before.get("main");

    RawObject blob = Bundles.blob("new value".getBytes(StandardCharsets.UTF_8));
    RawObject tree = Bundles.tree("k", blob.id());
    RawObject commit = Bundles.commit(tree.id(), main, "next");
    List<Bundles.Frame> frames = List.of(Bundles.Frame.of(blob), Bundles.Frame.of(tree), Bundles.Frame.of(commit));
    byte[] good = Bundles.push(Bundles.pushHeader("main", main, commit.id(), 3), frames);

    push(Arrays.copyOf(good, good.length - 7), 400, "malformed_bundle"); // truncated
    push(Arrays.copyOf(good, good.length - 1), 400, "malformed_bundle"); // no end marker

    RawObject other = Bundles.blob("other".getBytes(StandardCharsets.UTF_8));
    push(Bundles.push(Bundles.pushHeader("main", main, commit.id(), 3), List.of(
        new Bundles.Frame(ObjectType.BLOB, other.id(), blob.payload()), // wrong id
        Bundles.Frame.of(tree), Bundles.Frame.of(commit))), 400, "bad_object_id");

    RawObject badTree = Bundles.tree("a/b", blob.id());
    RawObject badCommit = Bundles.commit(badTree.id(), main, "bad name");
    push(Bundles.push(Bundles.pushHeader("main", main, badCommit.id(), 3), List.of(
        Bundles.Frame.of(blob), Bundles.Frame.of(badTree), Bundles.Frame.of(badCommit))), 400, "malformed_object");

    push(Bundles.push(Bundles.pushHeader("main", main, commit.id(), 2), List.of(
        Bundles.Frame.of(blob), Bundles.Frame.of(commit))), 400, "missing_objects"); // its tree is nowhere

    push(Bundles.push(Bundles.pushHeader("a..b", main, commit.id(), 3), frames), 400, "invalid_branch");

    assertError(t.post("/repos/notes/fetch", t.readToken, Protocol.JSON_TYPE,
        ("{\"protocol\":1,\"wants\":[\"" + "ab".repeat(20) + "\"],\"haves\":[]}").getBytes(StandardCharsets.UTF_8)),
        400, "unknown_object");
    assertError(t.post("/repos/notes/fetch", t.readToken, Protocol.JSON_TYPE, "{\"protocol\":1,".getBytes(StandardCharsets.UTF_8)),
        400, "bad_request");
    assertError(t.post("/repos/notes/fetch", t.readToken, Protocol.JSON_TYPE,
        "{\"protocol\":2,\"wants\":[],\"haves\":[]}".getBytes(StandardCharsets.UTF_8)), 400, "unsupported_protocol");

    t.close(); // reopen from disk: what a new process would see
    try (Repository repo = reopen()) {
      assertEquals(before, repo.branches());
      assertTrue(Verifier.verify(repo).ok());
      assertFalse(repo.backend().objects().contains(badTree.id()), "nothing of a refused push is stored");
      assertFalse(repo.backend().objects().contains(other.id()));
    }

    t = TestServer.start(data); // and the same objects, sent right, are accepted
    HttpResponse<String> accepted = t.post("/repos/notes/push", t.writeToken, Protocol.BUNDLE_TYPE, good);
    assertEquals(200, accepted.statusCode(), accepted.body());
    assertEquals(commit.id(), branches().get("main"));
  }

  @Test
  void aServerFaultIs500InternalAndLogged() throws Exception {
    t = TestServer.start(data);
    t.createRepository("notes", Stores.Kind.FS);
    ObjectId main = branches().get("main");
    ObjectId tree;
    try (Repository repo = reopen()) {
      tree = repo.commit(main).commit().tree();
    }
    // Damage the store behind the server's back: the commit's tree is no longer a tree.
    Path store = data.resolve("notes");
    byte[] record = FsDamage.record(store, tree);
    System.arraycopy("blob".getBytes(StandardCharsets.US_ASCII), 0, record, 0, 4); // was "tree"
    FsDamage.overwriteObject(store, tree, record);
    HttpResponse<String> fault = t.post("/repos/notes/fetch", t.readToken, Protocol.JSON_TYPE,
        ("{\"protocol\":1,\"wants\":[\"" + main.hex() + "\"],\"haves\":[]}").getBytes(StandardCharsets.UTF_8));
    assertError(fault, 500, "internal");
  }

  private void push(byte[] body, int status, String code) {
    assertError(t.post("/repos/notes/push", t.writeToken, Protocol.BUNDLE_TYPE, body), status, code);
  }

  private SortedMap<String, ObjectId> branches() {
    try (Repository repo = reopen()) {
      return repo.branches();
    }
  }

  private Repository reopen() {
    return Repository.open(Stores.open(data.resolve("notes"), Durability.NO_FSYNC));
  }
}
