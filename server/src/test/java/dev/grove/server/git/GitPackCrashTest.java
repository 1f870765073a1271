package dev.grove.server.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.backend.RefUpdate;
import dev.grove.backend.WriteBatch;
import dev.grove.hash.ObjectId;
import dev.grove.object.RawObject;
import dev.grove.server.storage.Durability;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills (SIGKILL) a JVM that writes big batches, each one pack, into a git store, at random
 * moments; after every kill each acknowledged commit must still be readable, the branch must
 * point to a commit whose objects are all there ({@code git fsck --strict} clean), and the next
 * writer must carry on. The number of kills is {@code grove.crash.kills} (default 4).
 */
class GitPackCrashTest {
  private static final int KILLS = Integer.getInteger("grove.crash.kills", 4);

  @TempDir
  Path tmp;

  @Test
  void killedPackWritersLoseNothingAcknowledged() throws Exception {
    Path dir = tmp.resolve("repo.git");
    GitBackend.init(dir, Durability.FSYNC).close();
    Random random = new Random(42);
    List<ObjectId> acked = new ArrayList<>();
    for (int run = 0; run < KILLS; run++) {
      Path out = tmp.resolve("child-" + run + ".out");
      Process child = start(dir, "run" + run, out);
      try {
        waitForFirstAck(child, out);
        Thread.sleep(random.nextInt(400));
      } finally {
        child.destroyForcibly(); // SIGKILL on Linux
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
      }
      acked.addAll(acks(out));
      assertEquals("", GitPackWriteTest.git(tmp, dir, "fsck", "--strict", "--no-dangling"),
          "after kill " + run);
    }
    assertTrue(acked.size() >= KILLS, "acknowledged: " + acked.size());
    try (GitBackend backend = GitBackend.open(dir, Durability.FSYNC)) {
      for (ObjectId commit : acked) {
        assertTrue(backend.objects().read(commit).isPresent(), "lost " + commit.hex());
      }
      ObjectId head = backend.readRef("main").orElseThrow();
      List<RawObject> next = GitPackWriteTest.history("after", 150, head);
      ObjectId commit = next.get(next.size() - 1).id();
      assertTrue(backend.write(WriteBatch.of(next, new RefUpdate("main", head, commit)))
          .succeeded());
    }
    assertEquals("", GitPackWriteTest.git(tmp, dir, "fsck", "--strict", "--no-dangling"));
    List<Path> left = temporaryFiles(dir);
    System.out.printf("[pack crash GIT] %d kills, %d commits acknowledged, %d temporary files"
        + " left by killed writers%n", KILLS, acked.size(), left.size());
    // Ten minutes later, the next open removes whatever the killed writers left.
    for (Path file : left) {
      Files.setLastModifiedTime(file, FileTime.fromMillis(
          System.currentTimeMillis() - GitLeftovers.MIN_AGE_MILLIS - 60_000));
    }
    GitBackend.open(dir, Durability.FSYNC).close();
    assertEquals(List.of(), temporaryFiles(dir));
    assertEquals("", GitPackWriteTest.git(tmp, dir, "fsck", "--strict", "--no-dangling"));
  }

  /** JGit's temporary files in {@code objects/} (see {@link GitLeftovers}). */
  private static List<Path> temporaryFiles(Path dir) throws Exception {
    try (var files = Files.list(dir.resolve("objects"))) {
      return files.filter(GitLeftovers::isTemporary).collect(Collectors.toList());
    }
  }

  private static Process start(Path dir, String run, Path out) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        GitPackCrashChild.class.getName(), dir.toString(), run)
        .redirectOutput(out.toFile())
        .redirectError(ProcessBuilder.Redirect.appendTo(out.resolveSibling(out + ".err").toFile()))
        .start();
  }

  private static void waitForFirstAck(Process child, Path out) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (acks(out).isEmpty()) {
      assertTrue(child.isAlive(), "the child died: " + Files.readString(
          out.resolveSibling(out + ".err")));
      assertTrue(System.nanoTime() < deadline, "no write acknowledged in 60 s");
      Thread.sleep(20);
    }
  }

  /** The commits acknowledged in {@code out}; a line cut short by the kill is not counted. */
  private static List<ObjectId> acks(Path out) throws Exception {
    List<ObjectId> acks = new ArrayList<>();
    String text = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : "";
    int start = 0;
    for (int end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
      String line = text.substring(start, end);
      if (line.startsWith("ACK ") && line.length() == 44) {
        acks.add(ObjectId.fromHex(line.substring(4)));
      }
      start = end + 1;
    }
    return acks;
  }
}
