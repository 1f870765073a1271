package dev.grove.server.cli;

/**
 * A command could not do what was asked (nothing there, no such branch, a conflict): reported
 * as one line {@code grove: MESSAGE} on standard error, with exit status {@link #exitCode()}.
 */
final class CommandException extends RuntimeException {
  private final int exitCode;

  CommandException(String message) {
    this(message, ExitCodes.FAILED);
  }

  CommandException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  int exitCode() {
    return exitCode;
  }
}
