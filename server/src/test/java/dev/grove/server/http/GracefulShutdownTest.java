package dev.grove.server.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.hash.ObjectId;
import dev.grove.object.RawObject;
import dev.grove.server.storage.Durability;
import dev.grove.server.storage.Stores;
import dev.grove.store.Repository;
import dev.grove.store.Verifier;
import dev.grove.sync.Protocol;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** close() lets a push under way finish and be acknowledged, then closes the repositories. */
class GracefulShutdownTest {
  @TempDir
  Path data;

  @Test
  void aPushUnderWayFinishesDuringClose() throws Exception {
    TestServer t = TestServer.start(data);
    t.createRepository("notes", Stores.Kind.GIT);
    ObjectId main;
    try (Repository repo = reopen()) {
      main = repo.head("main");
    }
    byte[] value = new byte[2 << 20];
    new Random(7).nextBytes(value);
    RawObject blob = Bundles.blob(value);
    RawObject tree = Bundles.tree("big", blob.id());
    RawObject commit = Bundles.commit(tree.id(), main, "big");
    byte[] body = Bundles.push(Bundles.pushHeader("main", main, commit.id(), 3),
        List.of(Bundles.Frame.of(blob), Bundles.Frame.of(tree), Bundles.Frame.of(commit)));

    Trickle trickle = new Trickle(body);
    CompletableFuture<HttpResponse<String>> response = t.http.sendAsync(
        t.request("/repos/notes/push", t.writeToken).header("Content-Type", Protocol.BUNDLE_TYPE)
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> trickle)).build(),
        HttpResponse.BodyHandlers.ofString());
    await(() -> t.server.requestsInFlight() == 1, "the push reaches the server");

    Socket late = new Socket("127.0.0.1", t.server.port());
    late.setSoTimeout(20_000);
    late.getOutputStream().write("GET /health HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
    Thread closer = new Thread(t::close, "closer");
    closer.start();
    await(t.server::isStopping, "close() begins the graceful stop");
    assertTrue(closer.isAlive(), "close() waits for the push under way");
    // A request that arrives now (on a connection opened before) is refused, with a JSON error.
    late.getOutputStream().write("Host: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    String refused = new String(late.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    late.close();
    assertTrue(refused.startsWith("HTTP/1.1 503 "), refused);
    assertTrue(refused.contains("Content-Type: application/json"), refused);
    assertTrue(refused.contains("\"code\":\"unavailable\""), refused);
    trickle.release(); // the rest of the body, at full speed

    HttpResponse<String> answer = response.get(30, TimeUnit.SECONDS);
    closer.join(30_000);
    assertEquals(200, answer.statusCode(), answer.body());
    try (Repository repo = reopen()) {
      assertEquals(commit.id(), repo.head("main"));
      assertArrayEquals(value, repo.branch("main").get("big"));
      assertTrue(Verifier.verify(repo).ok());
    }
  }

  private Repository reopen() {
    return Repository.open(Stores.open(data.resolve("notes"), Durability.NO_FSYNC));
  }

  private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(5);
    }
  }

  /**
   * A body that comes 1 KiB every 10 ms (so the connection is never idle for long) until
   * released, then all at once.
   */
  private static final class Trickle extends InputStream {
    private final ByteArrayInputStream in;
    private volatile boolean released;

    Trickle(byte[] body) {
      this.in = new ByteArrayInputStream(body);
    }

    void release() {
      released = true;
    }

    @Override
    public int read() {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (!released) {
        try {
          Thread.sleep(10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        len = Math.min(len, 1024);
      }
      return in.read(b, off, len);
    }
  }
}
