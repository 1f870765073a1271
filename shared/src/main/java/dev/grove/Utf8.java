package dev.grove;

/**
 * Strict UTF-8 on byte arrays, without a charset decoder or encoder: TeaVM builds a new one, with
 * fresh buffers, for every {@code new String(bytes, UTF_8)} and {@code getBytes(UTF_8)}, which
 * made decoding trees slow in the browser.
 */
public final class Utf8 {
  private Utf8() {}

  /**
   * The text of {@code data[from..to)} when it is well-formed UTF-8, else null: rejects stray
   * continuation bytes, overlong forms, encoded surrogates (U+D800..U+DFFF), code points above
   * U+10FFFF and truncated sequences, exactly what {@code new String(bytes, UTF_8)} would replace.
   */
  public static String decode(byte[] data, int from, int to) {
    char[] out = new char[to - from];
    int n = scan(data, from, to, out);
    return n < 0 ? null : new String(out, 0, n);
  }

  /** Whether {@code data[from..to)} is well-formed UTF-8 ({@link #decode} would not answer null). */
  public static boolean isValid(byte[] data, int from, int to) {
    return scan(data, from, to, null) >= 0;
  }

  /**
   * Checks {@code data[from..to)} and, when {@code out} is not null, writes its UTF-16 text
   * there: the number of chars, or -1 when it is not well-formed (see {@link #decode}).
   */
  private static int scan(byte[] data, int from, int to, char[] out) {
    int o = 0;
    int i = from;
    while (i < to) {
      int b0 = data[i];
      if (b0 >= 0) {
        if (out != null) {
          out[o] = (char) b0;
        }
        o++;
        i++;
        continue;
      }
      b0 &= 0xFF;
      if (b0 < 0xC2) {
        return -1; // a continuation byte, or an overlong two-byte form (C0, C1)
      }
      if (b0 < 0xE0) {
        if (i + 1 >= to || !continuation(data[i + 1])) {
          return -1;
        }
        if (out != null) {
          out[o] = (char) (((b0 & 0x1F) << 6) | (data[i + 1] & 0x3F));
        }
        o++;
        i += 2;
      } else if (b0 < 0xF0) {
        if (i + 2 >= to || !continuation(data[i + 1]) || !continuation(data[i + 2])) {
          return -1;
        }
        int b1 = data[i + 1] & 0xFF;
        if ((b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 >= 0xA0)) {
          return -1; // overlong, or a surrogate
        }
        if (out != null) {
          out[o] = (char) (((b0 & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (data[i + 2] & 0x3F));
        }
        o++;
        i += 3;
      } else if (b0 < 0xF5) {
        if (i + 3 >= to || !continuation(data[i + 1]) || !continuation(data[i + 2])
            || !continuation(data[i + 3])) {
          return -1;
        }
        int b1 = data[i + 1] & 0xFF;
        if ((b0 == 0xF0 && b1 < 0x90) || (b0 == 0xF4 && b1 >= 0x90)) {
          return -1; // overlong, or above U+10FFFF
        }
        if (out != null) {
          int cp = ((b0 & 0x07) << 18) | ((b1 & 0x3F) << 12) | ((data[i + 2] & 0x3F) << 6)
              | (data[i + 3] & 0x3F);
          out[o] = Character.highSurrogate(cp);
          out[o + 1] = Character.lowSurrogate(cp);
        }
        o += 2;
        i += 4;
      } else {
        return -1; // F5..FF start nothing
      }
    }
    return o;
  }

  private static boolean continuation(byte b) {
    return (b & 0xC0) == 0x80;
  }

  /** The UTF-8 bytes of {@code text}; a lone surrogate becomes {@code ?}, as in Java's encoder. */
  public static byte[] encode(String text) {
    int n = text.length();
    int size = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        size++;
      } else if (c < 0x800) {
        size += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < n
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        size += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        size++;
      } else {
        size += 3;
      }
    }
    byte[] out = new byte[size];
    int o = 0;
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        out[o++] = (byte) c;
      } else if (c < 0x800) {
        out[o++] = (byte) (0xC0 | (c >> 6));
        out[o++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c) && i + 1 < n
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, text.charAt(++i));
        out[o++] = (byte) (0xF0 | (cp >> 18));
        out[o++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        out[o++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        out[o++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        out[o++] = '?';
      } else {
        out[o++] = (byte) (0xE0 | (c >> 12));
        out[o++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        out[o++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return out;
  }
}
