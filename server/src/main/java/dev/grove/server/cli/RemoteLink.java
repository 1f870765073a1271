package dev.grove.server.cli;

import dev.grove.server.client.JdkTransport;
import dev.grove.server.client.Remotes;
import dev.grove.store.Repository;
import dev.grove.sync.Remote;
import dev.grove.sync.SyncException;
import dev.grove.sync.TransportException;
import java.util.function.Supplier;

/**
 * A command's link to one remote: the local store (open until {@link #close()}), the remote's
 * name and URL, and the core's {@link Remote} over the JDK HTTP client. {@link #call} turns the
 * remote's errors into one clear line that names the remote and, for auth errors, says where a
 * token comes from.
 */
final class RemoteLink implements AutoCloseable {
  final Repository repo;
  final String name;
  final String url;
  final Remote remote;
  private final boolean tokenGiven;

  private RemoteLink(Repository repo, String name, String url, String token) {
    this.repo = repo;
    this.name = name;
    this.url = url;
    this.tokenGiven = token != null;
    this.remote = new Remote(repo, new JdkTransport(url, token));
  }

  /** Opens the store and links it to its remote {@code name}. */
  static RemoteLink open(Cli cli, String name, String token) {
    Remotes.checkName(name);
    Repository repo = cli.openRepository();
    try {
      String url = Remotes.of(cli.repoDir()).get(name);
      return new RemoteLink(repo, name, url, token);
    } catch (RuntimeException e) {
      repo.close();
      throw e;
    }
  }

  /** Links an open store to {@code url}, known as {@code name}. */
  static RemoteLink of(Repository repo, String name, String url, String token) {
    return new RemoteLink(repo, name, url, token);
  }

  /** Runs {@code action}, which talks to the remote, to {@code what} ({@code pull from}, {@code push to}, ...). */
  <T> T call(String what, Supplier<T> action) {
    try {
      return action.get();
    } catch (SyncException e) {
      throw new CommandException(explain(what, e));
    } catch (TransportException e) {
      throw new CommandException(what + " " + name + ": " + e.getMessage());
    }
  }

  /**
   * One line for a remote's error answer: what, where, the code, the message and a hint. The hint
   * for {@code unauthorized} says where a token comes from, or, when one was given, that the
   * server refused it; the one for {@code forbidden} is left out when the server's message
   * already says that pushing needs a write token.
   */
  String explain(String what, SyncException e) {
    String text = what + " " + name + " (" + url + "): " + e.code() + ": " + e.getMessage();
    switch (e.code()) {
      case "unauthorized":
        return text + (tokenGiven
            ? " (the server refused the token given: it is not one of its tokens)"
            : " (give a token with the " + TokenOption.ENV + " environment variable or --token)");
      case "forbidden":
        return e.getMessage().contains("write token") ? text
            : text + " (the token may only read; pushing needs a write token)";
      default:
        return text;
    }
  }

  @Override
  public void close() {
    repo.close();
  }
}
