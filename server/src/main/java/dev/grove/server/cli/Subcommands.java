package dev.grove.server.cli;

import java.util.List;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Grove's subcommands by name, each made only when a command line needs it. Picocli reads a
 * command's annotations by reflection when it is added, which took a good part of every
 * command's start; a command line that names its command needs only that one.
 */
final class Subcommands {
  /** In the order {@code grove --help} lists them. */
  private static final List<String> NAMES = List.of("init", "get", "set", "rm", "ls", "log", "diff",
      "branch", "merge", "fsck", "serve", "token", "clone", "remote", "pull", "push", "sync", "watch",
      "help");

  private Subcommands() {}

  /**
   * Adds to {@code grove} the subcommands {@code args} may need: only the one it names (its
   * first word that is no option nor {@code --repo}'s value), none for a bare
   * {@code --version}, else all (help, usage errors and their suggestions list them).
   */
  static void addNeeded(CommandLine grove, Cli cli, String[] args) {
    Optional<String> named = namedCommand(args);
    if (named.isPresent() && NAMES.contains(named.get()) && !named.get().equals("help")
        && !asksForHelpOrVersion(args)) {
      grove.addSubcommand(named.get(), make(named.get(), cli));
    } else if (named.isPresent() || !isVersionOnly(args)) {
      for (String name : NAMES) {
        grove.addSubcommand(name, make(name, cli));
      }
    }
  }

  /** A switch, not a map of lambdas: each lambda would cost a class spun at every start. */
  private static Object make(String name, Cli cli) {
    switch (name) {
      case "init": return new InitCommand(cli);
      case "get": return new GetCommand(cli);
      case "set": return new SetCommand(cli);
      case "rm": return new RmCommand(cli);
      case "ls": return new LsCommand(cli);
      case "log": return new LogCommand(cli);
      case "diff": return new DiffCommand(cli);
      case "branch":
        return new CommandLine(new BranchCommand(cli)).addSubcommand(new BranchCreateCommand(cli))
            .addSubcommand(new BranchDeleteCommand(cli));
      case "merge": return new MergeCommand(cli);
      case "fsck": return new FsckCommand(cli);
      case "serve": return new ServeCommand(cli);
      case "token": return new CommandLine(new TokenCommand()).addSubcommand(new TokenAddCommand(cli));
      case "clone": return new CloneCommand(cli);
      case "remote": return new CommandLine(new RemoteCommand(cli)).addSubcommand(new RemoteAddCommand(cli));
      case "pull": return new PullCommand(cli);
      case "push": return new PushCommand(cli);
      case "sync": return new SyncCommand(cli);
      case "watch": return new WatchCommand(cli);
      case "help": return new CommandLine.HelpCommand();
      default: throw new IllegalArgumentException("no command " + name);
    }
  }

  private static Optional<String> namedCommand(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--repo")) {
        i++; // its value
      } else if (!args[i].startsWith("-")) {
        return Optional.of(args[i]);
      }
    }
    return Optional.empty();
  }

  private static boolean asksForHelpOrVersion(String[] args) {
    for (String arg : args) {
      if (arg.equals("-h") || arg.equals("--help") || arg.equals("-V") || arg.equals("--version")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isVersionOnly(String[] args) {
    return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
  }
}
