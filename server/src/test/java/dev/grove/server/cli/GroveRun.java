package dev.grove.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * One run of the command line in this JVM, through picocli's {@code CommandLine.execute}, with
 * captured standard output (bytes) and standard error.
 *
 * @param exit the exit status
 * @param stdout what went to standard output
 * @param err what went to standard error, as text
 */
record GroveRun(int exit, byte[] stdout, String err) {

  /** Runs {@code grove ARGS} in {@code workingDir} with {@code stdin} as standard input. */
  static GroveRun run(Path workingDir, byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(args, new ByteArrayInputStream(stdin), out, err, workingDir);
    return new GroveRun(exit, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }

  /** Standard output as UTF-8 text. */
  String out() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  /** Standard output's lines. */
  List<String> lines() {
    return out().lines().toList();
  }

  /** Asserts exit status 0 and nothing on standard error; returns this. */
  GroveRun ok() {
    assertEquals("", err, "standard error");
    assertEquals(0, exit, "exit status; stdout: " + out());
    return this;
  }

  /**
   * Asserts that the run failed with {@code status} and one line {@code grove: …} on standard
   * error (two for usage errors, the second pointing to --help) containing {@code fragment}.
   */
  GroveRun fails(int status, String fragment) {
    assertEquals(status, exit, "exit status; stderr: " + err);
    List<String> errLines = err.lines().toList();
    assertTrue(errLines.get(0).startsWith("grove: "), "first line starts with 'grove: ': " + err);
    assertTrue(errLines.get(0).contains(fragment), "'" + fragment + "' in: " + err);
    if (status == ExitCodes.USAGE) {
      assertEquals(2, errLines.size(), "a usage error is two lines: " + err);
      assertTrue(errLines.get(1).matches("Try 'grove( [a-z]+)* --help' for more information\\."), err);
    } else {
      assertEquals(1, errLines.size(), "one line on stderr: " + err);
    }
    assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
    return this;
  }
}
