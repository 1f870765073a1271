package dev.grove.server.http;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.resolver.RepositoryResolver;

/**
 * Gives JGit's servlet the repository that {@link GitAccessFilter} found for the request (a use
 * of the served repository's JGit handle, which the servlet closes after the request).
 */
final class GitRepositoryResolver implements RepositoryResolver<HttpServletRequest> {

  @Override
  public Repository open(HttpServletRequest req, String name) throws RepositoryNotFoundException {
    Object hosted = req.getAttribute(GitAccessFilter.REPOSITORY_ATTRIBUTE);
    if (!(hosted instanceof HostedRepository)) {
      throw new RepositoryNotFoundException(name);
    }
    try {
      return ((HostedRepository) hosted).openGit();
    } catch (IOException e) {
      throw new RepositoryNotFoundException(name, e);
    }
  }
}
