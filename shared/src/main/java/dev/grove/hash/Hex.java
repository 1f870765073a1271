package dev.grove.hash;

/** Lower-case hexadecimal encoding of bytes (TeaVM has no {@code HexFormat}). */
public final class Hex {
  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  public static String encode(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = DIGITS[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = DIGITS[bytes[i] & 0xf];
    }
    return new String(out);
  }

  /**
   * Decodes hexadecimal text, either case.
   *
   * @throws IllegalArgumentException when the text has an odd length or a non-hex character
   */
  public static byte[] decode(String text) {
    if (text.length() % 2 != 0) {
      throw new IllegalArgumentException("hex text has odd length " + text.length());
    }
    byte[] out = new byte[text.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((digit(text, 2 * i) << 4) | digit(text, 2 * i + 1));
    }
    return out;
  }

  private static int digit(String text, int index) {
    char c = text.charAt(index);
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    throw new IllegalArgumentException("not a hex digit at " + index + ": '" + c + "'");
  }
}
