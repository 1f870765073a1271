package dev.grove.server.cli;

import dev.grove.server.client.Remotes;
import dev.grove.store.CommitInfo;
import dev.grove.sync.Progress;
import dev.grove.sync.SyncResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "sync", sortOptions = false,
    header = "Pull, merge and push a branch.",
    description = {
        "Brings the local branch and the remote branch of the same name together: fetches what the remote has, merges it into the local branch (a fast-forward when possible, else a merge commit), and pushes the result. When another push gets there first, it fetches and merges again, up to --attempts times.",
        "On a merge conflict nothing is merged or pushed: each conflicting path is printed, and the exit status is 1."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  grove sync                          (branch main with origin)",
        "  grove sync backup --branch phone -m 'merge the phone'"})
final class SyncCommand implements Callable<Integer> {
  private final Cli cli;

  @Spec
  CommandSpec spec;

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

  @Option(names = "--attempts", paramLabel = "N", defaultValue = "10",
      description = "How many times to try when other pushes win the race (default: ${DEFAULT-VALUE}).")
  int attempts;

  @Mixin
  TokenOption token;

  SyncCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    if (attempts < 1) {
      throw new ParameterException(spec.commandLine(), "--attempts must be at least 1, not " + attempts);
    }
    CommitInfo info = commit.info(message, "Merge " + remoteName + "/" + branch.name + " into " + branch.name);
    String bearer = token.resolve();
    try (RemoteLink link = RemoteLink.open(cli, remoteName, bearer)) {
      Progress progress = ProgressMeter.forStderr(cli);
      SyncResult result;
      try {
        result = link.call("sync with", () -> link.remote.sync(branch.name, info, attempts, progress));
      } finally {
        ProgressMeter.finish(progress);
      }
      String where = remoteName + "/" + branch.name;
      switch (result.status()) {
        case UP_TO_DATE:
          if (result.head().isNone()) {
            cli.out().println("nothing to sync: no branch " + branch.name + " here or in " + remoteName);
            break;
          }
          cli.out().println("already in sync: " + branch.name + " and " + where + " are at "
              + Revisions.abbrev(result.head()));
          break;
        case SYNCED:
          cli.out().println("synced " + branch.name + " with " + where + " at " + Revisions.abbrev(result.head())
              + " (" + PullCommand.objects(result.objectsReceived()) + " received, "
              + PullCommand.objects(result.objectsSent()) + " sent)");
          break;
        default:
          throw ConflictReport.fail(cli, result.conflicts(), "merging " + where + " into " + branch.name);
      }
    }
    return ExitCodes.OK;
  }
}
