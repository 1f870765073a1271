package dev.grove.server.cli;

import dev.grove.server.storage.Stores;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "init", sortOptions = false,
    header = "Create an empty store.",
    description = {
        "Creates an empty store in DIR, which must be absent or empty.",
        "A git store (the default) is an ordinary bare Git repository: git log, git fsck and git clone work on it. An fs store keeps the same Git objects as plain files. A new store has no branch until its first commit (grove set), which creates main."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  grove init /tmp/notes                   a git store",
        "  grove init --backend fs /tmp/scratch    an fs store"})
final class InitCommand implements Callable<Integer> {
  private final Cli cli;

  @Spec
  CommandSpec spec;

  @Option(names = "--backend", paramLabel = "KIND", defaultValue = "git",
      description = "git (a bare Git repository) or fs (plain files); default: ${DEFAULT-VALUE}.")
  String backend;

  @Parameters(arity = "0..1", paramLabel = "DIR",
      description = "Where to create the store (default: --repo, else the current directory).")
  String dir;

  InitCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() {
    Stores.Kind kind = Stores.Kind.parse(backend).orElseThrow(() -> new ParameterException(
        spec.commandLine(), "unknown backend '" + backend + "': use git or fs"));
    Path target = dir != null ? cli.resolve(dir) : cli.repoDir();
    Optional<Stores.Kind> existing = Stores.kindOf(target);
    if (existing.isPresent()) {
      throw new CommandException("there is already a " + existing.get().label() + " store in "
          + target);
    }
    Stores.init(target, kind).close();
    cli.out().println("created an empty " + kind.label() + " store in " + target);
    return ExitCodes.OK;
  }
}
