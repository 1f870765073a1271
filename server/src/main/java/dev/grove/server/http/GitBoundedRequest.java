package dev.grove.server.http;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import org.eclipse.jgit.transport.ServiceMayNotContinueException;

/**
 * A Git request whose body may not exceed the server's limit, counted while JGit reads it (a
 * chunked body has no {@code Content-Length} to check first). Past the limit, reading fails
 * with JGit's {@link ServiceMayNotContinueException} carrying 413, which JGit's servlet answers
 * with that status when it has not started its answer. (A receive-pack's pack is also limited
 * by JGit's own pack size limit, which git reports as an unpack error.)
 */
final class GitBoundedRequest extends HttpServletRequestWrapper {
  private final long limit;
  private ServletInputStream stream;

  GitBoundedRequest(HttpServletRequest request, long limit) {
    super(request);
    this.limit = limit;
  }

  @Override
  public synchronized ServletInputStream getInputStream() throws IOException {
    if (stream == null) {
      stream = new Counting(super.getInputStream(), limit);
    }
    return stream;
  }

  private static final class Counting extends ServletInputStream {
    private final ServletInputStream in;
    private final long limit;
    private long count;

    Counting(ServletInputStream in, long limit) {
      this.in = in;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        counted(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        counted(n);
      }
      return n;
    }

    private void counted(long n) throws IOException {
      count += n;
      if (count > limit) {
        throw new ServiceMayNotContinueException("the request body is over the server's limit of "
            + limit + " bytes", 413);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
