package dev.grove.server.git;

import dev.grove.object.RawObject;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.zip.Deflater;

/**
 * Encodes objects as a Git pack stream (version 2, every object whole, no deltas): the header
 * {@code PACK}, the version and the object count, then each object as its type and size header
 * followed by its zlib-deflated payload, then the SHA-1 of everything before it.
 */
final class GitPackEncoder {
  private static final int VERSION = 2;

  private GitPackEncoder() {}

  /** The pack of {@code objects}, in their order, deflated at {@code level} (a zlib level). */
  static byte[] encode(List<RawObject> objects, int level) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(estimate(objects));
    out.writeBytes(new byte[] {'P', 'A', 'C', 'K'});
    writeInt32(out, VERSION);
    writeInt32(out, objects.size());
    Deflater deflater = new Deflater(level);
    byte[] buffer = new byte[64 * 1024];
    try {
      for (RawObject object : objects) {
        writeEntryHeader(out, GitIds.typeCode(object.type()), object.payload().length);
        deflater.reset();
        deflater.setInput(object.payload());
        deflater.finish();
        while (!deflater.finished()) {
          int n = deflater.deflate(buffer);
          out.write(buffer, 0, n);
        }
      }
    } finally {
      deflater.end();
    }
    byte[] body = out.toByteArray();
    byte[] pack = new byte[body.length + 20];
    System.arraycopy(body, 0, pack, 0, body.length);
    System.arraycopy(sha1(body), 0, pack, body.length, 20);
    return pack;
  }

  /** An entry's header: type and size, the size in little-endian groups of 4 then 7 bits. */
  private static void writeEntryHeader(ByteArrayOutputStream out, int type, long size) {
    long rest = size >>> 4;
    int first = (type << 4) | (int) (size & 0x0F);
    out.write(rest != 0 ? first | 0x80 : first);
    while (rest != 0) {
      int next = (int) (rest & 0x7F);
      rest >>>= 7;
      out.write(rest != 0 ? next | 0x80 : next);
    }
  }

  private static void writeInt32(ByteArrayOutputStream out, int value) {
    out.write(value >>> 24);
    out.write(value >>> 16);
    out.write(value >>> 8);
    out.write(value);
  }

  private static int estimate(List<RawObject> objects) {
    long total = 32;
    for (RawObject object : objects) {
      total += object.payload().length / 2 + 16;
    }
    return (int) Math.min(total, Integer.MAX_VALUE - 64);
  }

  private static byte[] sha1(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-1", e);
    }
  }
}
