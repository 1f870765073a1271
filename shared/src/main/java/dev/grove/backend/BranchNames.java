package dev.grove.backend;

import dev.grove.GroveException;
import dev.grove.Strings;

/**
 * Valid branch names: what Git accepts after {@code refs/heads/}, a little stricter. Segments
 * separated by {@code /}, each non-empty, not starting with {@code .}, not ending with
 * {@code .lock}; no {@code ..}, no control characters, no space, none of {@code ~^:?*[\}, no
 * {@code @{}, not {@code @}, not {@code HEAD}; valid UTF-8. As in Git, a branch cannot be both
 * a name and a directory of names: {@code a} and {@code a/b} cannot exist together
 * ({@link #conflict}). At most {@link #MAX_BYTES} bytes in UTF-8.
 */
public final class BranchNames {
  /**
   * The longest branch name, in UTF-8 bytes: 83. Backends that keep a branch in one file name
   * write each byte outside {@code [A-Za-z0-9._-]} as {@code %XX} (three bytes) and add a
   * suffix of up to 5 bytes ({@code .lock}); 83 &times; 3 + 5 = 254 fits the 255-byte file name
   * limit of common file systems, whatever the name holds.
   */
  public static final int MAX_BYTES = 83;

  private static final String TOO_LONG = "longer than " + MAX_BYTES + " bytes in UTF-8";

  private BranchNames() {}

  /**
   * Returns {@code name} when it is a valid branch name.
   *
   * @throws InvalidBranchNameException otherwise
   */
  public static String check(String name) {
    String problem = problem(name);
    if (problem != null) {
      throw new InvalidBranchNameException(name, problem);
    }
    return name;
  }

  /** Why {@code name} is not a valid branch name, or null when it is. */
  public static String problem(String name) {
    if (name == null || name.isEmpty()) {
      return "empty name";
    }
    if (name.length() > MAX_BYTES) {
      return TOO_LONG;
    }
    if (name.equals("@") || name.equals("HEAD")) {
      return "reserved name";
    }
    if (name.contains("..") || name.contains("@{") || name.contains("//")) {
      return "contains '..', '@{' or '//'";
    }
    if (name.startsWith("/") || name.endsWith("/") || name.endsWith(".")) {
      return "starts or ends with '/' or ends with '.'";
    }
    int bytes = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 4 : 3; // a pair: 4, once
      if (c < 0x20 || c == 0x7f || c == ' ' || "~^:?*[\\".indexOf(c) >= 0) {
        return "contains a forbidden character";
      }
      if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c) || i + 1 >= name.length()
            || !Character.isLowSurrogate(name.charAt(i + 1))) {
          return "not valid UTF-8 (lone surrogate)";
        }
        i++;
      }
    }
    if (bytes > MAX_BYTES) {
      return TOO_LONG;
    }
    for (String segment : Strings.split(name, '/')) {
      if (segment.startsWith(".") || segment.endsWith(".lock")) {
        return "a segment starts with '.' or ends with '.lock'";
      }
    }
    return null;
  }

  /**
   * The existing branch that {@code name} cannot coexist with ({@code a} versus {@code a/b}),
   * or null when there is none.
   */
  public static String conflict(String name, Iterable<String> existing) {
    for (String other : existing) {
      if (!other.equals(name) && (other.startsWith(name + "/") || name.startsWith(other + "/"))) {
        return other;
      }
    }
    return null;
  }

  /** A branch name is not valid. */
  public static final class InvalidBranchNameException extends GroveException {
    public InvalidBranchNameException(String name, String reason) {
      super("invalid_branch", "invalid branch name '" + Strings.abbreviate(name, 100) + "': " + reason);
    }
  }
}
