package dev.grove.object;

/**
 * The mode of a tree entry, as Git writes it. Grove writes {@link #FILE} for values and
 * {@link #TREE} for subtrees; it reads the other modes that stock Git writes.
 */
public enum EntryMode {
  TREE("40000"),
  FILE("100644"),
  EXECUTABLE("100755"),
  SYMLINK("120000"),
  GITLINK("160000");

  private final String octal;

  EntryMode(String octal) {
    this.octal = octal;
  }

  /** The mode as Git writes it in a tree: {@code 100644}, {@code 40000}, ... */
  public String octal() {
    return octal;
  }

  /** Whether the entry's object is a blob, readable as a value. */
  public boolean isValue() {
    return this == FILE || this == EXECUTABLE || this == SYMLINK;
  }

  /** The mode written {@code octal}, or null when Git does not write such a mode. */
  public static EntryMode fromOctal(String octal) {
    for (EntryMode mode : values()) {
      if (mode.octal.equals(octal)) {
        return mode;
      }
    }
    return null;
  }
}
