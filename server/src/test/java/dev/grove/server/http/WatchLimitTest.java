package dev.grove.server.http;

import static dev.grove.server.http.ServerEndpointsTest.assertError;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.backend.memory.MemoryBackend;
import dev.grove.server.storage.Stores;
import dev.grove.store.CommitInfo;
import dev.grove.store.Repository;
import dev.grove.sync.Progress;
import dev.grove.sync.Remote;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Watch streams are capped server-wide: one more is 503 too_many_streams; an ended one frees its place. */
class WatchLimitTest {
  @TempDir
  Path data;

  private TestServer t;

  @AfterEach
  void stop() {
    t.close();
  }

  @Test
  void streamsBeyondTheLimitAre503UntilOneEnds() throws Exception {
    t = TestServer.withMaxWatchStreams(data, 2);
    t.createRepository("notes", Stores.Kind.FS);
    try (Socket one = openStream(); Socket two = openStream();
        Repository local = Repository.open(new MemoryBackend())) {
      assertError(t.get("/repos/notes/watch", t.readToken), 503, "too_many_streams");

      one.close(); // the reader goes away; the server notices when a write to it fails
      Remote remote = new Remote(local, new TestTransport(t.server.repositoryUrl("notes"), t.writeToken));
      remote.cloneAll(Progress.NONE);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      int n = 0;
      while (true) {
        local.branch("main").set("k", "v" + n++, CommitInfo.message("change"));
        remote.push("main", false, Progress.NONE);
        try (Socket again = openStreamIfAllowed()) {
          if (again != null) {
            break;
          }
        }
        assertTrue(System.nanoTime() < deadline, "the ended stream's place was never freed");
        Thread.sleep(50);
      }
    }
  }

  /** A watch stream on a raw connection, read up to its first event. */
  private Socket openStream() throws IOException {
    Socket socket = openStreamIfAllowed();
    if (socket == null) {
      throw new AssertionError("the watch stream was refused");
    }
    return socket;
  }

  private Socket openStreamIfAllowed() throws IOException {
    Socket socket = new Socket("127.0.0.1", t.server.port());
    socket.setSoTimeout(10_000);
    socket.getOutputStream().write(("GET /repos/notes/watch HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n"
        + "Authorization: Bearer " + t.readToken + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    String head = readUntil(socket.getInputStream(), "\r\n");
    if (head.startsWith("HTTP/1.1 503 ")) {
      socket.close();
      return null;
    }
    if (!head.startsWith("HTTP/1.1 200 ")) {
      socket.close();
      throw new AssertionError("watch answered " + head);
    }
    readUntil(socket.getInputStream(), "event: refs");
    return socket;
  }

  private static String readUntil(InputStream in, String marker) throws IOException {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    while (!seen.toString(StandardCharsets.UTF_8).contains(marker)) {
      int b = in.read();
      if (b < 0) {
        throw new AssertionError("the connection ended before '" + marker + "': " + seen);
      }
      seen.write(b);
    }
    return seen.toString(StandardCharsets.UTF_8);
  }
}
