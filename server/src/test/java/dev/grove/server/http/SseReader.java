package dev.grove.server.http;

import dev.grove.sync.EventStreamParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a server-sent event stream on a thread (parsed by the clients' own
 * {@link EventStreamParser}): its events, in order, and its end.
 */
final class SseReader implements AutoCloseable {
  record Event(String name, String data) {}

  private static final Event END = new Event("<end>", "");

  final int status;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final InputStream body;

  SseReader(HttpClient http, HttpRequest request) throws Exception {
    HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    this.status = response.statusCode();
    this.body = response.body();
    this.thread = new Thread(() -> {
      EventStreamParser parser = new EventStreamParser((name, data) -> events.add(new Event(name, data)));
      try {
        Reader text = new InputStreamReader(body, StandardCharsets.UTF_8);
        char[] buffer = new char[4096];
        for (int n = text.read(buffer); n >= 0; n = text.read(buffer)) {
          parser.feed(new String(buffer, 0, n));
        }
      } catch (IOException | RuntimeException e) {
        // the stream broke: reported as its end
      }
      events.add(END);
    }, "sse-reader");
    thread.setDaemon(true);
    thread.start();
  }

  /** The next event, waiting up to 10 s; fails when the stream ended instead. */
  Event next() throws InterruptedException {
    Event event = events.poll(10, TimeUnit.SECONDS);
    if (event == null || event == END) {
      throw new AssertionError(event == null ? "no event within 10 s" : "the stream ended");
    }
    return event;
  }

  /** Waits up to 10 s for the stream to end (events before the end are skipped). */
  boolean awaitEnd() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Event event = events.poll(100, TimeUnit.MILLISECONDS);
      if (event == END) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    try {
      body.close();
    } catch (IOException ignored) {
      // closing only aborts the connection
    }
  }
}
