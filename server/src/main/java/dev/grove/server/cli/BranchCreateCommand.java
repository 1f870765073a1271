package dev.grove.server.cli;

import dev.grove.backend.BranchNames;
import dev.grove.backend.RefOutcome;
import dev.grove.hash.ObjectId;
import dev.grove.store.Repository;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "create",
    header = "Create a branch.",
    description = "Creates branch NAME at FROM: the head of a branch, or a commit (default: main).",
    footerHeading = "%nExamples:%n",
    footer = {
        "  grove branch create phone",
        "  grove branch create fix 1a2b3c4"})
final class BranchCreateCommand implements Callable<Integer> {
  private final Cli cli;

  @Parameters(index = "0", paramLabel = "NAME", description = "The new branch's name.")
  String name;

  @Parameters(index = "1", arity = "0..1", paramLabel = "FROM", defaultValue = "main",
      description = "Where it starts: a branch, or a commit id or unique prefix (default: ${DEFAULT-VALUE}).")
  String from;

  BranchCreateCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    BranchNames.check(name);
    try (Repository repo = cli.openRepository()) {
      ObjectId at = Revisions.resolve(repo, from);
      RefOutcome outcome = repo.createBranch(name, at);
      if (outcome == RefOutcome.CAS_FAILED) {
        throw new CommandException("branch '" + name + "' already exists (at "
            + Revisions.abbrev(repo.head(name)) + ")");
      }
      if (!outcome.succeeded()) {
        throw new CommandException("could not create branch '" + name + "': " + outcome);
      }
      cli.out().println("created branch " + name + " at " + Revisions.abbrev(at));
    }
    return ExitCodes.OK;
  }
}
