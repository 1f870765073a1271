package dev.grove.server.http;

import dev.grove.hash.ObjectId;
import dev.grove.json.Json;
import dev.grove.object.ObjectType;
import dev.grove.object.RawObject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made push bodies (docs/PROTOCOL.md "Bundles"), good and bad, for tests of the wire. */
final class Bundles {
  private Bundles() {}

  /** A frame as sent: a type, the id claimed for the payload, the payload. */
  record Frame(ObjectType type, ObjectId id, byte[] payload) {
    static Frame of(RawObject object) {
      return new Frame(object.type(), object.id(), object.payload());
    }
  }

  static Map<String, Object> pushHeader(String branch, ObjectId expected, ObjectId head, int objects) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("protocol", 1);
    header.put("branch", branch);
    header.put("expected", expected == null ? Json.NULL : expected.hex());
    header.put("head", head.hex());
    header.put("force", false);
    header.put("objects", objects);
    return header;
  }

  static byte[] push(Map<String, Object> header, List<Frame> frames) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("GRVB".getBytes(StandardCharsets.US_ASCII));
    out.write(1);
    byte[] json = Json.writeUtf8(header);
    writeInt(out, json.length);
    out.writeBytes(json);
    for (Frame frame : frames) {
      out.write(frame.type() == ObjectType.COMMIT ? 1 : frame.type() == ObjectType.TREE ? 2 : 3);
      out.writeBytes(frame.id().toBytes());
      writeInt(out, frame.payload().length);
      out.writeBytes(frame.payload());
    }
    out.write(0);
    return out.toByteArray();
  }

  static RawObject blob(byte[] content) {
    return RawObject.of(ObjectType.BLOB, content);
  }

  /** A tree of one blob entry, named {@code name} (which may be invalid on purpose). */
  static RawObject tree(String name, ObjectId blob) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("100644 " + name).getBytes(StandardCharsets.UTF_8));
    out.write(0);
    out.writeBytes(blob.toBytes());
    return RawObject.of(ObjectType.TREE, out.toByteArray());
  }

  static RawObject commit(ObjectId tree, ObjectId parentOrNull, String message) {
    String text = "tree " + tree.hex() + "\n"
        + (parentOrNull == null ? "" : "parent " + parentOrNull.hex() + "\n")
        + "author Test <test@example.com> 1700000000 +0000\n"
        + "committer Test <test@example.com> 1700000000 +0000\n\n" + message + "\n";
    return RawObject.of(ObjectType.COMMIT, text.getBytes(StandardCharsets.UTF_8));
  }

  private static void writeInt(ByteArrayOutputStream out, int value) {
    out.write(value >>> 24);
    out.write(value >>> 16);
    out.write(value >>> 8);
    out.write(value);
  }
}
