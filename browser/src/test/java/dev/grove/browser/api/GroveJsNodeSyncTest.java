package dev.grove.browser.api;

import dev.grove.server.http.GroveServer;
import dev.grove.server.http.Scope;
import dev.grove.server.http.ServerConfig;
import dev.grove.server.storage.Durability;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * grove.js's sync in Node, whose {@code fetch} (Node 18+) is the transport: push, pull, sync,
 * errors and live() against a real Grove server on loopback ({@code src/test/js/node-sync-test.mjs}).
 */
class GroveJsNodeSyncTest {
  @TestFactory
  @DisplayName("grove.js sync in Node against a Grove server")
  List<DynamicNode> nodeSync() throws Exception {
    Path data = Files.createTempDirectory("grove-node-sync-");
    try (GroveServer server = GroveServer.start(ServerConfig.defaults(data).withPort(0)
        .withDurability(Durability.NO_FSYNC))) {
      String token = server.tokens().add("node", Scope.WRITE);
      return NodeScript.run(NodeScript.script("node-sync-test.mjs"),
          new File(NodeScript.groveDir(), "grove.js").getAbsolutePath(), server.url(), token);
    } finally {
      try (Stream<Path> files = Files.walk(data)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
