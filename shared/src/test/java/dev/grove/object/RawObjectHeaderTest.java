package dev.grove.object;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Git's object header, "<type> <length>\0", for every type and lengths of every digit count. */
class RawObjectHeaderTest {
  @Test
  void headerIsTypeSpaceDecimalLengthNul() {
    int[] lengths = {0, 1, 9, 10, 99, 100, 12_345, 999_999, 1_000_000, Integer.MAX_VALUE};
    for (ObjectType type : ObjectType.values()) {
      for (int length : lengths) {
        assertArrayEquals((type.gitName() + " " + length + "\0").getBytes(StandardCharsets.US_ASCII),
            RawObject.header(type, length), type + " " + length);
      }
    }
    assertThrows(IllegalArgumentException.class, () -> RawObject.header(ObjectType.BLOB, -1));
  }
}
