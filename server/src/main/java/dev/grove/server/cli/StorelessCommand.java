package dev.grove.server.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * A command that works on no store (serve, token, clone): the global {@code --repo} means nothing
 * to it, so its help does not list it and a command line giving it is refused (exit 2), before
 * or after the command's name.
 */
interface StorelessCommand {

  /** Why {@code --repo} does not apply, for the error: {@code "it serves the repositories in --data DIR"}. */
  String whyNoRepo();

  /** Removes the inherited {@code --repo} from every storeless command under {@code root}. */
  static void removeRepoOption(CommandLine root) {
    for (CommandLine sub : root.getSubcommands().values()) {
      CommandSpec spec = sub.getCommandSpec();
      OptionSpec repo = spec.findOption("--repo");
      if (spec.userObject() instanceof StorelessCommand && repo != null) {
        spec.remove(repo);
      }
      removeRepoOption(sub);
    }
  }

  /**
   * Refuses {@code grove --repo DIR COMMAND} for a storeless command.
   *
   * @throws ParameterException naming the command and why
   */
  static void checkNoRepo(ParseResult parsed) {
    if (!parsed.hasMatchedOption("--repo")) {
      return;
    }
    ParseResult last = parsed;
    while (last.subcommand() != null) {
      last = last.subcommand();
    }
    Object command = last.commandSpec().userObject();
    if (command instanceof StorelessCommand) {
      throw new ParameterException(last.commandSpec().commandLine(), "'"
          + last.commandSpec().qualifiedName() + "' takes no --repo: "
          + ((StorelessCommand) command).whyNoRepo());
    }
  }
}
