package dev.grove.server.cli;

import dev.grove.merge.Conflict;
import java.util.List;

/** How pull and sync report a merge conflict: one {@code CONFLICT path: reason} line each, then a failure. */
final class ConflictReport {
  private ConflictReport() {}

  /** Prints the conflicts and returns the failure to throw: {@code what}, how many, and that nothing was merged. */
  static CommandException fail(Cli cli, List<Conflict> conflicts, String what) {
    for (Conflict conflict : conflicts) {
      cli.out().println("CONFLICT " + conflict.path() + ": " + conflict.reason());
    }
    int n = conflicts.size();
    return new CommandException(what + ": " + n + " conflict" + (n == 1 ? "" : "s")
        + "; nothing was merged or pushed");
  }
}
