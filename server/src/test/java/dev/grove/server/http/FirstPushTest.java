package dev.grove.server.http;

import static dev.grove.server.http.ServerEndpointsTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.json.Json;
import dev.grove.object.ObjectType;
import dev.grove.object.RawObject;
import dev.grove.server.storage.Durability;
import dev.grove.server.storage.Stores;
import dev.grove.store.Repository;
import dev.grove.store.Verifier;
import dev.grove.sync.Protocol;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A repository is created by its first push only when that push succeeds: a refused first push
 * leaves no directory and no reader ever sees the repository; racing first pushes of one name
 * create it once.
 */
class FirstPushTest {
  @TempDir
  Path data;

  private TestServer t;
  private final ExecutorService pool = Executors.newFixedThreadPool(10);

  @AfterEach
  void stop() {
    pool.shutdownNow();
    t.close();
  }

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void aRefusedFirstPushLeavesNothingAndReadersNeverSeeTheRepository(Stores.Kind kind) throws Exception {
    t = new TestServer(data, TestServer.config(data).withBackend(kind).withMaxBodyBytes(10_000));
    RawObject blob = Bundles.blob("v".getBytes(StandardCharsets.UTF_8));
    RawObject tree = Bundles.tree("k", blob.id());
    RawObject commit = Bundles.commit(tree.id(), null, "first");
    List<Bundles.Frame> frames = List.of(Bundles.Frame.of(blob), Bundles.Frame.of(tree), Bundles.Frame.of(commit));
    byte[] good = Bundles.push(Bundles.pushHeader("main", null, commit.id(), 3), frames);
    RawObject badTree = Bundles.tree("..", blob.id());
    RawObject badCommit = Bundles.commit(badTree.id(), null, "bad");
    RawObject other = Bundles.blob("other".getBytes(StandardCharsets.UTF_8));

    AtomicBoolean stop = new AtomicBoolean();
    Map<Integer, Integer> readStatuses = new ConcurrentHashMap<>();
    List<Future<?>> readers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      boolean fetch = i == 0;
      readers.add(pool.submit(() -> {
        while (!stop.get()) {
          HttpResponse<String> r = fetch
              ? t.post("/repos/fresh/fetch", t.readToken, Protocol.JSON_TYPE,
                  "{\"protocol\":1,\"wants\":[]}".getBytes(StandardCharsets.UTF_8))
              : t.get("/repos/fresh/refs", t.readToken);
          readStatuses.merge(r.statusCode(), 1, Integer::sum);
        }
      }));
    }
    for (int round = 0; round < 10; round++) {
      push(Arrays.copyOf(good, good.length - 7), 400, "malformed_bundle");
      push(Bundles.push(Bundles.pushHeader("main", null, commit.id(), 3), List.of(
          new Bundles.Frame(ObjectType.BLOB, other.id(), blob.payload()),
          Bundles.Frame.of(tree), Bundles.Frame.of(commit))), 400, "bad_object_id");
      push(Bundles.push(Bundles.pushHeader("main", null, badCommit.id(), 3), List.of(
          Bundles.Frame.of(blob), Bundles.Frame.of(badTree), Bundles.Frame.of(badCommit))), 400, "malformed_object");
      push(Bundles.push(Bundles.pushHeader("main", null, commit.id(), 2), List.of(
          Bundles.Frame.of(blob), Bundles.Frame.of(commit))), 400, "missing_objects");
      push(Bundles.push(Bundles.pushHeader("main", commit.id(), commit.id(), 3), frames), 409, "conflict");
      push(Bundles.push(Bundles.pushHeader("main", null, commit.id(), 1), List.of(
          Bundles.Frame.of(Bundles.blob(new byte[20_000])))), 413, "body_too_large");
      assertFalse(Files.exists(data.resolve("fresh")), "no directory after a refused first push");
    }
    stop.set(true);
    for (Future<?> reader : readers) {
      reader.get();
    }
    assertEquals(List.of(404), new ArrayList<>(readStatuses.keySet()), "readers only ever saw 404: " + readStatuses);
    assertFalse(Files.exists(data.resolve("fresh")));

    HttpResponse<String> created = t.post("/repos/fresh/push", t.writeToken, Protocol.BUNDLE_TYPE, good);
    assertEquals(200, created.statusCode(), created.body());
    assertEquals("created", ((Map<?, ?>) Json.parse(created.body())).get("outcome"));
    try (Repository repo = Repository.open(Stores.open(data.resolve("fresh"), Durability.NO_FSYNC))) {
      assertEquals(commit.id(), repo.head("main"));
      assertTrue(Verifier.verify(repo).ok());
    }
  }

  @ParameterizedTest
  @EnumSource(Stores.Kind.class)
  void racingFirstPushesOfOneNameCreateItOnce(Stores.Kind kind) throws Exception {
    t = new TestServer(data, TestServer.config(data).withBackend(kind));
    int pushers = 8;
    CyclicBarrier start = new CyclicBarrier(pushers);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    for (int i = 0; i < pushers; i++) {
      String branch = i < 6 ? "main" : "side" + i; // six race for main, two create their own branch
      RawObject blob = Bundles.blob(("value " + i).getBytes(StandardCharsets.UTF_8));
      RawObject tree = Bundles.tree("k", blob.id());
      RawObject commit = Bundles.commit(tree.id(), null, "push " + i);
      byte[] body = Bundles.push(Bundles.pushHeader(branch, null, commit.id(), 3),
          List.of(Bundles.Frame.of(blob), Bundles.Frame.of(tree), Bundles.Frame.of(commit)));
      answers.add(pool.submit(() -> {
        start.await();
        return t.post("/repos/race/push", t.writeToken, Protocol.BUNDLE_TYPE, body);
      }));
    }
    int mainCreated = 0;
    int conflicts = 0;
    for (int i = 0; i < pushers; i++) {
      HttpResponse<String> answer = answers.get(i).get();
      if (i < 6 && answer.statusCode() == 409) {
        assertError(answer, 409, "conflict");
        conflicts++;
      } else {
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("created", ((Map<?, ?>) Json.parse(answer.body())).get("outcome"));
        if (i < 6) {
          mainCreated++;
        }
      }
    }
    assertEquals(1, mainCreated);
    assertEquals(5, conflicts);
    try (Repository repo = Repository.open(Stores.open(data.resolve("race"), Durability.NO_FSYNC))) {
      assertEquals(List.of("main", "side6", "side7"), new ArrayList<>(repo.branches().keySet()));
      assertTrue(Verifier.verify(repo).ok());
    }
    assertEquals(List.of("race"), Files.list(data).map(p -> p.getFileName().toString())
        .filter(n -> !n.startsWith(".")).toList());
  }

  private void push(byte[] body, int status, String code) {
    assertError(t.post("/repos/fresh/push", t.writeToken, Protocol.BUNDLE_TYPE, body), status, code);
  }
}
