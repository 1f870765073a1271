package dev.grove.store;

/**
 * Who makes a commit and why.
 *
 * @param authorName the author's name; null for the repository's default author
 * @param authorEmail the author's email; null for the repository's default author
 * @param message the commit message
 */
public record CommitInfo(String authorName, String authorEmail, String message) {
  public CommitInfo {
    if (message == null) {
      throw new IllegalArgumentException("a commit message must not be null");
    }
    if ((authorName == null) != (authorEmail == null)) {
      throw new IllegalArgumentException("give both the author's name and email, or neither");
    }
  }

  /** A commit by the repository's default author. */
  public static CommitInfo message(String message) {
    return new CommitInfo(null, null, message);
  }

  /** A commit by {@code name <email>}. */
  public static CommitInfo by(String name, String email, String message) {
    return new CommitInfo(name, email, message);
  }
}
