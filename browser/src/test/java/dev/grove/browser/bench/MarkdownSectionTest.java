package dev.grove.browser.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MarkdownSectionTest {
  private static final String DOC = "# Title\n\nbefore\n<!-- peers:begin -->\nold table\nold line\n"
      + "<!-- peers:end -->\nafter\n";

  @Test
  void replacesOnlyBetweenTheMarkers() {
    assertEquals("# Title\n\nbefore\n<!-- peers:begin -->\nnew\n<!-- peers:end -->\nafter\n",
        MarkdownSection.replace(DOC, "peers", "new\n"));
  }

  @Test
  void addsTheFinalNewlineAndKeepsAnEmptySectionEmpty() {
    assertEquals(MarkdownSection.replace(DOC, "peers", "new\n"), MarkdownSection.replace(DOC, "peers", "new"));
    assertEquals("# Title\n\nbefore\n<!-- peers:begin -->\n<!-- peers:end -->\nafter\n",
        MarkdownSection.replace(DOC, "peers", ""));
  }

  @Test
  void replacingTwiceGivesTheSameDocument() {
    String once = MarkdownSection.replace(DOC, "peers", "| a | b |\n");
    assertEquals(once, MarkdownSection.replace(once, "peers", "| a | b |\n"));
  }

  @Test
  void refusesMissingRepeatedOrMisplacedMarkers() {
    assertThrows(IllegalArgumentException.class, () -> MarkdownSection.replace("# no markers\n", "peers", "x"));
    assertThrows(IllegalArgumentException.class, () -> MarkdownSection.replace(DOC, "other", "x"));
    assertThrows(IllegalArgumentException.class,
        () -> MarkdownSection.replace(DOC + "<!-- peers:end -->\n", "peers", "x"));
    assertThrows(IllegalArgumentException.class,
        () -> MarkdownSection.replace("<!-- peers:end -->\n<!-- peers:begin -->\n", "peers", "x"));
    assertThrows(IllegalArgumentException.class,
        () -> MarkdownSection.replace("<!-- peers:begin -->\ntext <!-- peers:end -->\n", "peers", "x"));
  }
}
