package dev.grove.server.cli;

import dev.grove.hash.ObjectId;
import dev.grove.path.Path;
import dev.grove.store.Repository;
import dev.grove.tree.Change;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "diff", sortOptions = false,
    header = "List the values that differ between two commits.",
    description = {
        "Lists the values that differ from REV1 to REV2, in path order, as git diff --name-status does: 'A<TAB>path' added, 'D<TAB>path' removed, 'M<TAB>path' changed.",
        "A REV is a branch name, or a commit id: all 40 hex digits, or a unique prefix of at least 4."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  grove diff main phone",
        "  grove diff 1a2b3c4 main notes"})
final class DiffCommand implements Callable<Integer> {
  private final Cli cli;

  @Parameters(index = "0", paramLabel = "REV1", description = "The commit to compare from.")
  String from;

  @Parameters(index = "1", paramLabel = "REV2", description = "The commit to compare to.")
  String to;

  @Parameters(index = "2", arity = "0..1", paramLabel = "PATH", description = "Only changes at or below PATH.")
  String path;

  DiffCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    Path prefix = path == null ? Path.ROOT : Path.parse(path);
    try (Repository repo = cli.openRepository()) {
      ObjectId a = Revisions.resolve(repo, from);
      ObjectId b = Revisions.resolve(repo, to);
      for (Change change : repo.diff(a, b, prefix)) {
        cli.out().println(letter(change.kind()) + "\t" + change.path());
      }
    }
    return ExitCodes.OK;
  }

  private static char letter(Change.Kind kind) {
    switch (kind) {
      case ADDED:
        return 'A';
      case REMOVED:
        return 'D';
      default:
        return 'M';
    }
  }
}
