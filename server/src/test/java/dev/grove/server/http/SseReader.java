package dev.grove.server.http;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Reads a server-sent event stream on a thread: its events, in order, and its end. */
final class SseReader implements AutoCloseable {
  record Event(String name, String data) {}

  private static final Event END = new Event("<end>", "");

  final int status;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final Stream<String> lines;

  SseReader(HttpClient http, HttpRequest request) throws Exception {
    HttpResponse<Stream<String>> response = http.send(request, HttpResponse.BodyHandlers.ofLines());
    this.status = response.statusCode();
    this.lines = response.body();
    this.thread = new Thread(() -> {
      String name = "message";
      StringBuilder data = new StringBuilder();
      try {
        for (String line : (Iterable<String>) lines::iterator) {
          if (line.isEmpty()) {
            if (data.length() > 0) {
              events.add(new Event(name, data.toString()));
            }
            name = "message";
            data.setLength(0);
          } else if (line.startsWith("event: ")) {
            name = line.substring(7);
          } else if (line.startsWith("data: ")) {
            data.append(line.substring(6));
          }
        }
      } catch (RuntimeException e) {
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
    lines.close();
  }
}
