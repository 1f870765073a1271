package dev.grove.server.cli;

import picocli.CommandLine.Option;

/** {@code -b, --branch BRANCH}, default {@code main}: the branch a command reads or writes. */
final class BranchOption {
  @Option(names = {"-b", "--branch"}, paramLabel = "BRANCH", defaultValue = "main",
      description = "The branch to use (default: ${DEFAULT-VALUE}).")
  String name;
}
