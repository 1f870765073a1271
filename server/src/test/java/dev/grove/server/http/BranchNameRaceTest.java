package dev.grove.server.http;

import static dev.grove.server.http.ServerEndpointsTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.hash.ObjectId;
import dev.grove.object.RawObject;
import dev.grove.server.storage.Durability;
import dev.grove.server.storage.Stores;
import dev.grove.store.Repository;
import dev.grove.sync.Protocol;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pushes racing to create {@code pK} and {@code pK/q} (which Git cannot hold both): one wins, the
 * other is {@code 400 invalid_branch} (or {@code 409 conflict} against a push of the same name),
 * never a 5xx, and never both branches.
 */
class BranchNameRaceTest {
  @TempDir
  Path data;

  private TestServer t;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);

  @AfterEach
  void stop() {
    pool.shutdownNow();
    t.close();
  }

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void racingCreationsOfABranchAndABranchInsideItNeverBothSucceed(Stores.Kind kind) throws Exception {
    t = TestServer.start(data);
    t.createRepository("notes", kind);
    int rounds = 10;
    for (int k = 0; k < rounds; k++) {
      CyclicBarrier start = new CyclicBarrier(4);
      List<Future<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String branch = i % 2 == 0 ? "p" + k : "p" + k + "/q";
        RawObject blob = Bundles.blob(("n" + k + "." + i).getBytes(StandardCharsets.UTF_8));
        RawObject tree = Bundles.tree("k", blob.id());
        RawObject commit = Bundles.commit(tree.id(), null, "c" + i);
        byte[] body = Bundles.push(Bundles.pushHeader(branch, null, commit.id(), 3),
            List.of(Bundles.Frame.of(blob), Bundles.Frame.of(tree), Bundles.Frame.of(commit)));
        answers.add(pool.submit(() -> {
          start.await();
          return t.post("/repos/notes/push", t.writeToken, Protocol.BUNDLE_TYPE, body);
        }));
      }
      int created = 0;
      for (Future<HttpResponse<String>> future : answers) {
        HttpResponse<String> answer = future.get();
        if (answer.statusCode() == 200) {
          created++;
        } else if (answer.statusCode() == 409) {
          assertError(answer, 409, "conflict");
        } else {
          assertError(answer, 400, "invalid_branch");
        }
      }
      assertEquals(1, created, "one creation wins round " + k);
    }
    try (Repository repo = Repository.open(Stores.open(data.resolve("notes"), Durability.NO_FSYNC))) {
      SortedMap<String, ObjectId> branches = repo.branches();
      for (int k = 0; k < rounds; k++) {
        boolean parent = branches.containsKey("p" + k);
        boolean child = branches.containsKey("p" + k + "/q");
        assertTrue(parent || child, "round " + k + ": " + branches.keySet());
        assertFalse(parent && child, "round " + k + ": both p" + k + " and p" + k + "/q exist");
      }
    }
  }
}
