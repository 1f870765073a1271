package dev.grove;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Utf8} agrees with the JDK's strict round trip, the check it replaced. */
class Utf8Test {
  /** What the check was: decode, encode back, compare. */
  private static String jdk(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    return Arrays.equals(text.getBytes(StandardCharsets.UTF_8), data) ? text : null;
  }

  private static void agrees(byte[] data) {
    assertEquals(jdk(data), Utf8.decode(data, 0, data.length), () -> Arrays.toString(data));
  }

  @Test
  void everySequenceOfUpToThreeBytesAgrees() {
    for (int a = 0; a < 256; a++) {
      agrees(new byte[] {(byte) a});
      for (int b = 0; b < 256; b++) {
        agrees(new byte[] {(byte) a, (byte) b});
        if (a >= 0xc0) {
          for (int c = 0; c < 256; c += (a >= 0xe0 ? 1 : 37)) {
            agrees(new byte[] {(byte) a, (byte) b, (byte) c});
          }
        }
      }
    }
  }

  @Test
  void fourByteLeadsAndRandomBytesAgree() {
    Random random = new Random(10);
    for (int a = 0xf0; a < 256; a++) {
      for (int b = 0; b < 256; b++) {
        agrees(new byte[] {(byte) a, (byte) b, (byte) 0x80, (byte) 0xbf});
        agrees(new byte[] {(byte) a, (byte) b, (byte) 0x80, 'x'});
      }
    }
    for (int i = 0; i < 200_000; i++) {
      byte[] data = new byte[random.nextInt(9)];
      for (int j = 0; j < data.length; j++) {
        data[j] = (byte) (random.nextBoolean() ? 0x80 | random.nextInt(0x80) : random.nextInt(256));
      }
      agrees(data);
    }
  }

  @Test
  void decodesARangeAndEncodesLikeTheJdk() {
    String text = "a\u00e9\u0800\uffff\ud83d\ude00\u007f";
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(bytes, Utf8.encode(text));
    byte[] framed = new byte[bytes.length + 2];
    System.arraycopy(bytes, 0, framed, 1, bytes.length);
    framed[0] = (byte) 0xff;
    framed[framed.length - 1] = (byte) 0xff;
    assertEquals(text, Utf8.decode(framed, 1, framed.length - 1));
    for (String lone : new String[] {"\ud800", "a\udc00b", "\ude00\ud83d"}) {
      assertArrayEquals(lone.getBytes(StandardCharsets.UTF_8), Utf8.encode(lone), lone);
    }
  }
}
