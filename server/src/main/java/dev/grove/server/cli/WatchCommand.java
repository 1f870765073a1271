package dev.grove.server.cli;

import dev.grove.backend.Subscription;
import dev.grove.hash.ObjectId;
import dev.grove.server.client.Remotes;
import dev.grove.sync.SyncException;
import dev.grove.sync.WatchListener;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "watch", sortOptions = false,
    header = "Print a remote's branch changes as they happen.",
    description = {
        "Follows the remote repository's change stream. First prints each branch as it is, 'BRANCH ID'; then one line per change: 'BRANCH ID (was OLD)', 'BRANCH ID (new)' for a new branch, 'BRANCH deleted (was OLD)'. Ids are abbreviated.",
        "When it cannot connect, or the connection fails, it says so on standard error and tries again, waiting 1 s, then twice as long each time up to 30 s; after reconnecting it prints the changes it missed. It runs until interrupted (Ctrl-C), or until --count changes were printed. An authentication error or an unknown repository stops it with exit status 1."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  grove watch",
        "  grove watch backup",
        "  grove watch --count 1             (wait for the next change)"})
final class WatchCommand implements Callable<Integer> {
  static final long FIRST_BACKOFF_MILLIS = 1000;
  static final long MAX_BACKOFF_MILLIS = 30_000;

  private final Cli cli;

  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "NAME", defaultValue = Remotes.DEFAULT,
      description = "The remote (default: ${DEFAULT-VALUE}).")
  String remoteName;

  @Option(names = "--count", paramLabel = "N",
      description = "Stop after printing N changes (default: never).")
  Integer count;

  @Mixin
  TokenOption token;

  /** What the stream's thread hands to the command's thread. */
  private sealed interface Event permits State, Change, Closed {}

  private record State(SortedMap<String, ObjectId> branches) implements Event {}

  private record Change(String branch, ObjectId head) implements Event {}

  private record Closed(RuntimeException error) implements Event {}

  private final SortedMap<String, ObjectId> known = new TreeMap<>();
  private int changes;

  WatchCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    if (count != null && count < 1) {
      throw new ParameterException(spec.commandLine(), "--count must be at least 1, not " + count);
    }
    String bearer = token.resolve();
    try (RemoteLink link = RemoteLink.open(cli, remoteName, bearer)) {
      follow(link);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return ExitCodes.OK;
  }

  /** Connects, prints, and reconnects with backoff, until done or interrupted. */
  private void follow(RemoteLink link) throws InterruptedException {
    long backoff = FIRST_BACKOFF_MILLIS;
    boolean everConnected = false;
    boolean failedToConnect = false;
    while (true) {
      BlockingQueue<Event> events = new LinkedBlockingQueue<>();
      Subscription stream = link.remote.watch(new WatchListener() {
        @Override
        public void refs(SortedMap<String, ObjectId> branches) {
          events.add(new State(new TreeMap<>(branches)));
        }

        @Override
        public void changed(String branch, ObjectId headOrNone) {
          events.add(new Change(branch, headOrNone));
        }

        @Override
        public void closed(RuntimeException errorOrNull) {
          events.add(new Closed(errorOrNull));
        }
      });
      RuntimeException error;
      try {
        while (true) {
          Event event = events.take();
          if (event instanceof Closed) {
            error = ((Closed) event).error();
            break;
          }
          if (event instanceof State) {
            boolean reconnected = everConnected;
            if (reconnected) {
              cli.err().println("grove: reconnected to " + link.name);
            } else if (failedToConnect) {
              cli.err().println("grove: connected to " + link.name);
            }
            everConnected = true;
            backoff = FIRST_BACKOFF_MILLIS;
            state(((State) event).branches(), reconnected);
          } else {
            Change change = (Change) event;
            change(change.branch(), change.head());
          }
          if (done()) {
            return;
          }
        }
      } finally {
        stream.cancel();
      }
      if (error instanceof SyncException && ((SyncException) error).status() < 500) {
        throw new CommandException(link.explain("watch", (SyncException) error));
      }
      String reason = error == null ? "the server closed the stream" : error.getMessage();
      if (everConnected) {
        cli.err().println("grove: lost the connection to " + link.name + " (" + reason + "); reconnecting in "
            + seconds(backoff));
      } else {
        failedToConnect = true;
        cli.err().println("grove: cannot connect to " + link.name + " (" + reason + "); retrying in "
            + seconds(backoff));
      }
      Thread.sleep(backoff);
      backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
    }
  }

  /** The first event of a stream: all branches; after a reconnect, the differences are changes. */
  private void state(SortedMap<String, ObjectId> branches, boolean reconnected) {
    if (!reconnected) {
      known.putAll(branches);
      for (Map.Entry<String, ObjectId> branch : branches.entrySet()) {
        cli.out().println(branch.getKey() + " " + Revisions.abbrev(branch.getValue()));
      }
      return;
    }
    for (String gone : new TreeMap<>(known).keySet()) {
      if (!branches.containsKey(gone)) {
        change(gone, ObjectId.NONE);
      }
    }
    for (Map.Entry<String, ObjectId> branch : branches.entrySet()) {
      change(branch.getKey(), branch.getValue());
    }
  }

  private void change(String branch, ObjectId head) {
    ObjectId was = known.getOrDefault(branch, ObjectId.NONE);
    if (was.equals(head)) {
      return;
    }
    if (head.isNone()) {
      known.remove(branch);
      cli.out().println(branch + " deleted (was " + Revisions.abbrev(was) + ")");
    } else {
      known.put(branch, head);
      cli.out().println(branch + " " + Revisions.abbrev(head)
          + (was.isNone() ? " (new)" : " (was " + Revisions.abbrev(was) + ")"));
    }
    changes++;
  }

  private boolean done() {
    return count != null && changes >= count;
  }

  private static String seconds(long millis) {
    return millis / 1000 + " s";
  }
}
