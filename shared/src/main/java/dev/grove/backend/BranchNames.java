package dev.grove.backend;

import dev.grove.GroveException;
import dev.grove.Strings;

/**
 * Valid branch names: what Git accepts after {@code refs/heads/}, a little stricter. Segments
 * separated by {@code /}, each non-empty, not starting with {@code .}, not ending with
 * {@code .lock}; no {@code ..}, no control characters, no space, none of {@code ~^:?*[\}, no
 * {@code @{}, not {@code @}, not {@code HEAD}; valid UTF-8. As in Git, a branch cannot be both
 * a name and a directory of names: {@code a} and {@code a/b} cannot exist together
 * ({@link #conflict}).
 */
public final class BranchNames {
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
    if (name.length() > 200) {
      return "longer than 200 characters";
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
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
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
      super("invalid_branch", "invalid branch name '" + name + "': " + reason);
    }
  }
}
