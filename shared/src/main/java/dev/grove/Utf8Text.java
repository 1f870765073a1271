package dev.grove;

/**
 * Bytes to text exactly as {@code new String(bytes, UTF_8)} and {@code US_ASCII} make it, malformed
 * input replaced by U+FFFD, without {@code java.nio.charset}: in grove.js its decoders and encoders
 * cost several kilobytes. The strict form, which rejects instead, is {@link Utf8#decode}; the
 * encoder is {@link Utf8#encode}.
 */
public final class Utf8Text {
  private static final char REPLACEMENT = '\uFFFD';

  private Utf8Text() {}

  /** {@code new String(data, UTF_8)}. */
  public static String decode(byte[] data) {
    return decode(data, 0, data.length);
  }

  /**
   * {@code new String(data, from, to - from, UTF_8)}: each maximal part of an ill-formed
   * sequence (a byte that starts nothing, or a start cut short) becomes one U+FFFD; like the JDK,
   * a three-byte form of a surrogate (ED A0..BF) is read as one such part, cut short or not.
   */
  public static String decode(byte[] data, int from, int to) {
    char[] out = new char[to - from];
    int o = 0;
    int i = from;
    while (i < to) {
      int b0 = data[i++];
      if (b0 >= 0) {
        out[o++] = (char) b0;
        continue;
      }
      b0 &= 0xFF;
      int need;
      int low = 0x80;
      int high = 0xBF;
      if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 1;
      } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 2;
        if (b0 == 0xE0) {
          low = 0xA0; // shorter forms are overlong
        }
      } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 3;
        if (b0 == 0xF0) {
          low = 0x90; // shorter forms are overlong
        } else if (b0 == 0xF4) {
          high = 0x8F; // above: beyond U+10FFFF
        }
      } else {
        out[o++] = REPLACEMENT; // a continuation byte, C0, C1 or F5..FF
        continue;
      }
      int cp = b0 & (0x3F >> need);
      boolean complete = true;
      for (int k = 0; k < need; k++) {
        int b = i < to ? data[i] & 0xFF : -1;
        if (b < low || b > high) {
          complete = false;
          break;
        }
        cp = (cp << 6) | (b & 0x3F);
        i++;
        low = 0x80;
        high = 0xBF;
      }
      if (!complete || (cp >= 0xD800 && cp <= 0xDFFF)) {
        out[o++] = REPLACEMENT; // an encoded surrogate too: the JDK replaces its three bytes once
      } else if (cp >= 0x10000) {
        out[o++] = Character.highSurrogate(cp);
        out[o++] = Character.lowSurrogate(cp);
      } else {
        out[o++] = (char) cp;
      }
    }
    return new String(out, 0, o);
  }

  /** {@code new String(data, from, to - from, US_ASCII)}: a byte above 0x7F becomes U+FFFD. */
  public static String ascii(byte[] data, int from, int to) {
    char[] out = new char[to - from];
    for (int i = from; i < to; i++) {
      out[i - from] = data[i] >= 0 ? (char) data[i] : REPLACEMENT;
    }
    return new String(out);
  }
}
