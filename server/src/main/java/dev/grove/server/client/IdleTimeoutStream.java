package dev.grove.server.client;

import dev.grove.sync.TransportException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A reply body that gives up when a read waits longer than a timeout for its next byte: a
 * watchdog closes the underlying stream (which aborts the connection) and the waiting read
 * throws a {@link TransportException}. Only time spent blocked in a read counts, so a slow
 * consumer between reads never times out. The JDK HTTP client has no such timeout of its own:
 * its request timeout ends when the reply's head arrives.
 */
final class IdleTimeoutStream extends FilterInputStream {
  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "grove-idle-watchdog");
    thread.setDaemon(true);
    return thread;
  });

  private final long timeoutNanos;
  private final long timeoutMs;
  private final String what;
  private final ScheduledFuture<?> check;
  /** When the read now waiting began (System.nanoTime), or 0 when no read waits. */
  private volatile long waitingSince;
  private volatile boolean timedOut;

  /**
   * @param in the body to read
   * @param timeoutMs how long one read may wait for data
   * @param what what is read, for the message ({@code "the answer of GET http://..."})
   */
  IdleTimeoutStream(InputStream in, long timeoutMs, String what) {
    super(in);
    this.timeoutMs = timeoutMs;
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    this.what = what;
    long period = Math.max(5, timeoutMs / 8);
    this.check = WATCHDOG.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
  }

  private void check() {
    long since = waitingSince;
    if (since != 0 && System.nanoTime() - since > timeoutNanos && !timedOut) {
      timedOut = true;
      check.cancel(false);
      try {
        in.close();
      } catch (IOException ignored) {
        // The connection is abandoned either way; the waiting read reports the timeout.
      }
    }
  }

  private TransportException timeout() {
    return new TransportException("no data for " + (timeoutMs >= 1000 ? timeoutMs / 1000 + " s" : timeoutMs + " ms")
        + " in " + what + ": the connection is stalled or broken");
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (timedOut) {
      throw timeout();
    }
    waitingSince = System.nanoTime() | 1;
    try {
      int n = in.read(buffer, offset, length);
      if (timedOut) {
        throw timeout();
      }
      return n;
    } catch (IOException e) {
      if (timedOut) {
        throw timeout();
      }
      throw e;
    } finally {
      waitingSince = 0;
    }
  }

  @Override
  public long skip(long n) throws IOException {
    byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 1))];
    int read = n <= 0 ? 0 : read(buffer, 0, (int) Math.min(n, buffer.length));
    return Math.max(read, 0);
  }

  @Override
  public void close() throws IOException {
    check.cancel(false);
    super.close();
  }
}
