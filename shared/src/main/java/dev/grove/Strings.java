package dev.grove;

import java.util.ArrayList;
import java.util.List;

/**
 * Small string helpers that avoid {@code java.util.regex}: {@link String#split} and
 * {@link String#matches} pull TeaVM's regex engine and Unicode tables (over 100 KB) into the
 * browser bundle.
 */
public final class Strings {
  private Strings() {}

  /** {@code text} cut at every {@code separator}, keeping empty pieces (like {@code split(sep, -1)}). */
  public static List<String> split(String text, char separator) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    while (true) {
      int at = text.indexOf(separator, start);
      if (at < 0) {
        pieces.add(text.substring(start));
        return pieces;
      }
      pieces.add(text.substring(start, at));
      start = at + 1;
    }
  }

  /** Whether {@code text} is one or more ASCII digits. */
  public static boolean isDigits(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * At most {@code max} characters of {@code text} (null as {@code "null"}); a longer text is
   * cut (never inside a surrogate pair) and followed by {@code "... (N characters)"}. For error
   * messages that quote input, so that they never echo unbounded text.
   */
  public static String abbreviate(Object text, int max) {
    String s = String.valueOf(text);
    if (s.length() <= max) {
      return s;
    }
    int end = max > 0 && Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    return s.substring(0, end) + "... (" + s.length() + " characters)";
  }
}
