package dev.grove.server.cli;

import dev.grove.server.client.Remotes;
import dev.grove.store.CommitInfo;
import dev.grove.store.MergeResult;
import dev.grove.sync.Progress;
import dev.grove.sync.PullResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "pull", sortOptions = false,
    header = "Fetch a branch from a remote and merge it.",
    description = {
        "Fetches the remote's branch (only the commits and values this store lacks) and merges it into the local branch of the same name: a fast-forward when the local branch is behind, else a merge commit. The local branch is created when it does not exist yet.",
        "On a conflict nothing is merged (the fetched commits are kept): each conflicting path is printed, and the exit status is 1. A progress line shows on standard error when it is a terminal."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  grove pull                          (branch main from origin)",
        "  grove pull backup --branch phone",
        "  GROVE_TOKEN=... grove pull"})
final class PullCommand implements Callable<Integer> {
  private final Cli cli;

  @Parameters(arity = "0..1", paramLabel = "NAME", defaultValue = Remotes.DEFAULT,
      description = "The remote (default: ${DEFAULT-VALUE}).")
  String remoteName;

  @Mixin
  BranchOption branch;

  @Option(names = {"-m", "--message"}, paramLabel = "MESSAGE",
      description = CommitOptions.MESSAGE_HELP + "\"Merge NAME/BRANCH into BRANCH\").")
  String message;

  @Mixin
  CommitOptions commit;

  @Mixin
  TokenOption token;

  PullCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    CommitInfo info = commit.info(message, "Merge " + remoteName + "/" + branch.name + " into " + branch.name);
    String bearer = token.resolve();
    try (RemoteLink link = RemoteLink.open(cli, remoteName, bearer)) {
      Progress progress = ProgressMeter.forStderr(cli);
      PullResult result;
      try {
        result = link.call("pull from", () -> link.remote.pull(branch.name, info, progress));
      } finally {
        ProgressMeter.finish(progress);
      }
      MergeResult merge = result.merge();
      String from = remoteName + "/" + branch.name;
      switch (merge.status()) {
        case UP_TO_DATE:
          cli.out().println("already up to date: " + branch.name + " contains " + from + " ("
              + Revisions.abbrev(result.remoteHead()) + ")");
          break;
        case FAST_FORWARD:
          cli.out().println("fast-forwarded " + branch.name + " to " + Revisions.abbrev(merge.head())
              + " (" + from + ", " + objects(result.objectsReceived()) + " received)");
          break;
        case MERGED:
          cli.out().println("[" + branch.name + " " + Revisions.abbrev(merge.head()) + "] "
              + Writes.firstLine(info.message()) + " (" + objects(result.objectsReceived()) + " received)");
          break;
        default:
          throw ConflictReport.fail(cli, merge.conflicts(), "merging " + from + " into " + branch.name);
      }
    }
    return ExitCodes.OK;
  }

  static String objects(long n) {
    return n + " object" + (n == 1 ? "" : "s");
  }
}
