package dev.grove.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.grove.json.JsonNumber;
import dev.grove.object.ObjectType;
import dev.grove.object.RawObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bundle framing: a round trip, and every way a body can be broken. */
class BundleTest {
  private static final RawObject ONE = RawObject.of(ObjectType.BLOB, bytes("one"));
  private static final RawObject TWO = RawObject.of(ObjectType.BLOB, bytes("two!"));

  @Test
  void objectsRoundTripInOrder() throws IOException {
    byte[] body = bundle(2, ONE, TWO);
    BundleReader reader = new BundleReader(new ByteArrayInputStream(body), body.length);
    Map<String, Object> header = reader.readHeader();
    assertEquals(new JsonNumber("2"), header.get("objects"));
    assertEquals(2, reader.count());
    List<RawObject> read = new ArrayList<>();
    for (BundleReader.Frame frame = reader.next(); frame != null; frame = reader.next()) {
      read.add(RawObject.verified(frame.id(), frame.type(), frame.payload()));
    }
    assertEquals(List.of(ONE, TWO), read);
    assertArrayEquals(TWO.payload(), read.get(1).payload());
    assertNull(reader.next());
  }

  @Test
  void theLayoutIsTheDocumentedOne() throws IOException {
    byte[] body = bundle(1, ONE);
    assertArrayEquals(bytes("GRVB"), Arrays.copyOf(body, 4));
    assertEquals(1, body[4]);
    int headerLength = ((body[5] & 0xff) << 24) | ((body[6] & 0xff) << 16) | ((body[7] & 0xff) << 8)
        | (body[8] & 0xff);
    String header = new String(body, 9, headerLength, StandardCharsets.UTF_8);
    assertEquals("{\"protocol\":1,\"objects\":1}", header);
    int at = 9 + headerLength;
    assertEquals(3, body[at]); // blob
    assertArrayEquals(ONE.id().toBytes(), Arrays.copyOfRange(body, at + 1, at + 21));
    assertEquals(3, body[at + 24]); // length, big-endian
    assertEquals("one", new String(body, at + 25, 3, StandardCharsets.UTF_8));
    assertEquals(0, body[at + 28]); // end marker
    assertEquals(at + 29, body.length);
  }

  @Test
  void aBodyCutAtAnyByteIsMalformed() throws IOException {
    byte[] body = bundle(2, ONE, TWO);
    for (int length = 0; length < body.length; length++) {
      byte[] cut = Arrays.copyOf(body, length);
      SyncException e = assertThrows(SyncException.class, () -> readAll(cut, 1 << 20),
          "cut at " + length);
      assertEquals("malformed_bundle", e.code(), "cut at " + length);
      assertEquals(400, e.status());
    }
  }

  @Test
  void badMagicVersionTypeAndHeaderAreMalformed() throws IOException {
    byte[] body = bundle(1, ONE);
    assertMalformed(with(body, 0, 'X'));
    assertMalformed(with(body, 4, 2));
    int typeAt = body.length - 29 + 1 - 1; // the frame starts 29 bytes before the end
    assertEquals(3, body[typeAt]);
    assertMalformed(with(body, typeAt, 7));
    assertMalformed(frame(bytes("not json"), ONE));
    assertMalformed(frame(bytes("{\"objects\":-1}"), ONE));
    assertMalformed(frame(bytes("[1]"), ONE));
    // A header length over 64 KiB.
    byte[] huge = body.clone();
    huge[5] = 0;
    huge[6] = 1;
    huge[7] = 0;
    huge[8] = 1;
    assertMalformed(huge);
  }

  @Test
  void fewerOrMoreObjectsThanAnnouncedAreMalformed() throws IOException {
    assertMalformed(bundleWithCount(3, ONE, TWO));
    assertMalformed(bundleWithCount(1, ONE, TWO));
    assertMalformed(bundleWithCount(0, ONE));
  }

  @Test
  void bytesAfterTheEndMarkerAreMalformed() throws IOException {
    byte[] body = bundle(1, ONE);
    byte[] longer = Arrays.copyOf(body, body.length + 1);
    assertMalformed(longer);
    byte[] noMarker = Arrays.copyOf(body, body.length);
    noMarker[body.length - 1] = 9;
    assertMalformed(noMarker);
  }

  @Test
  void aFrameOrBodyOverTheLimitIsTooLargeBeforeItIsRead() throws IOException {
    byte[] body = bundle(1, ONE);
    SyncException whole = assertThrows(SyncException.class, () -> readAll(body, body.length - 1));
    assertEquals("body_too_large", whole.code());
    assertEquals(413, whole.status());
    // A frame that claims 2 GiB, in a tiny body: refused from its length alone.
    byte[] claim = body.clone();
    int lengthAt = body.length - 29 + 21;
    claim[lengthAt] = 0x7f;
    SyncException frame = assertThrows(SyncException.class, () -> readAll(claim, 1 << 20));
    assertEquals("body_too_large", frame.code());
  }

  // ---- helpers ----

  private static void assertMalformed(byte[] body) {
    SyncException e = assertThrows(SyncException.class, () -> readAll(body, 1 << 20));
    assertEquals("malformed_bundle", e.code(), e.getMessage());
    assertEquals(400, e.status());
  }

  private static int readAll(byte[] body, long limit) throws IOException {
    BundleReader reader = new BundleReader(new ByteArrayInputStream(body), limit);
    reader.readHeader();
    int n = 0;
    while (reader.next() != null) {
      n++;
    }
    return n;
  }

  static byte[] bundle(int count, RawObject... objects) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("protocol", 1);
    header.put("objects", count);
    BundleWriter writer = new BundleWriter(out, header);
    for (RawObject object : objects) {
      writer.write(object);
    }
    writer.finish();
    return out.toByteArray();
  }

  /** A bundle whose header announces {@code count} whatever the objects are. */
  private static byte[] bundleWithCount(int count, RawObject... objects) throws IOException {
    return frame(bytes("{\"objects\":" + count + "}"), objects);
  }

  /** Magic, version, the header bytes as given, the objects and the end marker. */
  static byte[] frame(byte[] header, RawObject... objects) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(bytes("GRVB"));
    out.write(1);
    writeInt(out, header.length);
    out.write(header);
    for (RawObject object : objects) {
      out.write(BundleWriter.typeCode(object.type()));
      out.write(object.id().toBytes());
      writeInt(out, object.size());
      out.write(object.payload());
    }
    out.write(0);
    return out.toByteArray();
  }

  private static void writeInt(ByteArrayOutputStream out, int value) {
    out.write(value >>> 24);
    out.write(value >>> 16);
    out.write(value >>> 8);
    out.write(value);
  }

  private static byte[] with(byte[] body, int at, int value) {
    byte[] copy = body.clone();
    copy[at] = (byte) value;
    return copy;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
