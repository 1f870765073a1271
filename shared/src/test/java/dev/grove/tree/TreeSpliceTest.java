package dev.grove.tree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.grove.backend.memory.MemoryBackend;
import dev.grove.hash.ObjectId;
import dev.grove.object.EntryMode;
import dev.grove.object.ObjectCodec;
import dev.grove.object.RawObject;
import dev.grove.object.TreeEntry;
import dev.grove.object.TreeObject;
import dev.grove.object.TreeSplice;
import dev.grove.path.Path;
import dev.grove.store.CommitInfo;
import dev.grove.store.Repository;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A tree edited from another is encoded by splicing the other's bytes ({@link TreeSplice}): the
 * result must be byte for byte the encoding of the same entries from scratch, whatever the edits
 * (names that sort differently as a value and as a subtree, a value turned into a subtree,
 * names beyond ASCII, removals of everything but one entry).
 */
class TreeSpliceTest {
  private static final String[] NAMES = {"a", "a.b", "a-b", "a0", "ab", "b", "é", "日本", "😀",
      "z", "a b", "k00001", "k00002", "k10000", "\u007f", "\uE000", "x.y.z"};

  /** The tree's id and bytes, encoded from scratch (no splice). */
  private static RawObject fresh(Tree tree) {
    return ObjectCodec.encodeTree(TreeObject.of(entriesOf(tree)));
  }

  private static List<TreeEntry> entriesOf(Tree tree) {
    return tree.entries().entrySet().stream()
        .map(e -> new TreeEntry(e.getValue() instanceof Tree ? EntryMode.TREE
            : ((Leaf) e.getValue()).mode(), e.getKey(), e.getValue().id()))
        .toList();
  }

  @Test
  void randomEditsEncodeAsFromScratch() {
    Random random = new Random(42);
    for (int round = 0; round < 300; round++) {
      Repository repo = Repository.open(new MemoryBackend());
      Map<String, Object> start = new LinkedHashMap<>();
      for (int i = 0; i < 40; i++) {
        String name = NAMES[random.nextInt(NAMES.length)] + (random.nextBoolean() ? "" : i);
        start.put(random.nextInt(4) == 0 ? name + "/inner" : name, "v" + i);
      }
      for (Map.Entry<String, Object> e : start.entrySet()) {
        repo.branch("main").set(e.getKey(), e.getValue().toString(), CommitInfo.message("s"));
      }
      // Edits on a stored tree (whose bytes the loader keeps), then on an edited one.
      Tree tree = repo.branch("main").tree();
      for (int step = 0; step < 3; step++) {
        TreeEditor editor = new TreeEditor(tree);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
          String name = NAMES[random.nextInt(NAMES.length)]
              + (random.nextBoolean() ? "" : Integer.toString(random.nextInt(40)));
          switch (random.nextInt(3)) {
            case 0 -> editor.put(Path.parse(name), null);
            case 1 -> editor.put(Path.parse(name + "/inner"),
                Leaf.of(("t" + round).getBytes(StandardCharsets.UTF_8)));
            default -> editor.put(Path.parse(name),
                Leaf.of(("v" + round + step).getBytes(StandardCharsets.UTF_8)));
          }
        }
        Tree edited = editor.build();
        RawObject expected = fresh(edited);
        assertEquals(expected.id(), edited.id(), "round " + round + " step " + step);
        Map<ObjectId, RawObject> objects = new LinkedHashMap<>();
        edited.collectNewObjects(new ObjectLoader(new MemoryBackend()), objects);
        assertArrayEquals(expected.payload(), objects.get(expected.id()).payload());
        tree = edited;
      }
    }
  }

  @Test
  void aRemovedEntryThatIsNotThereGivesNull() {
    RawObject base = ObjectCodec.encodeTree(TreeObject.of(List.of(
        new TreeEntry(EntryMode.FILE, "a", ObjectId.fromHex("1".repeat(40))))));
    assertNull(TreeSplice.splice(base.payload(),
        List.of(new TreeEntry(EntryMode.TREE, "a", ObjectId.fromHex("1".repeat(40)))), List.of()));
  }
}
