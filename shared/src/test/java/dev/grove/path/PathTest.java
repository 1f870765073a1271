package dev.grove.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathTest {

  @Test
  void parsesSegments() {
    Path path = Path.parse("a/b/c");
    assertEquals(List.of("a", "b", "c"), path.segments());
    assertEquals("c", path.name());
    assertEquals(Path.parse("a/b"), path.parent());
    assertEquals("a/b/c", path.toString());
    assertTrue(path.startsWith(Path.parse("a")));
    assertTrue(path.startsWith(Path.ROOT));
    assertFalse(Path.parse("ab").startsWith(Path.parse("a")));
    assertTrue(Path.parse("").isRoot());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/a", "a/", "a//b", ".", "..", "a/./b", "a/../b", "a\u0000b", "\ud800"})
  void rejectsInvalidPaths(String text) {
    InvalidPathException e = assertThrows(InvalidPathException.class, () -> Path.parse(text));
    assertEquals("invalid_path", e.code());
  }

  @Test
  void ordersByUtf8BytesSegmentBySegment() {
    List<Path> paths = new ArrayList<>(List.of(Path.parse("\ud83d\ude00"), Path.parse("\uff5e"),
        Path.parse("a/b"), Path.parse("a"), Path.parse("a-b"), Path.parse("\u00e9")));
    paths.sort(null);
    assertEquals(List.of(Path.parse("a"), Path.parse("a/b"), Path.parse("a-b"),
        Path.parse("\u00e9"), Path.parse("\uff5e"), Path.parse("\ud83d\ude00")), paths);
  }
}
