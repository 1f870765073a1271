package dev.grove.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.backend.BackendException;
import dev.grove.server.storage.Stores;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    CloneCleanup cleanup = CloneCleanup.prepare(target);
    Stores.init(cleanup.target(), Stores.Kind.FS);
    cleanup.storeCreated();
    Files.writeString(dir.resolve("a/other"), "not the clone's");
    cleanup.removeAll();
    cleanup.removeAll();
    assertEquals(List.of(dir.resolve("a/other")), entries(dir.resolve("a")), "b is gone, a kept its other entry");

    Path kept = dir.resolve("kept/store");
    CloneCleanup done = CloneCleanup.prepare(kept);
    Stores.init(done.target(), Stores.Kind.FS);
    done.storeCreated();
    done.completed();
    done.removeAll();
    assertTrue(Files.isDirectory(kept), "a completed clone stays");
  }

  @Test
  void aDanglingLinkOnTheWayIsNeitherFollowedNorDeleted() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("dl"), dir.resolve("nonexistent-target"));
    grove("clone", "http://127.0.0.1:" + freePort() + "/repos/x", "dl/x").fails(1, "symbolic link to nothing");
    assertTrue(Files.isSymbolicLink(link), "the link stays");
    assertFalse(Files.exists(dir.resolve("nonexistent-target")), "nothing made through it");
  }

  @Test
  void aTargetThatIsALinkIsRefusedAndItsDirectoryUntouched() throws IOException {
    Path real = Files.createDirectories(dir.resolve("real"));
    Path link = Files.createSymbolicLink(dir.resolve("link"), real);
    grove("clone", "http://127.0.0.1:" + freePort() + "/repos/x", "link").fails(1,
        "cannot clone into " + link + ": it is a symbolic link; clone into the directory it points to instead");
    assertTrue(Files.isSymbolicLink(link));
    assertEquals(List.of(), entries(real));
  }

  @Test
  void aLinkedParentIsKeptAndTheCloneMadeInItsRealDirectoryIsRemoved() throws IOException {
    Path real = Files.createDirectories(dir.resolve("real"));
    Files.createSymbolicLink(dir.resolve("via"), real);
    grove("clone", "http://127.0.0.1:" + freePort() + "/repos/x", "via/new/x").fails(1, "cannot reach");
    assertTrue(Files.isSymbolicLink(dir.resolve("via")), "the link stays");
    assertEquals(List.of(), entries(real), "what the clone made in the linked directory is gone");
  }

  /**
   * Another clone into the same new directory created its store between this clone's making of
   * the directory and its init: init fails with a typed error and the other's store stays whole.
   */
  @Test
  void aCloneWhoseInitLosesToAnotherLeavesTheOthersStoreAlone() throws IOException {
    for (Stores.Kind kind : Stores.Kind.values()) {
      Path target = dir.resolve("race-" + kind.label() + "/x");
      CloneCleanup mine = CloneCleanup.prepare(target);
      Stores.init(target, kind).close();
      BackendException lost = assertThrows(BackendException.class, () -> Stores.init(mine.target(), kind));
      assertEquals("store_exists", lost.code());
      mine.removeAll();
      Stores.open(target).close();
      in(target, "fsck").ok();
    }
  }

  /** Clones racing into one new directory: each loser fails typed and removes nothing of the winner's. */
  @Test
  void racingInitsIntoOneNewDirectoryFailTypedAndTheWinnersStoreStays() throws Exception {
    for (int round = 0; round < 10; round++) {
      Path target = dir.resolve("racing-" + round + "/x");
      int racers = 4;
      CyclicBarrier start = new CyclicBarrier(racers);
      ExecutorService pool = Executors.newFixedThreadPool(racers);
      try {
        List<Future<String>> outcomes = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
          outcomes.add(pool.submit(() -> {
            start.await();
            CloneCleanup cleanup;
            try {
              cleanup = CloneCleanup.prepare(target);
            } catch (CommandException e) {
              return "refused";
            }
            try {
              Stores.init(cleanup.target(), Stores.Kind.GIT).close();
              cleanup.storeCreated();
              cleanup.completed();
              return "won";
            } catch (BackendException e) {
              cleanup.removeAll();
              return e.code() + ": " + e.getMessage();
            }
          }));
        }
        List<String> results = new ArrayList<>();
        for (Future<String> outcome : outcomes) {
          results.add(outcome.get(30, TimeUnit.SECONDS));
        }
        assertTrue(results.contains("won"), results.toString());
        for (String result : results) {
          assertTrue(result.equals("won") || result.equals("refused") || result.startsWith("store_exists: "), results.toString());
        }
        Stores.open(target).close();
        in(target, "fsck").ok();
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aPasswordWithASlashNeverShowsAndNothingIsMade() {
    GroveRun run = grove("clone", "http://me:se/cret@h:7070/repos/x", "zz").fails(1, "http://***@h:7070/repos/x");
    assertFalse(run.err().contains("cret"), run.err());
    assertFalse(Files.exists(dir.resolve("zz")));
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
      silent.setSoTimeout(60_000); // a child that dies before connecting fails the test, not hangs it
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
