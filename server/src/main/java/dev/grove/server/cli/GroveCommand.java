package dev.grove.server.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "grove", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
    versionProvider = GroveVersion.class,
    description = {
        "Grove: a Git-compatible, branchable, mergeable key-value store.",
        "Keys are paths like notes/today, values are bytes, and every change is a commit on a branch, stored as Git objects. Each command works on the store in --repo DIR (default: the current directory) and on branch main unless told otherwise. 'grove COMMAND --help' explains each command."},
    commandListHeading = "%nCommands:%n",
    footerHeading = "%nExamples:%n",
    footer = {
        "  grove init /tmp/notes",
        "  grove --repo /tmp/notes set notes/today 'buy milk' -m 'first note'",
        "  grove --repo /tmp/notes get notes/today",
        "  grove --repo /tmp/notes log",
        "  git --git-dir /tmp/notes log --stat  (a git store is a Git repository)",
        "  grove serve                          (./grove-data on http://127.0.0.1:7070)",
        "  export GROVE_TOKEN=...               (safer than --token, which ps shows)",
        "  grove clone http://127.0.0.1:7070/repos/notes /tmp/phone",
        "  grove --repo /tmp/phone sync",
        "",
        "Exit status: 0 done, 1 error, merge conflict or fsck problem, 2 wrong command line."})
final class GroveCommand implements Callable<Integer> {
  private final Cli cli;

  @Spec
  CommandSpec spec;

  GroveCommand(Cli cli) {
    this.cli = cli;
  }

  @Option(names = "--repo", paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "The store's directory (default: the current directory).")
  void setRepo(String dir) {
    cli.setRepo(dir);
  }

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "a command is needed (grove init, get, set, rm, ls,"
        + " log, diff, branch, merge, fsck, serve, token, clone, remote, pull, push, sync, watch)");
  }
}
