package dev.grove.server.cli;

import dev.grove.backend.RefOutcome;
import dev.grove.backend.RefUpdate;
import dev.grove.backend.WriteBatch;
import dev.grove.hash.ObjectId;
import dev.grove.store.Repository;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "delete", sortOptions = false,
    header = "Delete a branch.",
    description = {
        "Deletes branch NAME when another branch reaches its head (contains its commits), as git branch -d does. A branch with commits no other branch reaches is refused, since deleting it would leave them out of every branch (and out of every clone and push): merge it first, or give --force.",
        "Its commits stay in the store either way, and other branches keep what they reach."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  grove branch delete phone",
        "  grove branch delete --force experiment   (drop its unmerged commits)"})
final class BranchDeleteCommand implements Callable<Integer> {
  private final Cli cli;

  @Parameters(paramLabel = "NAME", description = "The branch to delete.")
  String name;

  @Option(names = {"-f", "--force"},
      description = "Delete the branch even when no other branch reaches its head.")
  boolean force;

  BranchDeleteCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    try (Repository repo = cli.openRepository()) {
      ObjectId head = Revisions.branchHead(repo, name);
      if (!force && !reachedByAnother(repo, head)) {
        throw new CommandException("the branch '" + name + "' has commits no other branch reaches;"
            + " delete it anyway with --force");
      }
      // From the head checked above only: a commit added meanwhile is never dropped unseen.
      RefOutcome outcome = repo.backend()
          .write(WriteBatch.of(List.of(), new RefUpdate(name, head, ObjectId.NONE))).single();
      if (outcome == RefOutcome.CAS_FAILED) {
        throw new CommandException("the branch '" + name + "' moved while deleting it; nothing was"
            + " deleted, run it again");
      }
      if (!outcome.succeeded()) {
        throw new CommandException("cannot delete the branch '" + name + "': " + outcome);
      }
      cli.out().println("deleted branch " + name + " (was " + Revisions.abbrev(head) + ")");
    }
    return ExitCodes.OK;
  }

  /** Whether a branch other than this one has {@code head} in its history. */
  private boolean reachedByAnother(Repository repo, ObjectId head) {
    for (Map.Entry<String, ObjectId> other : repo.branches().entrySet()) {
      if (!other.getKey().equals(name) && repo.isAncestor(head, other.getValue())) {
        return true;
      }
    }
    return false;
  }
}
