package dev.grove.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.hash.ObjectId;
import dev.grove.json.Json;
import dev.grove.object.RawObject;
import dev.grove.store.Repository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Error answers quote at most about 100 characters of what the client sent, however long it was. */
class BoundedMessagesTest {
  private static final String LONG = "x".repeat(60_000);

  private final Repository server = Replicas.memory(0);
  private final InProcessTransport transport = new InProcessTransport(server);

  @Test
  void longBranchNamesProtocolNumbersEntryNamesAndKeysAreCut() throws IOException {
    ObjectId head = server.branch("main").set("k", "v", Replicas.info("one"));
    RawObject value = Crafted.blob("v");
    RawObject tree = Crafted.tree("100644", "k", value.id());
    RawObject commit = Crafted.commit(tree.id(), Replicas.START + 5, head);

    assertBounded(push(Json.writeUtf8(WireJson.pushHeader(LONG, head, commit.id(), false, 1)),
        commit), "invalid_branch");
    assertBounded(push(("{\"protocol\":1" + "1".repeat(60_000) + ",\"objects\":1}")
        .getBytes(StandardCharsets.UTF_8), commit), "unsupported_protocol");
    RawObject badTree = Crafted.tree("100644", LONG + "/", value.id());
    RawObject badCommit = Crafted.commit(badTree.id(), Replicas.START + 5, head);
    assertBounded(push(Json.writeUtf8(WireJson.pushHeader("main", head, badCommit.id(), false, 2)),
        badTree, badCommit), "malformed_object");
    RawObject badMode = Crafted.tree("1" + "0".repeat(10_000), "k", value.id());
    assertBounded(push(Json.writeUtf8(WireJson.pushHeader("main", head, badMode.id(), false, 1)),
        badMode), "malformed_object");
    String duplicateKey = "{\"" + LONG + "\":1,\"" + LONG + "\":2}";
    try (Reply reply = transport.send(Request.post("fetch", Protocol.JSON_TYPE,
        duplicateKey.getBytes(StandardCharsets.UTF_8)))) {
      assertBounded(reply, "bad_request");
    }
  }

  private Reply push(byte[] header, RawObject... objects) throws IOException {
    return transport.send(Request.post("push", Protocol.BUNDLE_TYPE,
        BundleTest.frame(header, objects)));
  }

  private static void assertBounded(Reply reply, String code) {
    assertEquals(400, reply.status());
    SyncException e = Protocol.errorFrom(reply);
    assertEquals(code, e.code(), e.getMessage());
    assertTrue(e.getMessage().length() < 400, e.getMessage().length() + ": "
        + e.getMessage().substring(0, Math.min(300, e.getMessage().length())));
  }
}
