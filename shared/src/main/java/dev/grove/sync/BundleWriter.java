package dev.grove.sync;

import dev.grove.json.Json;
import dev.grove.object.ObjectType;
import dev.grove.object.RawObject;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * Writes a bundle (docs/PROTOCOL.md, "Bundles"): magic {@code GRVB}, version, a JSON header
 * with {@code "objects": N}, N framed objects, the end marker. The caller writes the objects
 * children first; {@link #finish} refuses a count other than the header's.
 */
final class BundleWriter {
  static final byte[] MAGIC = {'G', 'R', 'V', 'B'};
  static final int MAX_HEADER = 65536;

  private final OutputStream out;
  private final int expected;
  private int written;

  /** Writes the magic, version and {@code header}, which must hold {@code "objects"}. */
  BundleWriter(OutputStream out, Map<String, Object> header) throws IOException {
    this.out = out;
    this.expected = WireJson.smallInt(header.get("objects"));
    if (expected < 0) {
      throw new IllegalArgumentException("a bundle header needs 'objects'");
    }
    byte[] json = Json.writeUtf8(header);
    if (json.length > MAX_HEADER) {
      throw new IllegalArgumentException("bundle header too long");
    }
    out.write(MAGIC);
    out.write(Protocol.VERSION);
    writeInt(json.length);
    out.write(json);
  }

  void write(RawObject object) throws IOException {
    if (written == expected) {
      throw new IllegalStateException("more objects than the header's " + expected);
    }
    out.write(typeCode(object.type()));
    byte[] id = new byte[20];
    object.id().copyTo(id, 0);
    out.write(id);
    writeInt(object.size());
    out.write(object.payload());
    written++;
  }

  /** Writes the end marker and flushes. */
  void finish() throws IOException {
    if (written != expected) {
      throw new IllegalStateException("wrote " + written + " objects, the header says " + expected);
    }
    out.write(0);
    out.flush();
  }

  static int typeCode(ObjectType type) {
    return type == ObjectType.COMMIT ? 1 : type == ObjectType.TREE ? 2 : 3;
  }

  /** The type of a frame's type byte, or null for a byte that is no type. */
  static ObjectType typeOf(int code) {
    return code == 1 ? ObjectType.COMMIT : code == 2 ? ObjectType.TREE
        : code == 3 ? ObjectType.BLOB : null;
  }

  private void writeInt(int value) throws IOException {
    out.write(value >>> 24);
    out.write(value >>> 16);
    out.write(value >>> 8);
    out.write(value);
  }
}
