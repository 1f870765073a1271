package dev.grove.object;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.grove.hash.ObjectId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link TreeScan} accepts exactly what {@link ObjectCodec#decodeTree} accepts, with its entries and errors. */
class TreeScanTest {
  private static final String[] NAMES = {"a", "a.b", "a-b", "a/b", "a0", "b", ".", "..", "...",
      "", "é", "e\u0301", "z", "\uD83C\uDF33", "A", "a b", "ab", "a\u007f"};
  private static final String[] MODES = {"100644", "100755", "40000", "120000", "160000",
      "040000", "644", "100664"};

  @Test
  void agreesWithDecodeTreeOnRandomAndMutatedTrees() {
    Random random = new Random(42);
    int accepted = 0;
    for (int round = 0; round < 20_000; round++) {
      byte[] payload = randomTree(random);
      if (round % 3 == 0 && payload.length > 0) {
        payload[random.nextInt(payload.length)] = (byte) random.nextInt(256);
      }
      if (round % 7 == 0 && payload.length > 1) {
        byte[] cut = new byte[random.nextInt(payload.length)];
        System.arraycopy(payload, 0, cut, 0, cut.length);
        payload = cut;
      }
      if (agree(RawObject.of(ObjectType.TREE, payload))) {
        accepted++;
      }
    }
    // Both outcomes were tried many times.
    assertEquals(true, accepted > 2_000 && accepted < 18_000, "accepted " + accepted);
  }

  @Test
  void rejectsAValueAndASubtreeOfOneNameWithSomethingBetween() {
    ObjectId id = RawObject.idOf(ObjectType.BLOB, new byte[0]);
    RawObject tree = RawObject.of(ObjectType.TREE, entries(
        "100644 a", id, "100644 a-b", id, "100644 a.c", id, "40000 a", id));
    MalformedObjectException e = assertThrows(MalformedObjectException.class,
        () -> TreeScan.entries(tree, (i, m, x) -> { }));
    assertEquals(message(tree), e.getMessage());
  }

  @Test
  void aBlobIsNoTree() {
    RawObject blob = RawObject.of(ObjectType.BLOB, new byte[0]);
    assertThrows(MalformedObjectException.class, () -> TreeScan.entries(blob, (i, m, x) -> { }));
  }

  /** Whether both accept (with the same entries) or both reject (with the same message). */
  private static boolean agree(RawObject tree) {
    List<TreeEntry> decoded;
    try {
      decoded = ObjectCodec.decodeTree(tree).entries();
    } catch (MalformedObjectException e) {
      MalformedObjectException scanned = assertThrows(MalformedObjectException.class,
          () -> TreeScan.entries(tree, (i, m, x) -> { }), "decodeTree rejects: " + e.getMessage());
      assertEquals(e.getMessage(), scanned.getMessage());
      return false;
    }
    assertEquals(true, TreeScan.bytesAccept(tree), "the checks on bytes accept it too");
    List<TreeEntry> scanned = new ArrayList<>();
    TreeScan.entries(tree, (i, mode, id) -> {
      assertEquals(scanned.size(), i);
      scanned.add(new TreeEntry(mode, decoded.get(i).name(), id));
    });
    assertEquals(decoded, scanned);
    return true;
  }

  private static String message(RawObject tree) {
    try {
      ObjectCodec.decodeTree(tree);
      return null;
    } catch (MalformedObjectException e) {
      return e.getMessage();
    }
  }

  /** 0 to 5 entries of random names and modes, sorted by Git's order most of the time. */
  private static byte[] randomTree(Random random) {
    int n = random.nextInt(6);
    List<String[]> entries = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String mode = random.nextInt(5) == 0 ? MODES[random.nextInt(MODES.length)]
          : random.nextBoolean() ? "100644" : "40000";
      entries.add(new String[] {mode, NAMES[random.nextInt(NAMES.length)]});
    }
    if (random.nextInt(4) != 0) {
      entries.sort((a, b) -> compareGit(a, b));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String[] entry : entries) {
      byte[] id = new byte[20];
      random.nextBytes(id);
      byte[] head = (entry[0] + " " + entry[1] + "\0").getBytes(StandardCharsets.UTF_8);
      out.write(head, 0, head.length);
      out.write(id, 0, 20);
    }
    return out.toByteArray();
  }

  private static int compareGit(String[] a, String[] b) {
    String x = a[1] + (a[0].equals("40000") ? "/" : "");
    String y = b[1] + (b[0].equals("40000") ? "/" : "");
    byte[] bx = x.getBytes(StandardCharsets.UTF_8);
    byte[] by = y.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < Math.min(bx.length, by.length); i++) {
      if (bx[i] != by[i]) {
        return (bx[i] & 0xFF) - (by[i] & 0xFF);
      }
    }
    return bx.length - by.length;
  }

  private static byte[] entries(Object... modeNameId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < modeNameId.length; i += 2) {
      byte[] head = (modeNameId[i] + "\0").getBytes(StandardCharsets.UTF_8);
      out.write(head, 0, head.length);
      out.write(((ObjectId) modeNameId[i + 1]).toBytes(), 0, 20);
    }
    return out.toByteArray();
  }
}
