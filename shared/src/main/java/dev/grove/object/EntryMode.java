package dev.grove.object;

import dev.grove.Utf8;


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

  /** {@link #values()} copies its array on every call. */
  private static final EntryMode[] ALL = values();

  private final String octal;
  private final byte[] octalBytes;

  EntryMode(String octal) {
    this.octal = octal;
    this.octalBytes = Utf8.encode(octal);
  }

  /** The mode as Git writes it in a tree: {@code 100644}, {@code 40000}, ... */
  public String octal() {
    return octal;
  }

  /** {@link #octal()} in ASCII bytes: never modify them. */
  byte[] octalBytes() {
    return octalBytes;
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

  /** The mode written in {@code data[from..to)}, or null when Git does not write such a mode. */
  public static EntryMode fromOctal(byte[] data, int from, int to) {
    for (EntryMode mode : ALL) {
      if (mode.octalBytes.length == to - from && sameBytes(mode.octalBytes, data, from)) {
        return mode;
      }
    }
    return null;
  }

  private static boolean sameBytes(byte[] expected, byte[] data, int from) {
    for (int i = 0; i < expected.length; i++) {
      if (data[from + i] != expected[i]) {
        return false;
      }
    }
    return true;
  }
}
