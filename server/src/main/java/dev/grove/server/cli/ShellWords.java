package dev.grove.server.cli;

/** Text to paste into a POSIX shell, for the commands that grove's messages suggest. */
final class ShellWords {
  private ShellWords() {}

  /** {@code text} as one shell word: as it is when no character is special, else single-quoted. */
  static String quote(String text) {
    return text.matches("[A-Za-z0-9_./:=@%+,-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
  }
}
