package dev.grove.server.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import picocli.CommandLine;

/** The {@code grove} command: {@code java -cp … dev.grove.server.cli.Main COMMAND ARGS}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    // JGit logs through SLF4J; a command line has no log to write to.
    if (System.getProperty("slf4j.provider") == null && !ServeCommand.isServe(args)) { // serve logs
      System.setProperty("slf4j.internal.verbosity", "WARN");
      System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
    }
    int status = run(args, System.in, System.out, System.err, Path.of("").toAbsolutePath());
    System.exit(status);
  }

  /**
   * Runs one command line with the given streams and working directory, as the process would.
   *
   * @return the exit status
   */
  public static int run(String[] args, InputStream in, OutputStream out, OutputStream err,
      Path workingDir) {
    Cli cli = new Cli(in, out, err, workingDir);
    try {
      return commandLine(cli, args).execute(args);
    } finally {
      cli.out().flush();
      cli.err().flush();
    }
  }

  /** The whole command tree, every subcommand made: what {@code grove --help} shows. */
  static CommandLine commandLine(Cli cli) {
    return commandLine(cli, new String[] {"--help"});
  }

  /** The command tree {@code args} needs (see {@link Subcommands#addNeeded}). */
  static CommandLine commandLine(Cli cli, String[] args) {
    CommandLine grove = new CommandLine(new GroveCommand(cli));
    Subcommands.addNeeded(grove, cli, args);
    StorelessCommand.removeRepoOption(grove);
    WholeWordHelp.install(grove);
    grove.setExecutionStrategy(parsed -> {
      StorelessCommand.checkNoRepo(parsed);
      return new CommandLine.RunLast().execute(parsed);
    });
    ErrorHandler errors = new ErrorHandler();
    grove.setOut(cli.out());
    grove.setErr(cli.err());
    grove.setParameterExceptionHandler(errors);
    grove.setExecutionExceptionHandler(errors);
    return grove;
  }
}
