package dev.grove.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The progress line's decision: standard error alone, whatever standard input and output are. */
class StderrTerminalTest extends SyncCliTestBase {

  @Test
  void thePropertyDecidesElseTheLinkOfFileDescriptorTwoElseTheConsole() throws Exception {
    Path pts = Files.createSymbolicLink(dir.resolve("pts"), Path.of("/dev/pts/3"));
    Path tty = Files.createSymbolicLink(dir.resolve("tty"), Path.of("/dev/tty1"));
    Path pipe = Files.createSymbolicLink(dir.resolve("pipe"), Path.of("pipe:[4242]"));
    Path absent = dir.resolve("absent");
    assertTrue(StderrTerminal.decide(null, pts, false), "a pseudo-terminal, without a console");
    assertTrue(StderrTerminal.decide(null, tty, false));
    assertFalse(StderrTerminal.decide(null, pipe, true), "a pipe, with a console");
    assertTrue(StderrTerminal.decide(null, absent, true), "no /proc: the console");
    assertFalse(StderrTerminal.decide(null, absent, false));
    assertTrue(StderrTerminal.decide("true", pipe, false), "the property first");
    assertFalse(StderrTerminal.decide("false", pts, true));
    assertFalse(StderrTerminal.decide("maybe", pipe, true), "a property that is not a boolean is ignored");
    for (Path link : new Path[] {pts, tty, pipe}) {
      Files.delete(link);
    }
  }

  /** A clone in a child JVM told (as ./grove tells it) that standard error is a terminal: its output piped. */
  @Test
  void aCloneDrawsItsProgressLineWhenStandardErrorIsATerminalWhateverStandardOutputIs() throws Exception {
    serve("git");
    published("git", "k", "v");
    Path errFile = dir.resolve("stderr");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-D" + StderrTerminal.PROPERTY + "=true", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
        "clone", url(), dir.resolve("clone").toString(), "--token", token())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectError(errFile.toFile())
        .start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the child finished");
    String err = Files.readString(errFile, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), err);
    assertTrue(out.startsWith("cloned "), out);
    assertTrue(err.contains("\rReceiving objects: 100% (3/3), done.\n"), err);
  }
}
