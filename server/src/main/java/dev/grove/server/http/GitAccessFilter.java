package dev.grove.server.http;

import dev.grove.server.storage.Stores;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Guards {@code /git/NAME.git/...} before JGit's servlet sees it: authenticates (the token as
 * the basic-auth password; a 401 carries {@code WWW-Authenticate: Basic realm="grove"} so that
 * git asks for or sends credentials), requires a write token for receive-pack, then finds the
 * repository (404 {@code repository_not_found} when absent or not a git store) and hands it to
 * {@link GitRepositoryResolver} as a request attribute. A body over the server's limit is 413, at
 * once when its {@code Content-Length} says so, else while JGit reads it ({@link GitBoundedRequest}).
 * Errors are JSON, as everywhere else (except those JGit answers itself).
 */
final class GitAccessFilter implements Filter {
  static final String REPOSITORY_ATTRIBUTE = HostedRepository.class.getName();

  private final Access access;
  private final Repositories repositories;
  private final long maxBodyBytes;

  GitAccessFilter(Access access, Repositories repositories, long maxBodyBytes) {
    this.access = access;
    this.repositories = repositories;
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest req = (HttpServletRequest) request;
    HttpServletResponse res = (HttpServletResponse) response;
    String path = req.getPathInfo() == null ? "" : req.getPathInfo();
    try {
      boolean push = isReceivePack(path, req.getQueryString());
      access.check(req.getHeader("Authorization"), push ? Scope.WRITE : Scope.READ);
      String name = repositoryName(path);
      Optional<HostedRepository> hosted = repositories.find(name);
      if (hosted.isEmpty()) {
        throw HttpError.repositoryNotFound(name);
      }
      if (hosted.get().kind() != Stores.Kind.GIT) {
        throw new HttpError(404, "repository_not_found", "'" + name
            + "' is an fs repository: Git over HTTP serves git repositories only");
      }
      if (req.getContentLengthLong() > maxBodyBytes) {
        throw HttpError.bodyTooLarge(maxBodyBytes);
      }
      req.setAttribute(REPOSITORY_ATTRIBUTE, hosted.get());
    } catch (HttpError e) {
      if (e.status() == 401) {
        res.setHeader("WWW-Authenticate", "Basic realm=\"grove\"");
      }
      Replies.error(res, e.status(), e.code(), e.getMessage());
      return;
    }
    chain.doFilter(new GitBoundedRequest(req, maxBodyBytes), response);
  }

  /**
   * Whether the request is part of a push: the receive-pack advertisement or the push itself.
   * The path info is already decoded; each {@code service} parameter of the query is decoded
   * here as the servlet would ({@code %2D}, {@code +}), and any that names receive-pack counts.
   * A query that does not decode is treated as a push (it then needs a write token).
   */
  static boolean isReceivePack(String path, String query) {
    if (path.endsWith("/git-receive-pack")) {
      return true;
    }
    if (query == null) {
      return false;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      try {
        String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        if (key.equals("service") && value.trim().equals("git-receive-pack")) {
          return true;
        }
      } catch (IllegalArgumentException e) {
        return true;
      }
    }
    return false;
  }

  /** NAME from {@code /NAME.git/...}; anything else gives a name no repository has. */
  static String repositoryName(String path) {
    String rest = path.startsWith("/") ? path.substring(1) : path;
    int slash = rest.indexOf('/');
    String first = slash < 0 ? rest : rest.substring(0, slash);
    return first.endsWith(".git") ? first.substring(0, first.length() - 4) : first + "/";
  }
}
