package dev.grove.server.cli;

import dev.grove.backend.RefOutcome;
import dev.grove.hash.ObjectId;
import dev.grove.store.Repository;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "delete",
    header = "Delete a branch.",
    description = "Deletes branch NAME. Its commits stay in the store, and other branches keep what they reach.",
    footerHeading = "%nExample:%n",
    footer = "  grove branch delete phone")
final class BranchDeleteCommand implements Callable<Integer> {
  private final Cli cli;

  @Parameters(paramLabel = "NAME", description = "The branch to delete.")
  String name;

  BranchDeleteCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    try (Repository repo = cli.openRepository()) {
      ObjectId head = Revisions.branchHead(repo, name);
      RefOutcome outcome = repo.deleteBranch(name);
      if (outcome == RefOutcome.NO_CHANGE) {
        throw new CommandException("no branch '" + name + "'");
      }
      cli.out().println("deleted branch " + name + " (was " + Revisions.abbrev(head) + ")");
    }
    return ExitCodes.OK;
  }
}
