package dev.grove.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ShellWordsTest {

  @Test
  void aWordIsQuotedOnlyWhenTheShellWouldSplitOrExpandIt() {
    assertEquals("/srv/grove-data", ShellWords.quote("/srv/grove-data"));
    assertEquals("'/home/ada/my data'", ShellWords.quote("/home/ada/my data"));
    assertEquals("'/tmp/it'\\''s'", ShellWords.quote("/tmp/it's"));
    assertEquals("'$HOME'", ShellWords.quote("$HOME"));
  }
}
