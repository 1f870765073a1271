package dev.grove.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A clone that fails, runs out of memory or is stopped leaves nothing behind it created. */
class CloneCleanupTest extends CliTestBase {

  @Test
  void aFailedCloneRemovesTheParentDirectoriesItMadeAndEmptiesAnEmptyTarget() throws IOException {
    String unreachable = "http://127.0.0.1:" + freePort() + "/repos/x";
    grove("clone", unreachable, dir.resolve("nope/deep/x").toString()).fails(1, "cannot reach");
    assertFalse(Files.exists(dir.resolve("nope")), "no parent directory left");

    Path empty = Files.createDirectories(dir.resolve("empty"));
    grove("clone", unreachable, empty.toString()).fails(1, "cannot reach");
    assertTrue(Files.isDirectory(empty), "a directory that was there stays");
    assertEquals(List.of(), entries(empty), "and is empty again");
  }

  @Test
  void removeAllKeepsWhatWasThereOrGainedOtherEntriesAndCompletedKeepsEverything() throws IOException {
    Path target = dir.resolve("a/b/c");
    CloneCleanup cleanup = CloneCleanup.arm(target);
    Files.createDirectories(target.resolve("objects"));
    Files.writeString(target.resolve("objects/x"), "x");
    Files.writeString(dir.resolve("a/other"), "not the clone's");
    cleanup.removeAll();
    cleanup.removeAll();
    assertEquals(List.of(dir.resolve("a/other")), entries(dir.resolve("a")), "b is gone, a kept its other entry");

    Path kept = dir.resolve("kept/store");
    CloneCleanup done = CloneCleanup.arm(kept);
    Files.createDirectories(kept);
    done.completed();
    done.removeAll();
    assertTrue(Files.isDirectory(kept), "a completed clone stays");
  }

  @Test
  void anErrorIsOneClearLine() {
    String line = CloneCommand.failure("http://h/repos/x", dir.resolve("x"), new OutOfMemoryError("Java heap space"));
    assertEquals("cannot clone http://h/repos/x: the JVM ran out of memory (give it more with GROVE_JAVA_OPTS=-Xmx2g,"
        + " say); what the clone had written in " + dir.resolve("x") + " was removed", line);
  }

  /**
   * A clone in a child JVM, stopped by SIGTERM while it waits for a server that accepted its
   * connection and never answers (so the store and its parent directories are made by then).
   */
  @Test
  void aCloneStoppedBySigtermLeavesNothingBehind() throws Exception {
    Path target = dir.resolve("made/for/clone");
    Path errFile = dir.resolve("stderr");
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Process process = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
          "-cp", System.getProperty("java.class.path"), Main.class.getName(),
          "clone", "http://127.0.0.1:" + silent.getLocalPort() + "/repos/x", target.toString())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(errFile.toFile())
          .start();
      try (Socket connection = silent.accept()) {
        assertTrue(Files.isDirectory(target), "the clone made its store before asking the server");
        process.destroy();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the child stopped");
      } finally {
        process.destroyForcibly();
      }
      String err = Files.readString(errFile, StandardCharsets.UTF_8);
      assertEquals("", err);
      assertFalse(Files.exists(dir.resolve("made")), "nothing left: " + err);
    }
  }

  private static List<Path> entries(Path directory) throws IOException {
    try (Stream<Path> list = Files.list(directory)) {
      return list.sorted().toList();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
