package dev.grove.server.cli;

import dev.grove.hash.ObjectId;
import dev.grove.path.Path;
import dev.grove.store.CommitInfo;
import dev.grove.store.Repository;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rm", sortOptions = false,
    header = "Remove a value or a directory and commit.",
    description = "Removes the value or the whole directory at PATH and commits the change to the branch.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  grove rm notes/today -m 'done'",
        "  grove rm --branch phone notes          (everything under notes/)"})
final class RmCommand implements Callable<Integer> {
  private final Cli cli;

  @Parameters(paramLabel = "PATH", description = "The path of a value or a directory.")
  String path;

  @Mixin
  BranchOption branch;

  @Option(names = {"-m", "--message"}, paramLabel = "MESSAGE",
      description = CommitOptions.MESSAGE_HELP + "\"rm PATH\").")
  String message;

  @Mixin
  CommitOptions commit;

  RmCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    Path key = Revisions.valuePath(path);
    CommitInfo info = commit.info(message, "rm " + key);
    try (Repository repo = cli.openRepository()) {
      ObjectId before = Revisions.branchHead(repo, branch.name);
      if (!repo.treeOf(before).findNode(key).isPresent()) {
        throw new CommandException("nothing at '" + key + "' on branch " + branch.name);
      }
      ObjectId after = repo.branch(branch.name).remove(key, info);
      Writes.report(cli, branch.name, before, after, info,
          "nothing to commit: '" + key + "' is already gone");
    }
    return ExitCodes.OK;
  }
}
