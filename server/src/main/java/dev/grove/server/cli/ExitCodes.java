package dev.grove.server.cli;

/** The exit statuses of {@code grove}. */
final class ExitCodes {
  /** Done as asked. */
  static final int OK = 0;
  /** An error, a merge conflict or a problem found by fsck; one line on standard error says which. */
  static final int FAILED = 1;
  /** The command line itself is wrong (unknown command or option, missing argument). */
  static final int USAGE = 2;

  private ExitCodes() {}
}
