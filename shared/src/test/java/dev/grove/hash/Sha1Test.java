package dev.grove.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Sha1Test {

  @Test
  void knownVectors() {
    assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", hex(""));
    assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", hex("abc"));
    assertEquals("84983e441c3bd26ebaae4aa1f95129e5e54670f1",
        hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
  }

  @Test
  void matchesTheJdkOnRandomInputsOfEveryLengthAroundBlockBoundaries() throws Exception {
    Random random = new Random(42);
    for (int length = 0; length < 300; length++) {
      byte[] data = new byte[length];
      random.nextBytes(data);
      assertArrayEquals(MessageDigest.getInstance("SHA-1").digest(data), Sha1.hash(data),
          "length " + length);
    }
  }

  @Test
  void incrementalUpdatesInOddPiecesMatchOneShot() throws Exception {
    byte[] data = new byte[1 << 20];
    new Random(7).nextBytes(data);
    Sha1 sha = new Sha1();
    int pos = 0;
    int step = 1;
    while (pos < data.length) {
      int n = Math.min(step, data.length - pos);
      sha.update(data, pos, n);
      pos += n;
      step = step * 3 % 1000 + 1;
    }
    assertArrayEquals(MessageDigest.getInstance("SHA-1").digest(data), sha.digest());
  }

  @Test
  void digestEndsTheComputation() {
    Sha1 sha = new Sha1();
    sha.digest();
    assertThrows(IllegalStateException.class, sha::digest);
  }

  @Test
  void objectIdHexRoundTripAndRejections() {
    ObjectId id = ObjectId.fromHex("A9993E364706816ABA3E25717850C26C9CD0D89D");
    assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", id.hex());
    assertEquals(id, ObjectId.fromBytes(id.toBytes()));
    assertEquals("invalid_id",
        assertThrows(ObjectId.InvalidIdException.class, () -> ObjectId.fromHex("abc")).code());
    assertThrows(ObjectId.InvalidIdException.class,
        () -> ObjectId.fromHex("g9993e364706816aba3e25717850c26c9cd0d89d"));
    assertEquals(true, ObjectId.NONE.isNone());
  }

  private static String hex(String text) {
    return Hex.encode(Sha1.hash(text.getBytes(StandardCharsets.UTF_8)));
  }
}
