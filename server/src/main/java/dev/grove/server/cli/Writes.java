package dev.grove.server.cli;

import dev.grove.hash.ObjectId;
import dev.grove.store.CommitInfo;

/** How commands that commit say what they did. */
final class Writes {
  private Writes() {}

  /** {@code [main 1a2b3c4] message}, like git commit; or {@code unchanged} when no commit was made. */
  static void report(Cli cli, String branch, ObjectId before, ObjectId after, CommitInfo info,
      String unchanged) {
    if (after.equals(before)) {
      cli.out().println(unchanged);
    } else {
      cli.out().println("[" + branch + " " + Revisions.abbrev(after) + "] " + firstLine(info.message()));
    }
  }

  /** The first line of a message. */
  static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
