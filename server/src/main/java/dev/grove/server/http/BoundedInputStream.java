package dev.grove.server.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that may not exceed a limit, counted while it is read (so a chunked body
 * without {@code Content-Length} is limited too): reading past the limit throws
 * {@link HttpError} 413 {@code body_too_large}, and {@link #exceeded()} tells afterwards.
 */
final class BoundedInputStream extends FilterInputStream {
  private final long limit;
  private long count;
  private volatile boolean exceeded;

  BoundedInputStream(InputStream in, long limit) {
    super(in);
    this.limit = limit;
  }

  /** Whether the body went over the limit. */
  boolean exceeded() {
    return exceeded;
  }

  long limit() {
    return limit;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    // Ask for at most one byte past the limit: enough to tell that the body is over it.
    long allowed = limit - count + 1;
    int n = super.read(buffer, offset, (int) Math.min(length, Math.max(allowed, 1)));
    if (n > 0) {
      counted(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(Math.min(n, limit - count + 1));
    counted(skipped);
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** Reads the whole body. */
  byte[] readAll() throws IOException {
    return readAllBytes();
  }

  private void counted(long n) {
    count += n;
    if (count > limit) {
      exceeded = true;
      throw HttpError.bodyTooLarge(limit);
    }
  }
}
