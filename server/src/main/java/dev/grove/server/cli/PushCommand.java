package dev.grove.server.cli;

import dev.grove.hash.ObjectId;
import dev.grove.server.client.Remotes;
import dev.grove.sync.Progress;
import dev.grove.sync.PushResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "push", sortOptions = false,
    header = "Send a branch to a remote.",
    description = {
        "Sends the commits and values of the local branch that the remote lacks and moves the remote branch of the same name to the local head (creating it, and the repository, when absent).",
        "A push that would drop remote commits the local branch does not have is refused with exit status 1: pull first (or sync), or give --force to replace the remote branch. A push that loses a race with another push changes nothing and fails too (unless the other push sent the same head); run it again."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  grove push                          (branch main to origin)",
        "  grove push backup --branch phone",
        "  grove push --force"})
final class PushCommand implements Callable<Integer> {
  private final Cli cli;

  @Parameters(arity = "0..1", paramLabel = "NAME", defaultValue = Remotes.DEFAULT,
      description = "The remote (default: ${DEFAULT-VALUE}).")
  String remoteName;

  @Mixin
  BranchOption branch;

  @Option(names = {"-f", "--force"},
      description = "Replace the remote branch even when the local one does not descend from it.")
  boolean force;

  @Mixin
  TokenOption token;

  PushCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    String bearer = token.resolve();
    try (RemoteLink link = RemoteLink.open(cli, remoteName, bearer)) {
      ObjectId localHead = Revisions.branchHead(link.repo, branch.name);
      Progress progress = ProgressMeter.forStderr(cli);
      PushResult result;
      try {
        result = link.call("push to", () -> link.remote.push(branch.name, force, progress));
      } finally {
        ProgressMeter.finish(progress);
      }
      String where = remoteName + "/" + branch.name;
      switch (outcome(result, localHead)) {
        case UP_TO_DATE:
          cli.out().println("everything up to date: " + where + " is at " + Revisions.abbrev(result.remoteHead()));
          break;
        case CREATED:
          cli.out().println("created " + where + " at " + Revisions.abbrev(result.remoteHead()) + " ("
              + PullCommand.objects(result.objectsSent()) + " sent)");
          break;
        case UPDATED:
          cli.out().println((force ? "forced " : "updated ") + where + " to " + Revisions.abbrev(result.remoteHead())
              + " (" + PullCommand.objects(result.objectsSent()) + " sent)");
          break;
        case NON_FAST_FORWARD:
          throw new CommandException("rejected: the remote branch " + branch.name + " has commits you do not"
              + " have; pull first (or push --force)");
        default:
          throw new CommandException("rejected: the remote branch " + branch.name + " moved while pushing"
              + " (another push won the race); nothing was changed, push again or sync");
      }
    }
    return ExitCodes.OK;
  }

  /**
   * How {@code result} ends for the user who pushed {@code localHead}: a push that lost its race
   * to another push of the same head left the remote where this one would have, so it is up to
   * date, not refused.
   */
  static PushResult.Status outcome(PushResult result, ObjectId localHead) {
    return result.status() == PushResult.Status.CONFLICT && result.remoteHead().equals(localHead)
        ? PushResult.Status.UP_TO_DATE : result.status();
  }
}
