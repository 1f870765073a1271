package dev.grove.path;

/**
 * Compares strings in the order of their UTF-8 bytes (code point order), without encoding them.
 * Java's {@link String#compareTo} differs from it for characters above U+FFFF.
 */
public final class Utf8Order {
  private Utf8Order() {}

  public static int compare(String a, String b) {
    int at = firstDifference(a, b);
    return at < 0 ? a.length() - b.length() : compareUnits(a.charAt(at), b.charAt(at));
  }

  /** The first index where the strings differ within their common length, or -1. */
  public static int firstDifference(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      if (a.charAt(i) != b.charAt(i)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The UTF-8 order of two different UTF-16 code units at the same place: a surrogate (a code
   * point above U+FFFF) sorts after every other unit, though U+E000..U+FFFF are numerically larger.
   */
  public static int compareUnits(char x, char y) {
    if (x >= 0xD800 && y >= 0xD800 && Character.isSurrogate(x) != Character.isSurrogate(y)) {
      return Character.isSurrogate(x) ? 1 : -1;
    }
    return x - y;
  }
}
