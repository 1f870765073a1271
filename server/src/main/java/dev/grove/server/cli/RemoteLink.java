package dev.grove.server.cli;

import dev.grove.server.client.RemoteTransport;
import dev.grove.server.client.Remotes;
import dev.grove.store.Repository;
import dev.grove.sync.Remote;
import dev.grove.sync.SyncException;
import dev.grove.sync.TransportException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command's link to one remote: the local store (open until {@link #close()}), the remote's
 * name and location (a URL, or another store's directory), and the core's {@link Remote} over
 * its {@link RemoteTransport}. {@link #call} turns the remote's errors into one clear line that
 * names the remote and, for auth errors, says where a token comes from.
 */
final class RemoteLink implements AutoCloseable {
  /** A stock git address of the server: {@code .../git/NAME.git}. */
  private static final Pattern GIT_PATH = Pattern.compile("(.*)/git/([^/]+)\\.git/*");

  final Repository repo;
  final String name;
  final String url;
  final Remote remote;
  private final RemoteTransport transport;
  private final boolean tokenGiven;

  private RemoteLink(Repository repo, String name, String url, String token) {
    this.repo = repo;
    this.name = name;
    this.url = url;
    this.tokenGiven = token != null;
    try {
      this.transport = RemoteTransport.open(url, token);
    } catch (RuntimeException e) {
      repo.close();
      throw e;
    }
    this.remote = new Remote(repo, transport);
  }

  /**
   * What {@code text} on the command line names as a remote: a URL (checked), or a store's
   * directory, made absolute against the working directory.
   */
  static String location(Cli cli, String text) {
    return Remotes.checkLocation(Remotes.isUrl(text) ? text : cli.resolve(text).toString());
  }

  /** Opens the store and links it to its remote {@code name}. */
  static RemoteLink open(Cli cli, String name, String token) {
    Remotes.checkName(name);
    Repository repo = cli.openRepository();
    String url;
    try {
      url = Remotes.of(cli.repoDir()).get(name);
    } catch (RuntimeException e) {
      repo.close();
      throw e;
    }
    return new RemoteLink(repo, name, url, token);
  }

  /** Links an open store to {@code url}, known as {@code name}; the link closes the store (also when this fails). */
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
    if (e.status() == 404 && e.code().equals("not_found")) {
      return notARepository(e);
    }
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

  /**
   * The line for a 404 that is not Grove's {@code repository_not_found}: the URL is not a
   * repository's. For Git's address of a repository on a Grove server, it names the right one.
   */
  private String notARepository(SyncException e) {
    Matcher git = GIT_PATH.matcher(url);
    if (git.matches()) {
      return url + " is a Grove server's address for stock git (git clone, fetch, push);"
          + " Grove's own protocol lives at /repos/NAME: use " + git.group(1) + "/repos/" + git.group(2);
    }
    String hint = e.getMessage().contains("not Grove") ? "" : "; a repository's URL is http://HOST:PORT/repos/NAME";
    return url + " is not a Grove repository (" + e.getMessage() + ")" + hint;
  }

  @Override
  public void close() {
    try {
      transport.close();
    } finally {
      repo.close();
    }
  }
}
