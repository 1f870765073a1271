package dev.grove.server.cli;

import dev.grove.store.Repository;
import dev.grove.store.Verifier;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "fsck",
    header = "Verify the store.",
    description = "Verifies every object reachable from every branch: each is stored and readable, its bytes hash to its id, it has the type its referrer expects, and trees and commits decode. Prints each problem as 'ID: what is wrong', and exits with status 1 when there is any.",
    footerHeading = "%nExample:%n",
    footer = "  grove fsck")
final class FsckCommand implements Callable<Integer> {
  private final Cli cli;

  FsckCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    Verifier.Report report;
    try (Repository repo = cli.openRepository()) {
      report = Verifier.verify(repo);
    }
    for (Verifier.Problem problem : report.problems()) {
      cli.out().println(problem);
    }
    String checked = "checked " + report.branches() + " branch" + (report.branches() == 1 ? "" : "es")
        + ", " + report.objects() + " objects";
    if (!report.ok()) {
      int n = report.problems().size();
      throw new CommandException("fsck found " + n + " problem" + (n == 1 ? "" : "s") + " (" + checked + ")");
    }
    cli.out().println(checked + ": no problems");
    return ExitCodes.OK;
  }
}
