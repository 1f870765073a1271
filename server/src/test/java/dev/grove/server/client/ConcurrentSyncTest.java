package dev.grove.server.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.hash.ObjectId;
import dev.grove.server.storage.Durability;
import dev.grove.server.storage.Stores;
import dev.grove.store.CommitInfo;
import dev.grove.store.CommitView;
import dev.grove.store.Repository;
import dev.grove.store.TooManyRetriesException;
import dev.grove.store.Verifier;
import dev.grove.sync.Progress;
import dev.grove.sync.Remote;
import dev.grove.sync.SyncResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Several JVM clients sync one branch at once, each with its own local store and transport,
 * committing distinct keys and syncing after each commit. Whatever a sync acknowledged is on the
 * server at the end: its commit in the history, its keys in the head's tree.
 */
class ConcurrentSyncTest {
  private static final int CLIENTS = 4;
  private static final int COMMITS = 10;
  private static final int ATTEMPTS = 50;

  @TempDir
  Path dir;

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void everyAcknowledgedCommitIsOnTheServer(Stores.Kind serverKind) throws Exception {
    try (LoopbackServer server = LoopbackServer.start(dir.resolve("data"), serverKind)) {
      String url = server.url("notes");
      try (Repository seed = Repository.open(Stores.init(dir.resolve("seed"), Stores.Kind.GIT, Durability.NO_FSYNC))) {
        seed.branch("main").set("seed", "s", CommitInfo.message("seed"));
        new Remote(seed, new JdkTransport(url, server.writeToken())).push("main", false, Progress.NONE);
      }
      Map<ObjectId, String> acknowledged = new ConcurrentHashMap<>();
      Set<String> acknowledgedKeys = ConcurrentHashMap.newKeySet();
      CyclicBarrier start = new CyclicBarrier(CLIENTS);
      ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
      List<Future<Integer>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        clients.add(pool.submit(() -> {
          Stores.Kind kind = client % 2 == 0 ? Stores.Kind.GIT : Stores.Kind.FS;
          int unacknowledged = 0;
          try (Repository local = Repository.open(Stores.init(dir.resolve("client" + client), kind, Durability.NO_FSYNC))) {
            Remote remote = new Remote(local, new JdkTransport(url, server.writeToken()));
            remote.cloneAll(Progress.NONE);
            start.await(30, TimeUnit.SECONDS);
            List<String> mine = new ArrayList<>();
            for (int i = 0; i < COMMITS; i++) {
              String key = "c" + client + "/k" + i;
              local.branch("main").set(key, key, CommitInfo.message("client " + client + " key " + i));
              mine.add(key);
              try {
                SyncResult result = remote.sync("main", CommitInfo.message("merge in client " + client), ATTEMPTS, Progress.NONE);
                assertNotEquals(SyncResult.Status.CONFLICT, result.status(), "distinct keys never conflict");
                acknowledged.put(result.head(), "client " + client + " after key " + i);
                acknowledgedKeys.addAll(mine);
              } catch (TooManyRetriesException e) {
                unacknowledged++;
              }
            }
          }
          return unacknowledged;
        }));
      }
      int unacknowledged = 0;
      for (Future<Integer> client : clients) {
        unacknowledged += client.get(120, TimeUnit.SECONDS);
      }
      pool.shutdown();
      // Then, one after the other, each client syncs once more: no race, so every key gets there.
      for (int c = 0; c < CLIENTS; c++) {
        try (Repository local = Repository.open(Stores.open(dir.resolve("client" + c), Durability.NO_FSYNC))) {
          SyncResult last = new Remote(local, new JdkTransport(url, server.writeToken()))
              .sync("main", CommitInfo.message("last merge"), ATTEMPTS, Progress.NONE);
          assertNotEquals(SyncResult.Status.CONFLICT, last.status());
        }
      }

      try (Repository onServer = server.open("notes")) {
        ObjectId head = onServer.head("main");
        Set<ObjectId> history = new HashSet<>();
        for (CommitView commit : onServer.log(head, Integer.MAX_VALUE)) {
          history.add(commit.id());
        }
        for (Map.Entry<ObjectId, String> ack : acknowledged.entrySet()) {
          assertTrue(history.contains(ack.getKey()), "acknowledged commit of " + ack.getValue() + " is in the history");
        }
        for (String key : acknowledgedKeys) {
          assertEquals(key, onServer.branch("main").getText(key), "acknowledged key " + key);
        }
        assertTrue(Verifier.verify(onServer).ok(), "fsck clean");
        for (int c = 0; c < CLIENTS; c++) {
          for (int i = 0; i < COMMITS; i++) {
            assertEquals("c" + c + "/k" + i, onServer.branch("main").getText("c" + c + "/k" + i));
          }
        }
        assertTrue(acknowledged.size() > 0 && unacknowledged < CLIENTS * COMMITS,
            "syncs were acknowledged: " + acknowledged.size() + ", gave up: " + unacknowledged);
      }
    }
  }
}
