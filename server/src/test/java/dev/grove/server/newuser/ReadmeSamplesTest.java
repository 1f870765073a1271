package dev.grove.server.newuser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.server.newuser.ReadmeSamples.Block;
import dev.grove.server.newuser.ReadmeSamples.Command;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The transcript format the README's shell samples are checked in. */
class ReadmeSamplesTest {
  @Test
  void splitsBlocksIntoCommandsProseAndWhatTheyPrint() {
    List<Block> blocks = ReadmeSamples.blocks("text\n```console\n# prose\n$ a\none\n\ntwo\n# more prose\n$ b\n```\n```js\nx\n```\n");
    assertEquals(List.of("console", "js"), blocks.stream().map(Block::language).toList());
    assertEquals(List.of(new Command("a", List.of("one", "two"), 4), new Command("b", List.of(), 9)),
        ReadmeSamples.commands(blocks.get(0)));
  }

  @Test
  void idsAndEllipsesMatchWhatDiffersAndNothingElse() {
    assertTrue(ReadmeSamples.matches(List.of("[main 137a4db] first"), List.of("[main 9f00e12] first")));
    assertFalse(ReadmeSamples.matches(List.of("[main 137a4db] first"), List.of("[main 9f00e12] first note")));
    assertTrue(ReadmeSamples.matches(List.of("created in /tmp/…/notes"), List.of("created in /tmp/tmp.x1/notes")));
    assertFalse(ReadmeSamples.matches(List.of("created in /tmp/…/notes"), List.of("created in /tmp/x/other")));
    assertTrue(ReadmeSamples.matches(List.of("…", "total: … passed"), List.of("a", "b", "total: 3 passed")));
    assertTrue(ReadmeSamples.matches(List.of("…", "total: … passed"), List.of("total: 3 passed")));
    assertFalse(ReadmeSamples.matches(List.of("one"), List.of("one", "two")), "nothing more than shown");
    assertFalse(ReadmeSamples.matches(List.of(), List.of("an error")), "a silent command prints nothing");
    assertFalse(ReadmeSamples.matches(List.of("a.c"), List.of("abc")), "no regular expressions");
  }

  @Test
  void aBlockNeverClosedIsAnError() {
    AssertionError error = assertThrows(AssertionError.class,
        () -> ReadmeSamples.blocks("```console\n$ a\n"));
    assertTrue(error.getMessage().contains("line 1"), error.getMessage());
  }
}
