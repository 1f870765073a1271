package dev.grove.server.cli;

import dev.grove.backend.Backend;
import dev.grove.hash.ObjectId;
import dev.grove.server.client.Remotes;
import dev.grove.server.storage.Stores;
import dev.grove.store.Repository;
import dev.grove.sync.Progress;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "clone", sortOptions = false,
    header = "Copy a remote repository into a new store.",
    description = {
        "Creates a store in DIR (absent or empty), fetches every branch of the repository at URL with all its history, and records URL as the remote 'origin', which pull, push, sync and watch use by default.",
        "URL is a repository's address on a grove server, http://HOST:PORT/repos/NAME, or the directory of another store (git or fs). When the clone fails or is stopped (Ctrl-C, SIGTERM), what it created is removed again: DIR (its contents when it was there, empty) and the parent directories it made for DIR. DIR must not be a symbolic link (name the directory it points to). A progress line shows on standard error when it is a terminal."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  grove clone http://127.0.0.1:7070/repos/notes /tmp/notes",
        "  GROVE_TOKEN=... grove clone http://host:7070/repos/notes notes --backend fs",
        "  grove clone /tmp/notes /tmp/copy"})
final class CloneCommand implements Callable<Integer>, StorelessCommand {
  private final Cli cli;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "URL",
      description = "The repository: http://HOST:PORT/repos/NAME, or a store's directory.")
  String url;

  @Parameters(index = "1", paramLabel = "DIR", description = "Where to create the store (absent or empty).")
  String dir;

  @Option(names = "--backend", paramLabel = "KIND", defaultValue = "git",
      description = "git (a bare Git repository) or fs (plain files); default: ${DEFAULT-VALUE}.")
  String backend;

  @Mixin
  TokenOption token;

  CloneCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public String whyNoRepo() {
    return "the new store goes in DIR";
  }

  @Override
  public Integer call() {
    Stores.Kind kind = Stores.Kind.parse(backend).orElseThrow(() -> new ParameterException(
        spec.commandLine(), "unknown backend '" + backend + "': use git or fs"));
    String repositoryUrl = RemoteLink.location(cli, url);
    String bearer = token.resolve();
    CloneCleanup cleanup = CloneCleanup.prepare(cli.resolve(dir));
    Path target = cleanup.target();
    SortedMap<String, ObjectId> heads;
    Progress progress = ProgressMeter.forStderr(cli);
    try {
      Backend store = Stores.init(target, kind);
      cleanup.storeCreated();
      try (RemoteLink link = RemoteLink.of(Repository.open(store), Remotes.DEFAULT, repositoryUrl, bearer)) {
        heads = link.call("clone from", () -> link.remote.cloneAll(progress));
      } finally {
        ProgressMeter.finish(progress);
      }
      Remotes.of(target).add(Remotes.DEFAULT, repositoryUrl);
      cleanup.completed();
    } catch (RuntimeException e) {
      removeClone(cleanup, e);
      throw e;
    } catch (Error e) {
      // Out of memory, a stack overflow, ...: the stack is unwound, so the clean-up has room.
      CommandException failed = new CommandException(failure(repositoryUrl, target, e));
      removeClone(cleanup, failed);
      throw failed;
    }
    report(target, kind, repositoryUrl, heads);
    return ExitCodes.OK;
  }

  private void report(Path target, Stores.Kind kind, String repositoryUrl, SortedMap<String, ObjectId> heads) {
    if (heads.isEmpty()) {
      cli.out().println("cloned " + repositoryUrl + " into " + target + " (" + article(kind) + " "
          + kind.label() + " store): the repository is empty; a push creates its first branch");
      return;
    }
    cli.out().println("cloned " + repositoryUrl + " into " + target + " (" + article(kind) + " " + kind.label() + " store), "
        + heads.size() + " branch" + (heads.size() == 1 ? "" : "es") + ":");
    int width = 0;
    for (String name : heads.keySet()) {
      width = Math.max(width, name.length());
    }
    for (Map.Entry<String, ObjectId> head : heads.entrySet()) {
      String name = head.getKey();
      cli.out().println("  " + name + " ".repeat(width - name.length() + 2) + Revisions.abbrev(head.getValue()));
    }
  }

  private static String article(Stores.Kind kind) {
    return kind == Stores.Kind.FS ? "an" : "a";
  }

  /** Removes what the failed clone created; a problem doing so is added to {@code failure}. */
  private static void removeClone(CloneCleanup cleanup, RuntimeException failure) {
    try {
      cleanup.removeAll();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** One line for a clone that failed with {@code error}: what happened and what to do. */
  static String failure(String url, Path target, Error error) {
    String what = error instanceof OutOfMemoryError
        ? "the JVM ran out of memory (give it more with GROVE_JAVA_OPTS=-Xmx2g, say)"
        : error instanceof StackOverflowError ? "the JVM's stack overflowed (give it more with"
            + " GROVE_JAVA_OPTS=-Xss16m, say)" : "internal error: " + error;
    return "cannot clone " + url + ": " + what + "; what the clone had written in " + target + " was removed";
  }
}
