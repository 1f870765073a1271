package dev.grove.server.http;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.eclipse.jgit.transport.ServiceMayNotContinueException;

/**
 * A Git request whose body may not exceed the server's limit, counted while JGit reads it (a
 * chunked body has no {@code Content-Length} to check first). A gzip-encoded body (git sends
 * large fetch negotiations so) is decoded here rather than by JGit, and the decoded bytes are
 * counted as well, so a small compressed body cannot expand past the limit; JGit then sees a
 * plain body (no {@code Content-Encoding}). Past the limit, reading fails with JGit's
 * {@link ServiceMayNotContinueException} carrying 413, which JGit's servlet answers with that
 * status when it has not started its answer (a push already under way reports it on git's error
 * channel instead). (A receive-pack's pack is also limited by JGit's own pack size limit.)
 */
final class GitBoundedRequest extends HttpServletRequestWrapper {
  private static final String CONTENT_ENCODING = "Content-Encoding";

  private final long limit;
  private final boolean gzip;
  private ServletInputStream stream;

  GitBoundedRequest(HttpServletRequest request, long limit) {
    super(request);
    this.limit = limit;
    String encoding = request.getHeader(CONTENT_ENCODING);
    String bare = encoding == null ? "" : encoding.trim().toLowerCase(Locale.ROOT);
    this.gzip = bare.equals("gzip") || bare.equals("x-gzip");
  }

  @Override
  public synchronized ServletInputStream getInputStream() throws IOException {
    if (stream == null) {
      ServletInputStream raw = super.getInputStream();
      InputStream counted = new Counting(raw, raw, limit);
      stream = gzip ? new Counting(new Gunzip(counted), raw, limit) : (Counting) counted;
    }
    return stream;
  }

  @Override
  public String getHeader(String name) {
    return gzip && CONTENT_ENCODING.equalsIgnoreCase(name) ? null : super.getHeader(name);
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    return gzip && CONTENT_ENCODING.equalsIgnoreCase(name) ? Collections.emptyEnumeration()
        : super.getHeaders(name);
  }

  @Override
  public Enumeration<String> getHeaderNames() {
    if (!gzip) {
      return super.getHeaderNames();
    }
    List<String> names = Collections.list(super.getHeaderNames());
    names.removeIf(CONTENT_ENCODING::equalsIgnoreCase);
    return Collections.enumeration(names);
  }

  /** Decodes gzip when first read; a body that is not valid gzip is 400 (JGit would answer 500). */
  private static final class Gunzip extends InputStream {
    private final InputStream compressed;
    private GZIPInputStream in;

    Gunzip(InputStream compressed) {
      this.compressed = compressed;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      try {
        if (in == null) {
          in = new GZIPInputStream(compressed, 8192);
        }
        return in.read(buffer, offset, length);
      } catch (ZipException | EOFException e) {
        throw new ServiceMayNotContinueException("the gzip-encoded request body is corrupt or cut short: "
            + e.getMessage(), 400);
      }
    }

    @Override
    public void close() throws IOException {
      compressed.close();
    }
  }

  /** Counts what is read from {@code in}; {@code servlet} is the request's own stream, for its state. */
  private static final class Counting extends ServletInputStream {
    private final InputStream in;
    private final ServletInputStream servlet;
    private final long limit;
    private long count;
    private boolean ended;

    Counting(InputStream in, ServletInputStream servlet, long limit) {
      this.in = in;
      this.servlet = servlet;
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        counted(1);
      } else {
        ended = true;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        counted(n);
      } else if (n < 0) {
        ended = true;
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
      return in == servlet ? servlet.isFinished() : ended;
    }

    @Override
    public boolean isReady() {
      return servlet.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      servlet.setReadListener(listener);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
