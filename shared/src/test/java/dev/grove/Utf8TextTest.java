package dev.grove;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Utf8Text} gives exactly the JDK's text for every input, malformed ones included. */
class Utf8TextTest {
  private static void agrees(byte[] data) {
    assertEquals(new String(data, StandardCharsets.UTF_8), Utf8Text.decode(data),
        () -> Arrays.toString(data));
  }

  @Test
  void everySequenceOfUpToThreeBytesAgrees() {
    for (int a = 0; a < 256; a++) {
      agrees(new byte[] {(byte) a});
      for (int b = 0; b < 256; b++) {
        agrees(new byte[] {(byte) a, (byte) b});
        for (int c = 0; c < 256; c++) {
          agrees(new byte[] {(byte) a, (byte) b, (byte) c});
        }
      }
    }
  }

  @Test
  void fourByteLeadsTailsAndRandomBytesAgree() {
    int[] tails = {0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xe0, 0xf0,
        0xff};
    for (int a = 0xe0; a < 256; a++) {
      for (int b = 0; b < 256; b++) {
        for (int c : tails) {
          for (int d : tails) {
            agrees(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
            agrees(new byte[] {'x', (byte) a, (byte) b, (byte) c, (byte) d, 'y'});
          }
        }
      }
    }
    Random random = new Random(11);
    for (int i = 0; i < 300_000; i++) {
      byte[] data = new byte[random.nextInt(12)];
      for (int j = 0; j < data.length; j++) {
        data[j] = (byte) (random.nextBoolean() ? 0x80 | random.nextInt(0x80) : random.nextInt(256));
      }
      agrees(data);
    }
  }

  @Test
  void decodesARangeAndWellFormedText() {
    String text = "a\u00e9\u0800\uffff\ud83d\ude00\u007f\udbff\udfff"; // ends with U+10FFFF
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    agrees(bytes);
    byte[] framed = new byte[bytes.length + 2];
    System.arraycopy(bytes, 0, framed, 1, bytes.length);
    framed[0] = (byte) 0xff;
    framed[framed.length - 1] = (byte) 0xe0;
    assertEquals(text, Utf8Text.decode(framed, 1, framed.length - 1));
  }

  @Test
  void asciiAgreesForEveryByte() {
    byte[] all = new byte[258];
    for (int i = 0; i < 256; i++) {
      all[i + 1] = (byte) i;
    }
    assertEquals(new String(all, 1, 256, StandardCharsets.US_ASCII), Utf8Text.ascii(all, 1, 257));
    assertEquals("", Utf8Text.ascii(all, 5, 5));
  }
}
