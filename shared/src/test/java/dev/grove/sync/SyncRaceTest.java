package dev.grove.sync;

import static dev.grove.sync.Replicas.info;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.hash.ObjectId;
import dev.grove.store.Repository;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Several clients sync one branch at once: every commit a sync acknowledged ends on the server. */
class SyncRaceTest {
  private static final int CLIENTS = 3;
  private static final int ROUNDS = 15;

  @Test
  void everyAcknowledgedCommitReachesTheServer() throws Exception {
    Repository server = Replicas.memory(0);
    List<ObjectId> acknowledged = new CopyOnWriteArrayList<>();
    ConcurrentHashMap<String, String> acknowledgedValues = new ConcurrentHashMap<>();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    List<Thread> threads = new ArrayList<>();
    int[] retried = new int[CLIENTS];
    for (int c = 0; c < CLIENTS; c++) {
      int client = c;
      Repository local = Replicas.memory(1000L * (c + 1));
      Remote remote = new Remote(local, new InProcessTransport(server));
      threads.add(new Thread(() -> {
        try {
          for (int i = 0; i < ROUNDS; i++) {
            String key = "c" + client + "/k" + i;
            ObjectId mine = local.branch("main").set(key, "v" + i, info(key));
            SyncResult result = remote.sync("main", info("merge"), 50, Progress.NONE);
            assertEquals(SyncResult.Status.SYNCED, result.status());
            retried[client] += result.attempts() - 1;
            acknowledged.add(mine);
            acknowledgedValues.put(key, "v" + i);
          }
        } catch (Throwable e) {
          failures.add(e);
        }
      }));
    }
    for (Thread thread : threads) {
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join(60_000);
    }
    assertTrue(failures.isEmpty(), "failures: " + failures);
    assertEquals(CLIENTS * ROUNDS, acknowledged.size());
    ObjectId head = server.head("main");
    for (ObjectId commit : acknowledged) {
      assertTrue(server.isAncestor(commit, head), "lost " + commit);
    }
    for (var entry : acknowledgedValues.entrySet()) {
      assertEquals(entry.getValue(), Replicas.text(server, "main", entry.getKey()));
    }
    Replicas.assertClean(server);
    System.out.println("sync race: " + CLIENTS + " clients x " + ROUNDS + " commits, retries per client "
        + java.util.Arrays.toString(retried));
  }
}
