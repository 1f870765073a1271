package dev.grove.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.GroveException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokensTest {
  @TempDir
  Path data;

  @Test
  void storesOnlyHashesAndAuthenticatesByScope() throws Exception {
    Tokens tokens = Tokens.open(data);
    assertTrue(tokens.isEmpty());
    String write = tokens.add("laptop", Scope.WRITE);
    String read = tokens.add("phone", Scope.READ);
    assertTrue(write.startsWith("grove_") && write.length() > 40, write);
    assertFalse(tokens.isEmpty());
    assertEquals(Optional.of(Scope.WRITE), tokens.authenticate(write));
    assertEquals(Optional.of(Scope.READ), tokens.authenticate(read));
    assertEquals(Optional.empty(), tokens.authenticate(write + "x"));
    assertEquals(Optional.empty(), tokens.authenticate(""));
    assertEquals(Optional.empty(), tokens.authenticate(null));

    String file = Files.readString(data.resolve(".grove/tokens"), StandardCharsets.UTF_8);
    assertFalse(file.contains(write) || file.contains(read), "the file holds no token");
    assertFalse(file.contains(write.substring(6, 20)), "not even part of one");
    assertTrue(file.contains(" write laptop") && file.contains(" read phone"), file);
    assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
        Files.getPosixFilePermissions(data.resolve(".grove/tokens"))));
  }

  @Test
  void seesTokensAddedByAnotherProcessOrInstance() {
    Tokens serving = Tokens.open(data);
    assertTrue(serving.isEmpty());
    String added = Tokens.open(data).add("cli", Scope.READ); // as `grove token add` would, meanwhile
    assertEquals(Optional.of(Scope.READ), serving.authenticate(added));
    String second = Tokens.open(data).add("cli2", Scope.WRITE);
    assertEquals(Optional.of(Scope.WRITE), serving.authenticate(second));
    assertEquals(Optional.of(Scope.READ), serving.authenticate(added));
  }

  @Test
  void refusesBadAndDuplicateNames() {
    Tokens tokens = Tokens.open(data);
    tokens.add("ci", Scope.READ);
    assertEquals("token_exists", assertThrows(GroveException.class, () -> tokens.add("ci", Scope.WRITE)).code());
    assertEquals("invalid_token_name", assertThrows(GroveException.class, () -> tokens.add("a b", Scope.READ)).code());
    assertEquals("invalid_token_name", assertThrows(GroveException.class, () -> tokens.add("", Scope.READ)).code());
  }

  @Test
  void readsBearerAndBasicHeaders() {
    assertEquals(Optional.of("tok"), Access.tokenOf("Bearer tok"));
    assertEquals(Optional.of("tok"), Access.tokenOf("bearer  tok "));
    String basic = java.util.Base64.getEncoder().encodeToString("x:tok".getBytes(StandardCharsets.UTF_8));
    assertEquals(Optional.of("tok"), Access.tokenOf("Basic " + basic));
    assertEquals(Optional.empty(), Access.tokenOf("Basic !!!"));
    assertEquals(Optional.empty(), Access.tokenOf("Bearer"));
    assertEquals(Optional.empty(), Access.tokenOf(null));
  }
}
