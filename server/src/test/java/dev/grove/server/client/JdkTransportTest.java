package dev.grove.server.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.grove.backend.Subscription;
import dev.grove.sync.Reply;
import dev.grove.sync.Request;
import dev.grove.sync.SyncException;
import dev.grove.sync.Transport;
import dev.grove.sync.TransportException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JDK transport against a real HTTP server on loopback (the JDK's own), for what the Grove
 * server may or may not do: gzip replies, every shape of event stream, error statuses, a stream
 * cancelled while open, a server that is not there.
 */
class JdkTransportTest {
  private HttpServer server;
  private final Map<String, Map<String, List<String>>> seen = new ConcurrentHashMap<>();
  private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/repos/r";
  }

  private void handle(String path, HttpHandler handler) {
    server.createContext("/repos/r/" + path, exchange -> {
      seen.put(path, Map.copyOf(exchange.getRequestHeaders()));
      bodies.put(path, exchange.getRequestBody().readAllBytes());
      handler.handle(exchange);
    });
  }

  private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
      zip.write(bytes);
    }
    return out.toByteArray();
  }

  @Test
  void getSendsTheTokenAndAcceptsGzipAndDecodesIt() throws IOException {
    byte[] json = utf8("{\"protocol\": 1, \"branches\": {}}".repeat(50));
    handle("refs", exchange -> {
      exchange.getResponseHeaders().set("Content-Encoding", "gzip");
      respond(exchange, 200, "Application/JSON; charset=utf-8", gzip(json));
    });
    try (Reply reply = new JdkTransport(url() + "/", "s3cret").send(Request.get("refs"))) {
      assertEquals(200, reply.status());
      assertEquals("application/json", reply.contentType());
      assertArrayEquals(json, reply.body().readAllBytes());
    }
    Map<String, List<String>> headers = seen.get("refs");
    assertEquals(List.of("Bearer s3cret"), headers.get("Authorization"));
    assertEquals(List.of("gzip"), headers.get("Accept-encoding"));
  }

  @Test
  void withoutATokenNoAuthorizationAndErrorStatusesAreReplies() throws IOException {
    handle("push", exchange -> respond(exchange, 401, "application/json",
        utf8("{\"code\":\"unauthorized\",\"message\":\"a token is needed\"}")));
    byte[] bundle = {'G', 'R', 'V', 'B', 1, 0};
    try (Reply reply = new JdkTransport(url(), null)
        .send(Request.post("push", "application/x-grove-bundle", bundle))) {
      assertEquals(401, reply.status());
      assertTrue(new String(reply.body().readAllBytes(), StandardCharsets.UTF_8).contains("unauthorized"));
    }
    assertFalse(seen.get("push").containsKey("Authorization"));
    assertEquals(List.of("application/x-grove-bundle"), seen.get("push").get("Content-type"));
    assertArrayEquals(bundle, bodies.get("push"));
  }

  @Test
  void noServerIsATransportExceptionThatDoesNotShowTheToken() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    JdkTransport transport = new JdkTransport("http://127.0.0.1:" + port + "/repos/r", "s3cret");
    TransportException e = assertThrows(TransportException.class, () -> transport.send(Request.get("refs")));
    assertEquals("network", e.code());
    assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
  }

  /** What a listener was told, in order: "event NAME DATA" or "closed ERROR". */
  private static final class Recorder implements Transport.EventListener {
    final BlockingQueue<Object> told = new LinkedBlockingQueue<>();

    @Override
    public void event(String name, String data) {
      told.add(name + " " + data);
    }

    @Override
    public void closed(RuntimeException error) {
      told.add(error == null ? "closed" : error);
    }

    Object next() throws InterruptedException {
      Object item = told.poll(10, TimeUnit.SECONDS);
      if (item == null) {
        throw new AssertionError("nothing told within 10 s");
      }
      return item;
    }
  }

  @Test
  void eventsArriveInOrderThenClosedWhenTheServerEndsTheStream() throws Exception {
    CountDownLatch firstRead = new CountDownLatch(1);
    handle("watch", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(utf8("event: refs\ndata: {\"branches\": {}}\n\n"));
        out.flush();
        firstRead.await(10, TimeUnit.SECONDS);
        out.write(utf8(": ping\n\nevent: ref\r\ndata: {\"branch\": \"main\",\r\ndata: \"head\": null}\r\n\r\n"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    Recorder recorder = new Recorder();
    new JdkTransport(url(), "t").events("watch", recorder);
    assertEquals("refs {\"branches\": {}}", recorder.next(), "the first event before the stream goes on");
    firstRead.countDown();
    assertEquals("ref {\"branch\": \"main\",\n\"head\": null}", recorder.next());
    assertEquals("closed", recorder.next());
    assertEquals(List.of("text/event-stream"), seen.get("watch").get("Accept"));
    assertEquals(List.of("Bearer t"), seen.get("watch").get("Authorization"));
  }

  @Test
  void anErrorStatusClosesWithTheServersCode() throws Exception {
    handle("watch", exchange -> respond(exchange, 404, "application/json",
        utf8("{\"code\":\"repository_not_found\",\"message\":\"no repository r\"}")));
    Recorder recorder = new Recorder();
    new JdkTransport(url(), null).events("watch", recorder);
    SyncException error = assertInstanceOf(SyncException.class, recorder.next());
    assertEquals(404, error.status());
    assertEquals("repository_not_found", error.code());
  }

  @Test
  void noServerClosesTheStreamWithATransportException() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Recorder recorder = new Recorder();
    new JdkTransport("http://127.0.0.1:" + port + "/repos/r", null).events("watch", recorder);
    assertInstanceOf(TransportException.class, recorder.next());
  }

  @Test
  void cancelClosesTheConnectionAndIsNotReportedAsClosed() throws Exception {
    CountDownLatch disconnected = new CountDownLatch(1);
    handle("watch", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      try {
        out.write(utf8("event: refs\ndata: {}\n\n"));
        out.flush();
        for (int i = 0; i < 500; i++) {
          Thread.sleep(20);
          out.write(utf8(": ping\n\n"));
          out.flush();
        }
      } catch (IOException e) {
        disconnected.countDown();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    Recorder recorder = new Recorder();
    Subscription subscription = new JdkTransport(url(), null).events("watch", recorder);
    assertEquals("refs {}", recorder.next());
    subscription.cancel();
    assertTrue(disconnected.await(10, TimeUnit.SECONDS), "the server saw the connection close");
    Thread.sleep(100);
    assertNull(recorder.told.poll(), "nothing told after cancel");
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().startsWith("grove-events " + url())) {
        thread.join(10_000);
        assertFalse(thread.isAlive(), "the reading thread ended");
      }
    }
  }

  @Test
  void cancelBeforeTheServerAnswersIsQuietToo() throws Exception {
    CountDownLatch asked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    handle("watch", exchange -> {
      asked.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      respond(exchange, 200, "text/event-stream", utf8("data: late\n\n"));
    });
    Recorder recorder = new Recorder();
    Subscription subscription = new JdkTransport(url(), null).events("watch", recorder);
    assertTrue(asked.await(10, TimeUnit.SECONDS));
    subscription.cancel();
    release.countDown();
    Thread.sleep(300);
    assertNull(recorder.told.poll(), "nothing told after cancel");
  }

  /** A handler that sends the head and {@code part} of a body, then stalls (until the test ends). */
  private HttpHandler stallingAfter(String type, byte[] part, CountDownLatch release) {
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      out.write(part);
      out.flush();
      try {
        release.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.close();
    };
  }

  @Test
  void aReplyBodyThatStallsFailsAfterTheIdleTimeout() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    handle("fetch", stallingAfter("application/x-grove-bundle", new byte[] {'G', 'R', 'V', 'B'}, release));
    try (Reply reply = new JdkTransport(url(), null, 300, 10_000)
        .send(Request.post("fetch", "application/json", utf8("{}")))) {
      assertEquals(200, reply.status());
      byte[] first = new byte[4];
      assertEquals(4, reply.body().readNBytes(first, 0, 4));
      long start = System.nanoTime();
      TransportException e = assertThrows(TransportException.class, () -> reply.body().read());
      long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(waited >= 250 && waited < 5_000, "waited " + waited + " ms");
      assertEquals("network", e.code());
      assertTrue(e.getMessage().contains("no data for 300 ms"), e.getMessage());
    } finally {
      release.countDown();
    }
  }

  @Test
  void aSlowReaderDoesNotTimeOut() throws Exception {
    byte[] body = utf8("{\"protocol\": 1, \"branches\": {}}");
    handle("refs", exchange -> respond(exchange, 200, "application/json", body));
    try (Reply reply = new JdkTransport(url(), null, 100, 10_000).send(Request.get("refs"))) {
      Thread.sleep(400);
      assertArrayEquals(body, reply.body().readAllBytes());
    }
  }

  @Test
  void aSilentEventStreamClosesWithATransportExceptionAfterTheIdleTimeout() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    handle("watch", stallingAfter("text/event-stream", utf8("event: refs\ndata: {}\n\n: ping\n"), release));
    Recorder recorder = new Recorder();
    long start = System.nanoTime();
    new JdkTransport(url(), null, 10_000, 400).events("watch", recorder);
    try {
      assertEquals("refs {}", recorder.next());
      TransportException e = assertInstanceOf(TransportException.class, recorder.next());
      long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertTrue(waited >= 350 && waited < 5_000, "closed after " + waited + " ms");
      assertTrue(e.getMessage().contains("no data for 400 ms"), e.getMessage());
    } finally {
      release.countDown();
    }
  }

  @Test
  void pingsKeepAnEventStreamOpen() throws Exception {
    handle("watch", exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(utf8("event: refs\ndata: {}\n\n"));
        out.flush();
        for (int i = 0; i < 10; i++) {
          Thread.sleep(100);
          out.write(utf8(": ping\n\n"));
          out.flush();
        }
        out.write(utf8("data: last\n\n"));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    Recorder recorder = new Recorder();
    new JdkTransport(url(), null, 10_000, 400).events("watch", recorder);
    assertEquals("refs {}", recorder.next());
    assertEquals("message last", recorder.next(), "a second of pings, 100 ms apart, is not idle");
    assertEquals("closed", recorder.next());
  }

  @Test
  void aWatchAnswerThatIsNotAnEventStreamIsABadResponse() throws Exception {
    handle("watch", exchange -> respond(exchange, 200, "text/html; charset=utf-8",
        utf8("<html>a web page</html>")));
    Recorder recorder = new Recorder();
    new JdkTransport(url(), null).events("watch", recorder);
    SyncException error = assertInstanceOf(SyncException.class, recorder.next());
    assertEquals("bad_response", error.code());
    assertTrue(error.getMessage().contains("text/html"), error.getMessage());
    Thread.sleep(100);
    assertNull(recorder.told.poll(), "closed once, no reconnect");
  }
}
