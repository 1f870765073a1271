package dev.grove.server.cli;

import dev.grove.hash.ObjectId;
import dev.grove.path.Path;
import dev.grove.store.CommitInfo;
import dev.grove.store.Repository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "set", sortOptions = false,
    header = "Set a value and commit.",
    description = {
        "Sets the value at PATH and commits the change to the branch. The value is VALUE as UTF-8 text, or the bytes of FILE. Nothing is committed when PATH already holds that value.",
        "Commits go to an existing branch (see grove branch create); in an empty store, the first commit creates the branch."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  grove set notes/today 'buy milk' -m 'first note'",
        "  grove set notes/today 'oat milk' -b phone --author 'Ada <ada@example.com>'",
        "  grove set photos/cat.jpg --file cat.jpg",
        "  echo '{\"n\": 1}' | grove set config.json --file -",
        "  grove set counter -- -1          (after --, a VALUE may start with -)"})
final class SetCommand implements Callable<Integer> {
  private final Cli cli;

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PATH", description = "The value's path, e.g. notes/today.")
  String path;

  @Parameters(index = "1", arity = "0..1", paramLabel = "VALUE", description = "The value, as UTF-8 text.")
  String value;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE",
      description = "Take the value's bytes from FILE instead ('-' for standard input).")
  String file;

  @Mixin
  BranchOption branch;

  @Option(names = {"-m", "--message"}, paramLabel = "MESSAGE",
      description = CommitOptions.MESSAGE_HELP + "\"set PATH\").")
  String message;

  @Mixin
  CommitOptions commit;

  SetCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    if ((value == null) == (file == null)) {
      throw new ParameterException(spec.commandLine(), value == null
          ? "missing the value: give VALUE or --file FILE" : "give VALUE or --file FILE, not both");
    }
    Path key = Revisions.valuePath(path);
    CommitInfo info = commit.info(message, "set " + key);
    byte[] bytes = value != null ? value.getBytes(StandardCharsets.UTF_8) : readFile();
    try (Repository repo = cli.openRepository()) {
      Revisions.checkWritable(repo, branch.name);
      ObjectId before = repo.head(branch.name);
      ObjectId after = repo.branch(branch.name).set(key, bytes, info);
      Writes.report(cli, branch.name, before, after, info,
          "nothing to commit: '" + key + "' already holds that value");
    }
    return ExitCodes.OK;
  }

  private byte[] readFile() {
    try {
      return file.equals("-") ? cli.in().readAllBytes() : Files.readAllBytes(cli.resolve(file));
    } catch (IOException e) {
      throw new CommandException("cannot read " + (file.equals("-") ? "standard input" : file)
          + ": " + ErrorHandler.describe(e));
    }
  }
}
