package dev.grove.server.cli;

import dev.grove.path.Path;
import dev.grove.store.Repository;
import dev.grove.tree.Leaf;
import dev.grove.tree.Node;
import dev.grove.tree.Tree;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "get", sortOptions = false,
    header = "Print a value.",
    description = "Writes the value at PATH on the branch to standard output, byte for byte, with no newline added.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  grove get notes/today",
        "  grove get --branch phone photos/cat.jpg > cat.jpg"})
final class GetCommand implements Callable<Integer> {
  private final Cli cli;

  @Parameters(paramLabel = "PATH", description = "The value's path, e.g. notes/today.")
  String path;

  @Mixin
  BranchOption branch;

  GetCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() throws IOException {
    Path key = Revisions.valuePath(path);
    byte[] bytes;
    try (Repository repo = cli.openRepository()) {
      Tree tree = repo.treeOf(Revisions.branchHead(repo, branch.name));
      Optional<Node> node = tree.findNode(key);
      if (node.isEmpty()) {
        throw new CommandException("no value at '" + key + "' on branch " + branch.name);
      }
      if (node.get() instanceof Tree) {
        throw new CommandException("'" + key + "' is a directory on branch " + branch.name
            + ", not a value (list it with: grove ls " + key + ")");
      }
      bytes = ((Leaf) node.get()).bytes();
    }
    OutputStream out = cli.rawOut();
    out.write(bytes);
    out.flush();
    return ExitCodes.OK;
  }
}
