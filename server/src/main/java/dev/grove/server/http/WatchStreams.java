package dev.grove.server.http;

import dev.grove.backend.RefChange;
import dev.grove.backend.Subscription;
import dev.grove.sync.SyncServer;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open watch streams ({@code GET /repos/NAME/watch}, docs/PROTOCOL.md "Watch"): each starts
 * with a {@code refs} event holding the current branches, then has a {@code ref} event per
 * change, and a {@code : ping} comment every 15 seconds. A change is only queued on the writer's
 * thread; a stream's own task writes it, so a slow reader never slows a push. A stream ends when
 * its reader goes away (a write fails) or falls too far behind ({@link #MAX_QUEUED}), when its
 * repository closes, or at {@link #close}.
 */
final class WatchStreams implements AutoCloseable {
  static final long PING_SECONDS = 15;
  /**
   * Events queued for a reader that does not keep up; beyond this the stream ends, and the
   * reader, reconnecting, starts again from the state (docs/PROTOCOL.md "Watch").
   */
  static final int MAX_QUEUED = 10_000;
  /** Streams open at once, server-wide, by default; one more is 503 {@code too_many_streams}. */
  static final int DEFAULT_MAX_STREAMS = 1_000;

  private final Set<Stream> open = ConcurrentHashMap.newKeySet();
  private final ExecutorService writers = Executors.newCachedThreadPool(daemon("grove-watch-writer"));
  private final ScheduledExecutorService pings = Executors.newSingleThreadScheduledExecutor(daemon("grove-watch-ping"));
  private final int maxStreams;
  /** Streams started and not yet ended (each counted from before its first byte). */
  private final AtomicInteger started = new AtomicInteger();
  private volatile boolean closed;

  WatchStreams(int maxStreams) {
    this.maxStreams = maxStreams;
    pings.scheduleAtFixedRate(() -> open.forEach(s -> s.enqueue(": ping\n\n")), PING_SECONDS,
        PING_SECONDS, TimeUnit.SECONDS);
  }

  /**
   * Turns the request into an event stream of {@code hosted}'s branch changes.
   *
   * @throws HttpError 503 {@code too_many_streams} when {@link #maxStreams} are open already
   */
  void start(Context ctx, HostedRepository hosted) throws IOException {
    if (started.incrementAndGet() > maxStreams) {
      started.decrementAndGet();
      throw new HttpError(503, "too_many_streams", "the server has " + maxStreams
          + " watch streams open, its most; try again later");
    }
    Stream stream;
    try {
      HttpServletResponse res = ctx.res();
      res.setStatus(200);
      res.setCharacterEncoding("UTF-8");
      res.setContentType("text/event-stream");
      res.setHeader("Cache-Control", "no-cache");
      res.setHeader("X-Accel-Buffering", "no");
      res.flushBuffer();
      stream = new Stream(res.getOutputStream());
    } catch (IOException | RuntimeException e) {
      started.decrementAndGet();
      throw e;
    }
    ctx.future(() -> stream.done);
    open.add(stream);
    stream.subscription = hosted.events().subscribe(stream);
    if (stream.isEnded()) {
      stream.subscription.cancel();
    }
    // Subscribed first, then the state: a change is in the state, after it, or both; never lost.
    stream.enqueueFirst("event: refs\ndata: " + SyncServer.refsEventData(hosted.repository().branches()) + "\n\n");
    if (closed) {
      stream.closed();
    }
  }

  int openCount() {
    return open.size();
  }

  /** Ends every stream (their requests complete) and stops the threads. */
  @Override
  public void close() {
    closed = true;
    for (Stream stream : open) {
      stream.closed();
    }
    pings.shutdownNow();
    writers.shutdown();
  }

  private final class Stream implements RefEvents.Listener {
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private final OutputStream out;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private boolean writing;
    private boolean ended;
    volatile Subscription subscription;

    Stream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void changed(RefChange change) {
      enqueue("event: ref\ndata: " + SyncServer.refEventData(change.branch(), change.newHead()) + "\n\n");
    }

    @Override
    public void closed() {
      end();
    }

    synchronized boolean isEnded() {
      return ended;
    }

    void enqueueFirst(String frame) {
      synchronized (this) {
        queue.addFirst(frame);
      }
      schedule();
    }

    void enqueue(String frame) {
      boolean overflow;
      synchronized (this) {
        if (ended) {
          return;
        }
        overflow = queue.size() >= MAX_QUEUED;
        if (!overflow) {
          queue.addLast(frame);
        }
      }
      if (overflow) {
        end();
      } else {
        schedule();
      }
    }

    private void schedule() {
      synchronized (this) {
        if (writing || queue.isEmpty() || ended) {
          return;
        }
        writing = true;
      }
      try {
        writers.execute(this::writeQueued);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        end();
      }
    }

    private void writeQueued() {
      while (true) {
        String frame;
        synchronized (this) {
          frame = queue.poll();
          if (frame == null || ended) {
            writing = false;
            return;
          }
        }
        try {
          out.write(frame.getBytes(StandardCharsets.UTF_8));
          out.flush();
        } catch (IOException | RuntimeException e) {
          synchronized (this) {
            writing = false;
          }
          end(); // the reader went away
          return;
        }
      }
    }

    private void end() {
      synchronized (this) {
        if (ended) {
          return;
        }
        ended = true;
        queue.clear();
      }
      open.remove(this);
      started.decrementAndGet();
      Subscription s = subscription;
      if (s != null) {
        s.cancel();
      }
      done.complete(null);
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
