package dev.grove.sync;

import dev.grove.hash.ObjectId;
import dev.grove.object.ObjectType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Reads a bundle from a stream, frame by frame, without trusting anything it says: a body that
 * stops early, a bad magic or version, a bad frame, a count other than the header's, a missing
 * end marker or bytes after it are {@code malformed_bundle}; more than {@code maxBytes} in all
 * (or a frame announcing more) is {@code body_too_large}. Never allocates more than the bytes
 * that actually arrived (plus one chunk). Ids are not checked here: see {@link Receiver}.
 */
final class BundleReader {
  /** One object as framed: its type, the id it came with, its payload. */
  record Frame(ObjectType type, ObjectId id, byte[] payload) {}

  private static final int CHUNK = 1 << 20;

  private final InputStream in;
  private final long maxBytes;
  private final int maxObjects;
  private long consumed;
  private Map<String, Object> header;
  private int count;
  private int read;
  private boolean ended;

  /** A reader of at most {@code maxBytes} bytes and any number of objects (a fetch answer). */
  BundleReader(InputStream in, long maxBytes) {
    this(in, maxBytes, Integer.MAX_VALUE);
  }

  /**
   * A reader of at most {@code maxBytes} bytes and {@code maxObjects} objects: a header
   * announcing more is {@code 413 too_many_objects}, before any object is read.
   */
  BundleReader(InputStream in, long maxBytes, int maxObjects) {
    this.in = in;
    this.maxBytes = maxBytes;
    this.maxObjects = maxObjects;
  }

  /** Reads the magic, version and header; returns the header (with a valid {@code objects}). */
  Map<String, Object> readHeader() throws IOException {
    byte[] magic = readFully(4, "magic");
    for (int i = 0; i < 4; i++) {
      if (magic[i] != BundleWriter.MAGIC[i]) {
        throw Errors.malformedBundle("not a bundle: bad magic");
      }
    }
    int version = readByte("version");
    if (version != Protocol.VERSION) {
      throw Errors.malformedBundle("bundle version " + version + " is not supported (this side reads "
          + Protocol.VERSION + ")");
    }
    long length = readInt("header length");
    if (length > BundleWriter.MAX_HEADER) {
      throw Errors.malformedBundle("bundle header of " + length + " bytes (at most "
          + BundleWriter.MAX_HEADER + ")");
    }
    byte[] json = readFully((int) length, "header");
    header = WireJson.object(json, message -> Errors.malformedBundle("bundle header: " + message));
    count = WireJson.smallInt(header.get("objects"));
    if (count < 0) {
      throw Errors.malformedBundle("bundle header has no valid 'objects' count");
    }
    if (count > maxObjects) {
      throw Errors.tooManyObjects(count, maxObjects);
    }
    return header;
  }

  /** How many objects the header announces. */
  int count() {
    return count;
  }

  /** The next object, or null after the last one (once the end marker and the end of the stream are checked). */
  Frame next() throws IOException {
    if (header == null) {
      throw new IllegalStateException("read the header first");
    }
    if (ended) {
      return null;
    }
    int type = readByte("object " + (read + 1) + " of " + count);
    if (type == 0) {
      if (read != count) {
        throw Errors.malformedBundle("the bundle ended after " + read + " of " + count + " objects");
      }
      if (in.read() >= 0) {
        throw Errors.malformedBundle("bytes after the end of the bundle");
      }
      ended = true;
      return null;
    }
    if (read == count) {
      throw Errors.malformedBundle("more objects than the " + count + " the header announces");
    }
    ObjectType objectType = BundleWriter.typeOf(type);
    if (objectType == null) {
      throw Errors.malformedBundle("object " + (read + 1) + " has a bad type " + type);
    }
    ObjectId id = ObjectId.fromBytes(readFully(20, "an object id"));
    long length = readInt("an object length");
    if (length > maxBytes - consumed) {
      throw Errors.tooLarge(maxBytes);
    }
    if (length > Integer.MAX_VALUE - 64) {
      throw Errors.malformedBundle("object " + id.hex() + " is too large");
    }
    byte[] payload = readFully((int) length, "object " + id.hex());
    read++;
    return new Frame(objectType, id, payload);
  }

  private int readByte(String what) throws IOException {
    count(1);
    int b = in.read();
    if (b < 0) {
      throw truncated(what);
    }
    return b;
  }

  private long readInt(String what) throws IOException {
    byte[] bytes = readFully(4, what);
    return ((bytes[0] & 0xffL) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8)
        | (bytes[3] & 0xff);
  }

  private byte[] readFully(int length, String what) throws IOException {
    count(length);
    if (length <= CHUNK) {
      byte[] bytes = new byte[length];
      fill(bytes, length, what);
      return bytes;
    }
    // Large: grow with the bytes that actually arrive, not with what the frame claims.
    ByteArrayOutputStream out = new ByteArrayOutputStream(CHUNK);
    byte[] chunk = new byte[CHUNK];
    int left = length;
    while (left > 0) {
      int n = Math.min(left, CHUNK);
      fill(chunk, n, what);
      out.write(chunk, 0, n);
      left -= n;
    }
    return out.toByteArray();
  }

  private void fill(byte[] bytes, int length, String what) throws IOException {
    int at = 0;
    while (at < length) {
      int n = in.read(bytes, at, length - at);
      if (n < 0) {
        throw truncated(what);
      }
      at += n;
    }
  }

  private void count(long bytes) {
    consumed += bytes;
    if (consumed > maxBytes) {
      throw Errors.tooLarge(maxBytes);
    }
  }

  private SyncException truncated(String what) {
    return Errors.malformedBundle("the bundle is truncated: it ended in " + what
        + (header == null ? "" : ", after " + read + " of " + count + " objects"));
  }
}
