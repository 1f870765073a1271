package dev.grove.server.cli;

import dev.grove.server.fs.FsBackend;
import dev.grove.store.Repository;
import dev.grove.store.Verifier;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "fsck",
    header = "Verify the store.",
    description = "Verifies every object reachable from every branch: each is stored and readable, its bytes hash to its id, it has the type its referrer expects, and trees and commits decode. On an fs store, also names each pack file that cannot be read. Prints each problem as 'ID: what is wrong' (or 'FILE: what is wrong'), and exits with status 1 when there is any.",
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
    SortedMap<String, String> damagedFiles = new TreeMap<>();
    try (Repository repo = cli.openRepository()) {
      if (repo.backend() instanceof FsBackend fs) {
        damagedFiles.putAll(fs.damagedFiles());
      }
      report = Verifier.verify(repo);
    }
    damagedFiles.forEach((file, why) -> cli.out().println(file + ": " + why));
    for (Verifier.Problem problem : report.problems()) {
      cli.out().println(problem);
    }
    String checked = "checked " + report.branches() + " branch" + (report.branches() == 1 ? "" : "es")
        + ", " + report.objects() + " objects";
    if (!report.ok() || !damagedFiles.isEmpty()) {
      int n = report.problems().size() + damagedFiles.size();
      throw new CommandException("fsck found " + n + " problem" + (n == 1 ? "" : "s") + " (" + checked + ")");
    }
    cli.out().println(checked + ": no problems");
    return ExitCodes.OK;
  }
}
