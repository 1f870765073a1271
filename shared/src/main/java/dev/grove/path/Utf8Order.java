package dev.grove.path;

/**
 * Compares strings in the order of their UTF-8 bytes (code point order), without encoding them.
 * Java's {@link String#compareTo} differs from it for characters above U+FFFF.
 */
public final class Utf8Order {
  private Utf8Order() {}

  public static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (x >= 0xD800 && y >= 0xD800 && Character.isSurrogate(x) != Character.isSurrogate(y)) {
          return Character.isSurrogate(x) ? 1 : -1;
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  }
}
