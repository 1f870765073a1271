package dev.grove.sync;

import static dev.grove.sync.Replicas.info;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.store.Repository;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Live sync keeps replicas converged through changes on either side and network failures. */
class LiveSyncTest {
  private static final long BACKOFF_MS = 50;

  private Repository server;
  private Repository a;
  private Repository b;
  private InProcessTransport netA;
  private InProcessTransport netB;
  private Recorder recA;
  private Recorder recB;
  private LiveSync liveA;
  private LiveSync liveB;

  @BeforeEach
  void start() {
    server = Replicas.memory(0);
    a = Replicas.memory(1000);
    b = Replicas.memory(2000);
    netA = new InProcessTransport(server);
    netB = new InProcessTransport(server);
    recA = new Recorder();
    recB = new Recorder();
    liveA = LiveSync.start(new Remote(a, netA), "main", info("merge"), recA, BACKOFF_MS);
    liveB = LiveSync.start(new Remote(b, netB), "main", info("merge"), recB, BACKOFF_MS);
  }

  @AfterEach
  void stop() {
    liveA.cancel();
    liveB.cancel();
  }

  @Test
  void changesOnEitherSideReachTheOther() {
    a.branch("main").set("from/a", "1", info("a"));
    await(() -> b.branch("main").findText("from/a").isPresent(), "b sees a's change");
    b.branch("main").set("from/b", "2", info("b"));
    await(() -> a.branch("main").findText("from/b").isPresent(), "a sees b's change");
    await(() -> a.head("main").equals(server.head("main"))
        && b.head("main").equals(server.head("main")), "all three at one head");
    assertTrue(recA.states.contains("live"));
    assertTrue(recA.failures.isEmpty(), "failures: " + recA.failures);
  }

  @Test
  void concurrentChangesOnBothSidesAreMergedEverywhere() {
    await(() -> recA.states.contains("live") && recB.states.contains("live"), "both live");
    for (int i = 0; i < 5; i++) {
      a.branch("main").set("a/" + i, "x", info("a" + i));
      b.branch("main").set("b/" + i, "y", info("b" + i));
    }
    await(() -> a.head("main").equals(server.head("main"))
        && b.head("main").equals(server.head("main"))
        && a.branch("main").findText("b/4").isPresent()
        && b.branch("main").findText("a/4").isPresent(), "converged");
    for (int i = 0; i < 5; i++) {
      assertEquals("x", Replicas.text(server, "main", "a/" + i));
      assertEquals("y", Replicas.text(server, "main", "b/" + i));
    }
  }

  @Test
  void itRecoversAfterTheNetworkFails() {
    a.branch("main").set("before", "1", info("before"));
    await(() -> b.branch("main").findText("before").isPresent(), "first change arrives");
    netB.setOnline(false);
    await(() -> recB.states.contains("offline"), "b goes offline");
    a.branch("main").set("while/a", "2", info("a while b is offline"));
    b.branch("main").set("while/b", "3", info("b while offline"));
    await(() -> server.branch("main").findText("while/a").isPresent(), "a's change on the server");
    assertTrue(server.branch("main").findText("while/b").isEmpty());
    netB.setOnline(true);
    await(() -> server.branch("main").findText("while/b").isPresent()
        && b.branch("main").findText("while/a").isPresent()
        && a.branch("main").findText("while/b").isPresent(), "converged after reconnecting");
    assertTrue(recB.failures.stream().anyMatch(e -> e instanceof TransportException),
        "failures: " + recB.failures);
  }

  @Test
  void cancelStopsEverything() throws InterruptedException {
    await(() -> recA.states.contains("live"), "live");
    liveA.cancel();
    assertEquals("stopped", recA.states.get(recA.states.size() - 1));
    a.branch("main").set("after", "1", info("after cancel"));
    Thread.sleep(200);
    assertTrue(server.branch("main").findText("after").isEmpty());
  }

  @Test
  void reconnectionPausesDoubleWhileTheNetworkIsDown() throws InterruptedException {
    Repository c = Replicas.memory(3000);
    InProcessTransport down = new InProcessTransport(server);
    down.setOnline(false);
    List<Long> connecting = new CopyOnWriteArrayList<>();
    Recorder rec = new Recorder() {
      @Override
      public void state(String state) {
        super.state(state);
        if (state.equals("connecting")) {
          connecting.add(System.nanoTime());
        }
      }
    };
    LiveSync live = LiveSync.start(new Remote(c, down), "main", info("m"), rec, BACKOFF_MS);
    try {
      await(() -> connecting.size() >= 5, "five attempts");
    } finally {
      live.cancel();
    }
    // Pauses of at least 50, 100, 200, 400 ms (less 2 ms: the wall clock and the nanosecond
    // clock round differently); an upper bound would depend on the machine's load.
    for (int i = 1; i < 5; i++) {
      long gapMs = (connecting.get(i) - connecting.get(i - 1)) / 1_000_000;
      long nominal = BACKOFF_MS << (i - 1);
      assertTrue(gapMs >= nominal - 2, "pause " + i + " was " + gapMs + " ms, nominal " + nominal);
    }
    assertTrue(rec.failures.stream().allMatch(e -> e instanceof TransportException));
    assertTrue(rec.results.isEmpty());
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out waiting: " + what);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  private static class Recorder implements LiveSync.Listener {
    final List<String> states = new CopyOnWriteArrayList<>();
    final List<SyncResult> results = new CopyOnWriteArrayList<>();
    final List<RuntimeException> failures = new CopyOnWriteArrayList<>();

    @Override
    public void state(String state) {
      states.add(state);
    }

    @Override
    public void synced(SyncResult result) {
      results.add(result);
    }

    @Override
    public void failed(RuntimeException error) {
      failures.add(error);
    }
  }
}
