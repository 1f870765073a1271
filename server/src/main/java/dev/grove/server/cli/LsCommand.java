package dev.grove.server.cli;

import dev.grove.path.Path;
import dev.grove.store.Repository;
import dev.grove.tree.Node;
import dev.grove.tree.Tree;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "ls", sortOptions = false,
    header = "List a directory.",
    description = {
        "Lists the directory at PATH (default: the root) on the branch, one entry per line in path order; directories end with '/'. For a value, prints its path. In a store with no commits yet, the root is empty: ls prints nothing.",
        "With --recursive, prints the full path of every value below PATH instead."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  grove ls",
        "  grove ls notes",
        "  grove ls -r --branch phone"})
final class LsCommand implements Callable<Integer> {
  private final Cli cli;

  @Spec
  CommandSpec spec;

  @Parameters(arity = "0..1", paramLabel = "PATH", description = "A directory or a value (default: the root).")
  String path = "";

  @Option(names = {"-r", "--recursive"}, description = "List every value below PATH, by full path.")
  boolean recursive;

  @Mixin
  BranchOption branch;

  LsCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    Path dir = Path.parse(path);
    try (Repository repo = cli.openRepository()) {
      Tree tree = isUnborn(repo) ? Tree.empty() : repo.treeOf(Revisions.branchHead(repo, branch.name));
      Optional<Node> node = tree.findNode(dir);
      if (node.isEmpty()) {
        throw new CommandException("nothing at '" + dir + "' on branch " + branch.name);
      }
      PrintWriter out = cli.out();
      if (!(node.get() instanceof Tree)) {
        out.println(dir);
      } else if (recursive) {
        listAll(dir, (Tree) node.get(), out);
      } else {
        for (Map.Entry<String, Node> entry : ((Tree) node.get()).entries().entrySet()) {
          out.println(entry.getKey() + (entry.getValue() instanceof Tree ? "/" : ""));
        }
      }
    }
    return ExitCodes.OK;
  }

  /**
   * Whether the branch read is the default one of a store with no commits yet: empty, as
   * {@code git ls-tree} shows an unborn branch. A branch named with --branch must exist.
   */
  private boolean isUnborn(Repository repo) {
    return !spec.commandLine().getParseResult().hasMatchedOption("--branch")
        && repo.branches().isEmpty();
  }

  private static void listAll(Path at, Tree tree, PrintWriter out) {
    for (Map.Entry<String, Node> entry : tree.entries().entrySet()) {
      Path child = at.child(entry.getKey());
      if (entry.getValue() instanceof Tree) {
        listAll(child, (Tree) entry.getValue(), out);
      } else {
        out.println(child);
      }
    }
  }
}
