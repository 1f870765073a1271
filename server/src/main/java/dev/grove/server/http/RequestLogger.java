package dev.grove.server.http;

import dev.grove.sync.Protocol;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per request, after it completes (protocol, Git and static alike):
 * {@code method=POST path=/repos/notes/push status=200 ms=12 bytes=87 repo=notes}. The path has
 * no query string; headers (Authorization above all) and bodies are never logged.
 */
final class RequestLogger implements RequestLog {
  private static final Logger LOG = LoggerFactory.getLogger("grove.http");

  @Override
  public void log(Request request, Response response) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    String path = request.getHttpURI().getPath();
    long ms = NanoTime.millisSince(request.getBeginNanoTime());
    long bytes = Response.getContentBytesWritten(response);
    String repo = repositoryOf(path);
    LOG.info("method={} path={} status={} ms={} bytes={} repo={}", request.getMethod(),
        path == null ? "" : path, response.getStatus(), ms, bytes, repo == null ? "-" : repo);
  }

  /** The repository a path is about ({@code /repos/NAME/...}, {@code /git/NAME.git/...}), or null. */
  static String repositoryOf(String path) {
    if (path == null) {
      return null;
    }
    String rest;
    if (path.startsWith("/repos/")) {
      rest = path.substring("/repos/".length());
    } else if (path.startsWith("/git/")) {
      rest = path.substring("/git/".length());
    } else {
      return null;
    }
    int slash = rest.indexOf('/');
    String name = slash < 0 ? rest : rest.substring(0, slash);
    if (path.startsWith("/git/") && name.endsWith(".git")) {
      name = name.substring(0, name.length() - 4);
    }
    return Protocol.isValidRepositoryName(name) ? name : "?";
  }
}
