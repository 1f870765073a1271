package dev.grove.server.cli;

import dev.grove.hash.ObjectId;
import dev.grove.server.client.LoopbackServer;
import dev.grove.server.storage.Stores;
import dev.grove.store.Repository;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;

/** Command-line tests against a real grove server on loopback (started by {@link #serve}). */
abstract class SyncCliTestBase extends CliTestBase {
  LoopbackServer server;

  /** Starts the server with its data in the temporary directory. */
  LoopbackServer serve(String backend) {
    server = LoopbackServer.start(dir.resolve("data"), Stores.Kind.parse(backend).orElseThrow());
    return server;
  }

  @AfterEach
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  String url() {
    return server.url("notes");
  }

  String token() {
    return server.writeToken();
  }

  /** The head of {@code branch} in the store in {@code repo}. */
  static ObjectId head(Path repo, String branch) {
    try (Repository opened = Repository.open(Stores.open(repo))) {
      return opened.head(branch);
    }
  }

  /** The head of main in the server's repository {@code notes}. */
  ObjectId serverHead() {
    try (Repository opened = server.open("notes")) {
      return opened.head("main");
    }
  }

  /** A store of {@code kind} with one commit setting {@code key} to {@code value}, pushed to the server as repository notes. */
  Path published(String kind, String key, String value) {
    Path repo = store(kind);
    in(repo, "set", key, value, "-m", "first").ok();
    in(repo, "remote", "add", "origin", url()).ok();
    in(repo, "push", "--token", token()).ok();
    return repo;
  }

  /** Clones the server's repository notes into {@code name} (a {@code kind} store). */
  Path cloned(String name, String kind) {
    Path target = dir.resolve(name);
    grove("clone", url(), target.toString(), "--backend", kind, "--token", token()).ok();
    return target;
  }
}
