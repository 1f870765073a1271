package dev.grove.json;

/**
 * A JSON number kept as its exact source text (such as {@code 1.50} or {@code 1e3}), so that
 * parsing and writing a document never changes how its numbers are written. Two numbers are
 * equal when their texts are equal: {@code 1.0} and {@code 1} are different numbers here.
 *
 * @param text the number as RFC 8259 writes it: {@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}
 */
public record JsonNumber(String text) {
  /** @throws JsonException when {@code text} is not a JSON number */
  public JsonNumber {
    if (text == null) {
      throw new NullPointerException("text");
    }
    int end = scan(text, 0);
    if (end != text.length()) {
      throw new JsonException("unexpected character after a number", end);
    }
  }

  /** The number written in decimal. */
  public static JsonNumber of(long value) {
    return new JsonNumber(Long.toString(value));
  }

  /**
   * Reads the longest JSON number starting at {@code start} and returns the offset after it.
   *
   * @throws JsonException when no valid number starts there
   */
  static int scan(String text, int start) {
    int i = start;
    if (i < text.length() && text.charAt(i) == '-') {
      i++;
    }
    if (!isDigit(text, i)) {
      throw new JsonException("expected a digit in a number", i);
    }
    if (text.charAt(i) == '0') {
      i++;
      if (isDigit(text, i)) {
        throw new JsonException("leading zero in a number", i - 1);
      }
    } else {
      i = skipDigits(text, i);
    }
    if (i < text.length() && text.charAt(i) == '.') {
      i++;
      if (!isDigit(text, i)) {
        throw new JsonException("expected a digit after the decimal point", i);
      }
      i = skipDigits(text, i);
    }
    if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
        i++;
      }
      if (!isDigit(text, i)) {
        throw new JsonException("expected a digit in the exponent", i);
      }
      i = skipDigits(text, i);
    }
    return i;
  }

  private static boolean isDigit(String text, int i) {
    return i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9';
  }

  private static int skipDigits(String text, int i) {
    while (isDigit(text, i)) {
      i++;
    }
    return i;
  }

  @Override
  public String toString() {
    return text;
  }
}
