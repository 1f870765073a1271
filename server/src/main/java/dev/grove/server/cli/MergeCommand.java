package dev.grove.server.cli;

import dev.grove.hash.ObjectId;
import dev.grove.merge.Conflict;
import dev.grove.store.CommitInfo;
import dev.grove.store.MergeResult;
import dev.grove.store.Repository;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "merge", sortOptions = false,
    header = "Merge a branch or a commit into a branch.",
    description = {
        "Merges FROM (a branch, or a commit) into a branch: nothing when the branch already contains it, a fast-forward when the branch is behind, else a three-way merge commit.",
        "On a conflict nothing is written: each conflicting path is printed with the reason, one per line, and the exit status is 1."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  grove merge phone                      (into main)",
        "  grove merge main --into phone -m 'catch up'"})
final class MergeCommand implements Callable<Integer> {
  private final Cli cli;

  @Parameters(paramLabel = "FROM", description = "What to merge: a branch, or a commit id or unique prefix.")
  String from;

  @Option(names = "--into", paramLabel = "BRANCH", defaultValue = "main",
      description = "The branch that receives the merge (default: ${DEFAULT-VALUE}).")
  String into;

  @Option(names = {"-m", "--message"}, paramLabel = "MESSAGE",
      description = CommitOptions.MESSAGE_HELP + "\"Merge FROM into BRANCH\").")
  String message;

  @Mixin
  CommitOptions commit;

  MergeCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    CommitInfo info = commit.info(message, "Merge " + from + " into " + into);
    try (Repository repo = cli.openRepository()) {
      ObjectId theirs = Revisions.resolve(repo, from);
      Revisions.branchHead(repo, into);
      MergeResult result = repo.branch(into).merge(theirs, info);
      switch (result.status()) {
        case UP_TO_DATE:
          cli.out().println("already up to date: " + into + " contains " + from);
          break;
        case FAST_FORWARD:
          cli.out().println("fast-forwarded " + into + " to " + Revisions.abbrev(result.head()));
          break;
        case MERGED:
          cli.out().println("[" + into + " " + Revisions.abbrev(result.head()) + "] "
              + Writes.firstLine(info.message()));
          break;
        default:
          for (Conflict conflict : result.conflicts()) {
            cli.out().println("CONFLICT " + conflict.path() + ": " + conflict.reason());
          }
          int n = result.conflicts().size();
          throw new CommandException("merging " + from + " into " + into + ": " + n + " conflict"
              + (n == 1 ? "" : "s") + "; nothing was written");
      }
    }
    return ExitCodes.OK;
  }
}
