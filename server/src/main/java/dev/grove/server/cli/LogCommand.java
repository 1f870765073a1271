package dev.grove.server.cli;

import dev.grove.hash.ObjectId;
import dev.grove.object.Person;
import dev.grove.path.Path;
import dev.grove.store.CommitView;
import dev.grove.store.Repository;
import dev.grove.tree.Node;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "log", sortOptions = false,
    header = "Show the history of a branch.",
    description = {
        "Shows the branch's commits, newest first, as git log does.",
        "With PATH, shows only the commits that changed something at or below PATH: those whose value or directory at PATH differs from that of each of their parents."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  grove log -n 5",
        "  grove log --oneline notes/today",
        "  grove log --branch phone notes"})
final class LogCommand implements Callable<Integer> {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT);

  private final Cli cli;

  @Option(names = {"-n", "--max-count"}, paramLabel = "N", description = "Show at most N commits.")
  Integer maxCount;

  @Option(names = "--oneline", description = "One line per commit: short id and first line of the message.")
  boolean oneline;

  @Parameters(arity = "0..1", paramLabel = "PATH", description = "Only commits that changed something at or below PATH.")
  String path;

  @Mixin
  BranchOption branch;

  LogCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    if (maxCount != null && maxCount < 0) {
      throw new CommandException("-n must not be negative");
    }
    int limit = maxCount == null ? Integer.MAX_VALUE : maxCount;
    Path filter = path == null ? null : Path.parse(path);
    try (Repository repo = cli.openRepository()) {
      ObjectId head = Revisions.branchHead(repo, branch.name);
      int shown = 0;
      int scanned = 0;
      // Without a filter, load exactly what is shown; with one, load more history in growing steps.
      int batch = filter == null ? limit : Math.max(64, limit);
      while (shown < limit) {
        List<CommitView> commits = repo.log(head, batch);
        for (int i = scanned; i < commits.size() && shown < limit; i++) {
          CommitView commit = commits.get(i);
          if (filter == null || changes(repo, commit, filter)) {
            print(commit, shown > 0);
            shown++;
          }
        }
        if (commits.size() < batch || batch == Integer.MAX_VALUE) {
          break;
        }
        scanned = commits.size();
        batch = batch > Integer.MAX_VALUE / 4 ? Integer.MAX_VALUE : batch * 4;
      }
    }
    return ExitCodes.OK;
  }

  /** Whether what is at {@code path} in {@code commit} differs from what each parent has there. */
  private static boolean changes(Repository repo, CommitView commit, Path path) {
    Optional<ObjectId> here = idAt(commit, path);
    if (commit.parents().isEmpty()) {
      return here.isPresent();
    }
    for (ObjectId parent : commit.parents()) {
      if (idAt(repo.commit(parent), path).equals(here)) {
        return false;
      }
    }
    return true;
  }

  private static Optional<ObjectId> idAt(CommitView commit, Path path) {
    return commit.tree().findNode(path).map(Node::id);
  }

  private void print(CommitView commit, boolean separate) {
    PrintWriter out = cli.out();
    if (oneline) {
      out.println(Revisions.abbrev(commit.id()) + " " + Writes.firstLine(commit.message()));
      return;
    }
    if (separate) {
      out.println();
    }
    out.println("commit " + commit.id().hex());
    if (commit.parents().size() > 1) {
      StringBuilder merge = new StringBuilder("Merge:");
      for (ObjectId parent : commit.parents()) {
        merge.append(' ').append(Revisions.abbrev(parent));
      }
      out.println(merge);
    }
    Person author = commit.author();
    out.println("Author: " + author.identity());
    out.println("Date:   " + date(author));
    out.println();
    String message = commit.message();
    if (message.endsWith("\n")) {
      message = message.substring(0, message.length() - 1);
    }
    for (String line : message.split("\n", -1)) {
      out.println(line.isEmpty() ? "" : "    " + line);
    }
  }

  /** As git log writes dates: {@code Wed Nov 25 16:16:00 2025 +0100}, in the author's zone. */
  static String date(Person person) {
    ZoneOffset zone = ZoneOffset.ofTotalSeconds(person.offsetMinutes() * 60);
    return DATE.format(Instant.ofEpochSecond(person.epochSeconds()).atOffset(zone)) + " " + person.zone();
  }
}
