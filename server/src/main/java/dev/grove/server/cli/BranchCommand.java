package dev.grove.server.cli;

import dev.grove.hash.ObjectId;
import dev.grove.store.Repository;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "branch", sortOptions = false,
    header = "List, create or delete branches.",
    description = "Without a command, lists the branches in name order, one per line: the name and the short id of its head.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  grove branch",
        "  grove branch create phone              (at the head of main)",
        "  grove branch create old 1a2b3c4",
        "  grove branch delete phone"})
final class BranchCommand implements Callable<Integer> {
  private final Cli cli;

  BranchCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    try (Repository repo = cli.openRepository()) {
      SortedMap<String, ObjectId> branches = repo.branches();
      int width = 0;
      for (String name : branches.keySet()) {
        width = Math.max(width, name.length());
      }
      for (Map.Entry<String, ObjectId> branch : branches.entrySet()) {
        String name = branch.getKey();
        cli.out().println(name + " ".repeat(width - name.length() + 2) + Revisions.abbrev(branch.getValue()));
      }
    }
    return ExitCodes.OK;
  }
}
