package dev.grove.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.grove.object.ObjectType;
import dev.grove.object.RawObject;
import dev.grove.path.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reading or writing one key of a large store touches only the objects on its path. */
class LazinessTest {
  private static final int KEYS = 20_000;

  private CountingBackend backend;

  @BeforeEach
  void fillStore() {
    backend = new CountingBackend();
    // 20,000 keys as 20 x 50 x 20: a/b/c, three levels of directories.
    Repository.open(backend).branch("main").transact(Strategy.SET, CommitInfo.message("fill"), d -> {
      for (int i = 0; i < KEYS; i++) {
        d.set(Path.of("d" + i % 20, "e" + (i / 20) % 50, "k" + i), bytes("v" + i));
      }
      return null;
    });
    backend.reset();
  }

  @Test
  void readingOneKeyReadsOnlyTheObjectsOnItsPath() {
    Repository fresh = Repository.open(backend);
    assertEquals("v12345", new String(fresh.branch("main").get("d5/e17/k12345"), StandardCharsets.UTF_8));
    // commit, root tree, d5, d5/e17, and the blob
    assertEquals(5, backend.reads.size(), "objects read: " + backend.reads);
    assertEquals(0, backend.written.size());
  }

  @Test
  void writingOneKeyWritesOnlyTheObjectsOnItsPath() {
    Repository fresh = Repository.open(backend);
    fresh.branch("main").set("d5/e17/k12345", bytes("changed"), CommitInfo.message("one"));
    List<ObjectType> types = backend.written.stream().map(RawObject::type).collect(Collectors.toList());
    // the new blob, the three trees on its path, the commit
    assertEquals(List.of(ObjectType.BLOB, ObjectType.TREE, ObjectType.TREE, ObjectType.TREE,
        ObjectType.COMMIT), types);
    // reading the head commit and the trees on the path, nothing else
    assertEquals(4, backend.reads.size(), "objects read: " + backend.reads);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
