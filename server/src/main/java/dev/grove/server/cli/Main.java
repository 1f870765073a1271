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
      return commandLine(cli).execute(args);
    } finally {
      cli.out().flush();
      cli.err().flush();
    }
  }

  static CommandLine commandLine(Cli cli) {
    CommandLine grove = new CommandLine(new GroveCommand(cli));
    grove.addSubcommand(new InitCommand(cli));
    grove.addSubcommand(new GetCommand(cli));
    grove.addSubcommand(new SetCommand(cli));
    grove.addSubcommand(new RmCommand(cli));
    grove.addSubcommand(new LsCommand(cli));
    grove.addSubcommand(new LogCommand(cli));
    grove.addSubcommand(new DiffCommand(cli));
    CommandLine branch = new CommandLine(new BranchCommand(cli));
    branch.addSubcommand(new BranchCreateCommand(cli));
    branch.addSubcommand(new BranchDeleteCommand(cli));
    grove.addSubcommand(branch);
    grove.addSubcommand(new MergeCommand(cli));
    grove.addSubcommand(new FsckCommand(cli));
    grove.addSubcommand(new ServeCommand(cli));
    grove.addSubcommand(new CommandLine(new TokenCommand()).addSubcommand(new TokenAddCommand(cli)));
    grove.addSubcommand(new CloneCommand(cli));
    CommandLine remote = new CommandLine(new RemoteCommand(cli));
    remote.addSubcommand(new RemoteAddCommand(cli));
    grove.addSubcommand(remote);
    grove.addSubcommand(new PullCommand(cli));
    grove.addSubcommand(new PushCommand(cli));
    grove.addSubcommand(new SyncCommand(cli));
    grove.addSubcommand(new WatchCommand(cli));
    grove.addSubcommand(new CommandLine.HelpCommand());
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
