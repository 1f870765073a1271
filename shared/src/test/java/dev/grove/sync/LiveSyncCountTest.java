package dev.grove.sync;

import static dev.grove.sync.Replicas.info;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.backend.Subscription;
import dev.grove.hash.ObjectId;
import dev.grove.store.Repository;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Live sync runs only the syncs a change needs: one on the replica that made it (its push) and
 * one on the other (its pull). The events its own sync causes (its push coming back from the
 * server, its merge moving the local branch) run none.
 *
 * <p>Each step waits until every replica is at the server's head, has received the server's
 * event for that head and is {@link LiveSync#idle idle}: then no further sync can follow, so the
 * counts are final, not a snapshot.
 */
class LiveSyncCountTest {
  private static final long BACKOFF_MS = 50;

  private final Repository server = Replicas.memory(0);
  private final Repository a = Replicas.memory(1000);
  private final Repository b = Replicas.memory(2000);
  private final EventLog netA = new EventLog(new InProcessTransport(server));
  private final EventLog netB = new EventLog(new InProcessTransport(server));
  private final List<SyncResult> syncsA = new CopyOnWriteArrayList<>();
  private final List<SyncResult> syncsB = new CopyOnWriteArrayList<>();
  private final List<RuntimeException> failures = new CopyOnWriteArrayList<>();
  private LiveSync liveA;
  private LiveSync liveB;

  @AfterEach
  void stop() {
    liveA.cancel();
    liveB.cancel();
  }

  @Test
  void oneChangeCostsOneSyncOnEachReplica() {
    server.branch("main").set("base", "0", info("base"));
    liveA = LiveSync.start(new Remote(a, netA), "main", info("merge"), recorder(syncsA), BACKOFF_MS);
    liveB = LiveSync.start(new Remote(b, netB), "main", info("merge"), recorder(syncsB), BACKOFF_MS);
    // Connecting: each empty replica pulls the server's head once.
    awaitQuiet(server.head("main"));
    assertCounts(1, 1, "after connecting");

    ObjectId fromA = a.branch("main").set("from/a", "1", info("a"));
    awaitQuiet(fromA);
    assertCounts(2, 2, "after a change on a: a pushes once, b pulls once");

    ObjectId fromB = b.branch("main").set("from/b", "2", info("b"));
    awaitQuiet(fromB);
    assertCounts(3, 3, "after a change on b: b pushes once, a pulls once");

    assertEquals("1", Replicas.text(b, "main", "from/a"));
    assertEquals("2", Replicas.text(a, "main", "from/b"));
    for (SyncResult result : syncsA) {
      assertEquals(SyncResult.Status.SYNCED, result.status(), "a: " + result);
    }
    for (SyncResult result : syncsB) {
      assertEquals(SyncResult.Status.SYNCED, result.status(), "b: " + result);
    }
    assertTrue(failures.isEmpty(), "failures: " + failures);
    Replicas.assertClean(a);
    Replicas.assertClean(b);
  }

  private void assertCounts(int onA, int onB, String when) {
    assertEquals(onA, syncsA.size(), "syncs on a " + when + ": " + syncsA);
    assertEquals(onB, syncsB.size(), "syncs on b " + when + ": " + syncsB);
  }

  /** Waits until all three are at {@code head}, both streams delivered it and both are idle. */
  private void awaitQuiet(ObjectId head) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (!(server.head("main").equals(head) && a.head("main").equals(head)
        && b.head("main").equals(head) && netA.delivered(head) && netB.delivered(head)
        && liveA.idle() && liveB.idle())) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out waiting for every replica at " + head.hex()
            + ", idle; syncs on a " + syncsA + ", on b " + syncsB);
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private LiveSync.Listener recorder(List<SyncResult> syncs) {
    return new LiveSync.Listener() {
      @Override
      public void state(String state) {}

      @Override
      public void synced(SyncResult result) {
        syncs.add(result);
      }

      @Override
      public void failed(RuntimeException error) {
        failures.add(error);
      }
    };
  }

  /** Records the data of each watch event once its listener (the live sync) has handled it. */
  private static final class EventLog implements Transport {
    private final Transport inner;
    private final List<String> data = new CopyOnWriteArrayList<>();

    EventLog(Transport inner) {
      this.inner = inner;
    }

    boolean delivered(ObjectId head) {
      return data.stream().anyMatch(event -> event.contains(head.hex()));
    }

    @Override
    public Reply send(Request request) {
      return inner.send(request);
    }

    @Override
    public Subscription events(String path, EventListener listener) {
      return inner.events(path, new EventListener() {
        @Override
        public void event(String name, String eventData) {
          listener.event(name, eventData);
          data.add(eventData);
        }

        @Override
        public void closed(RuntimeException error) {
          listener.closed(error);
        }
      });
    }
  }
}
