package dev.grove.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Where the token comes from: --token first, then GROVE_TOKEN (the real variable: SyncCommandsTest). */
class TokenOptionTest {
  @Test
  void theOptionWinsOverTheEnvironment() {
    assertEquals("opt", TokenOption.resolve("opt", "env"));
    assertEquals("env", TokenOption.resolve(null, "env"));
    assertNull(TokenOption.resolve(null, null));
    assertNull(TokenOption.resolve(null, ""), "an empty variable is no token");
  }
}
