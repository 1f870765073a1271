package dev.grove.store;

import dev.grove.GroveException;

/**
 * Who makes a commit and why.
 *
 * @param authorName the author's name; null for the repository's default author
 * @param authorEmail the author's email; null for the repository's default author
 * @param message the commit message
 */
public record CommitInfo(String authorName, String authorEmail, String message) {

  /**
   * @throws InvalidCommitInfoException when the message is null, only one of name and email is
   *     given, or either contains {@code <}, {@code >}, a newline or NUL (Git cannot write them)
   */
  public CommitInfo {
    if (message == null) {
      throw new InvalidCommitInfoException("a commit message must not be null");
    }
    if ((authorName == null) != (authorEmail == null)) {
      throw new InvalidCommitInfoException("give both the author's name and email, or neither");
    }
    checkIdentity("author name", authorName);
    checkIdentity("author email", authorEmail);
  }

  /** A commit by the repository's default author. */
  public static CommitInfo message(String message) {
    return new CommitInfo(null, null, message);
  }

  /** A commit by {@code name <email>}. */
  public static CommitInfo by(String name, String email, String message) {
    return new CommitInfo(name, email, message);
  }

  private static void checkIdentity(String what, String text) {
    if (text != null && (text.indexOf('<') >= 0 || text.indexOf('>') >= 0
        || text.indexOf('\n') >= 0 || text.indexOf('\0') >= 0)) {
      throw new InvalidCommitInfoException("the " + what + " must not contain '<', '>', a newline or NUL: '"
          + text + "'");
    }
  }

  /** Commit info that Git cannot write. Nothing was changed. */
  public static final class InvalidCommitInfoException extends GroveException {
    public InvalidCommitInfoException(String message) {
      super("invalid_commit_info", message);
    }
  }
}
