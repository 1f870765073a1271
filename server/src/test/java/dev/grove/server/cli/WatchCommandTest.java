package dev.grove.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.hash.ObjectId;
import dev.grove.server.client.LoopbackServer;
import dev.grove.server.storage.Stores;
import dev.grove.store.Repository;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** grove watch against a real server: the state, then a line per change another client pushes; reconnects. */
class WatchCommandTest extends SyncCliTestBase {

  /** grove watch running on its own thread, its output read as it comes. */
  private final class Watch {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final AtomicInteger exit = new AtomicInteger(-1);
    final Thread thread;

    Watch(String... args) {
      thread = new Thread(() -> exit.set(Main.run(args, new ByteArrayInputStream(new byte[0]), out, err, dir)));
      thread.start();
    }

    String out() {
      return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
      return err.toString(StandardCharsets.UTF_8);
    }

    void await(String what, Predicate<Watch> condition) throws InterruptedException {
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (!condition.test(this)) {
        if (System.nanoTime() > deadline) {
          thread.interrupt();
          throw new AssertionError("no " + what + " within 20 s; stdout: " + out() + " stderr: " + err());
        }
        Thread.sleep(20);
      }
    }

    int finish() throws InterruptedException {
      thread.join(20_000);
      if (thread.isAlive()) {
        thread.interrupt();
        throw new AssertionError("watch did not stop; stdout: " + out() + " stderr: " + err());
      }
      return exit.get();
    }
  }

  @Test
  void printsTheStateThenALineWhenAnotherClientPushes() throws Exception {
    serve("git");
    Path a = published("git", "k", "1");
    Path b = cloned("b", "fs");
    ObjectId first = head(a, "main");
    Watch watch = new Watch("--repo", a.toString(), "watch", "--count", "2", "--token", token());
    watch.await("state line", w -> w.out().contains("\n"));
    assertEquals("main " + Revisions.abbrev(first) + "\n", watch.out());

    in(b, "set", "k", "2").ok();
    in(b, "push", "--token", token()).ok();
    in(b, "branch", "create", "side").ok();
    in(b, "push", "--branch", "side", "--token", token()).ok();
    assertEquals(0, watch.finish(), watch.err());
    ObjectId second = head(b, "main");
    assertEquals(List.of("main " + Revisions.abbrev(first),
        "main " + Revisions.abbrev(second) + " (was " + Revisions.abbrev(first) + ")",
        "side " + Revisions.abbrev(second) + " (new)"), watch.out().lines().toList());
    assertEquals("", watch.err());
  }

  @Test
  void reconnectsWithBackoffAndPrintsWhatItMissed() throws Exception {
    serve("fs");
    Path a = published("git", "k", "1");
    ObjectId first = head(a, "main");
    int port = server.port();
    Watch watch = new Watch("--repo", a.toString(), "watch", "--count", "1", "--token", token());
    watch.await("state line", w -> w.out().contains("\n"));
    server.close();
    server = null;
    watch.await("a reconnect notice", w -> w.err().contains("reconnecting in"));
    assertTrue(watch.err().startsWith("grove: lost the connection to origin ("), watch.err());
    // A change made while the server is down, straight into its repository.
    try (var repo = Repository.open(Stores.open(dir.resolve("data").resolve("notes")))) {
      repo.branch("main").set("k", "2", dev.grove.store.CommitInfo.message("offline"));
    }
    ObjectId second = head(dir.resolve("data").resolve("notes"), "main");
    server = LoopbackServer.start(dir.resolve("data"), Stores.Kind.FS, port);
    assertEquals(0, watch.finish(), watch.err());
    assertEquals(List.of("main " + Revisions.abbrev(first),
        "main " + Revisions.abbrev(second) + " (was " + Revisions.abbrev(first) + ")"), watch.out().lines().toList());
    assertTrue(watch.err().contains("grove: reconnected to origin"), watch.err());
    assertFalse(watch.err().contains(token()));
  }

  @Test
  void aServerThatIsDownFromTheStartCannotBeConnectedToNotLost() throws Exception {
    serve("fs");
    Path a = published("git", "k", "1");
    ObjectId first = head(a, "main");
    int port = server.port();
    String token = token();
    server.close();
    server = null;
    Watch watch = new Watch("--repo", a.toString(), "watch", "--count", "1", "--token", token);
    watch.await("a retry notice", w -> w.err().contains("retrying in"));
    assertTrue(watch.err().startsWith("grove: cannot connect to origin ("), watch.err());
    assertTrue(watch.err().contains("connection refused); retrying in 1 s\n"), watch.err());
    assertFalse(watch.err().contains("lost"), watch.err());
    server = LoopbackServer.start(dir.resolve("data"), Stores.Kind.FS, port);
    watch.await("state line", w -> w.out().contains("\n"));
    assertEquals("main " + Revisions.abbrev(first) + "\n", watch.out());
    watch.await("a connected notice", w -> w.err().contains("grove: connected to origin\n"));
    assertFalse(watch.err().contains("reconnected"), watch.err());
    in(a, "set", "k", "2").ok();
    in(a, "push", "--token", token).ok();
    assertEquals(0, watch.finish(), watch.err());
  }

  @Test
  void anAuthErrorStopsIt() throws Exception {
    serve("git");
    Path a = published("git", "k", "1");
    Watch watch = new Watch("--repo", a.toString(), "watch", "--token", "wrong");
    assertEquals(1, watch.finish());
    assertTrue(watch.err().startsWith("grove: watch origin (" + url() + "): unauthorized: "), watch.err());
  }
}
