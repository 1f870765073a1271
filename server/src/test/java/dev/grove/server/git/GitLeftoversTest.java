package dev.grove.server.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.backend.RefOutcome;
import dev.grove.backend.RefUpdate;
import dev.grove.backend.WriteBatch;
import dev.grove.hash.ObjectId;
import dev.grove.object.RawObject;
import dev.grove.server.storage.Durability;
import dev.grove.store.CommitInfo;
import dev.grove.store.Repository;
import dev.grove.store.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The temporary files of JGit writers killed mid-write ({@code objects/incoming_*.pack} and
 * {@code .idx}, {@code objects/noz*.tmp}), planted as such a writer leaves them: opening the
 * store and writing a pack remove those untouched for a day, and leave younger ones (a
 * live writer in another process may be using them) and files of other names alone.
 */
class GitLeftoversTest {
  private static final long OLD = GitLeftovers.MIN_AGE_MILLIS + 60_000;

  @TempDir
  Path tmp;

  @Test
  void openingRemovesOldTemporaryFilesOnly() throws Exception {
    Path dir = tmp.resolve("repo.git");
    ObjectId head = storeWithOneCommit(dir);
    Path objects = dir.resolve("objects");
    List<Path> old = List.of(plant(objects, "incoming_1234567.pack", OLD),
        plant(objects, "incoming_1234567.idx", OLD), plant(objects, "noz7654321.tmp", OLD));
    List<Path> kept = List.of(plant(objects, "incoming_999.pack", 0),
        plant(objects, "incoming_999.idx", 0), plant(objects, "noz888.tmp", 0),
        plant(objects, "tmp_obj_abcdef", OLD), plant(objects, "incoming_notes.txt", OLD));

    try (GitBackend backend = GitBackend.open(dir, Durability.FSYNC)) {
      for (Path file : old) {
        assertFalse(Files.exists(file), file + " is a day old: removed");
      }
      for (Path file : kept) {
        assertTrue(Files.exists(file), file + " is recent or not JGit's: kept");
      }
      Repository repo = Repository.open(backend);
      ObjectId next = repo.branch("main").set("b", "2", CommitInfo.message("after"));
      assertTrue(repo.isAncestor(head, next));
      assertTrue(Verifier.verify(repo).ok(), () -> Verifier.verify(repo).problems().toString());
    }
    for (Path file : kept) {
      Files.delete(file); // git fsck would report the planted garbage as such
    }
    assertEquals("", GitPackWriteTest.git(tmp, dir, "fsck", "--strict", "--no-dangling"));
  }

  @Test
  void writingAPackRemovesOldTemporaryFilesLeftSinceOpening() throws Exception {
    Path dir = tmp.resolve("repo.git");
    ObjectId head = storeWithOneCommit(dir);
    Path objects = dir.resolve("objects");
    try (GitBackend backend = GitBackend.open(dir, Durability.FSYNC)) {
      // Another process's writer, killed after this store was opened, long ago.
      Path oldPack = plant(objects, "incoming_42.pack", OLD);
      Path oldIndex = plant(objects, "incoming_42.idx", OLD);
      Path fresh = plant(objects, "incoming_43.pack", 0);
      List<RawObject> batch = GitPackWriteTest.history("big", 150, head);
      ObjectId commit = batch.get(batch.size() - 1).id();
      assertEquals(RefOutcome.UPDATED,
          backend.write(WriteBatch.of(batch, new RefUpdate("main", head, commit))).single());
      assertFalse(Files.exists(oldPack));
      assertFalse(Files.exists(oldIndex));
      assertTrue(Files.exists(fresh));
      Files.delete(fresh);
    }
    assertEquals("", GitPackWriteTest.git(tmp, dir, "fsck", "--strict", "--no-dangling"));
  }

  /** Nothing repacks; stock {@code git gc} on a store nothing writes combines the packs. */
  @Test
  void gitGcCombinesThePacksIntoOne() throws Exception {
    Path dir = tmp.resolve("repo.git");
    ObjectId head = storeWithOneCommit(dir);
    List<RawObject> all = new ArrayList<>();
    try (GitBackend backend = GitBackend.open(dir, Durability.FSYNC)) {
      for (int i = 0; i < 3; i++) {
        List<RawObject> batch = GitPackWriteTest.history("pull" + i, 150, head);
        ObjectId commit = batch.get(batch.size() - 1).id();
        backend.write(WriteBatch.of(batch, new RefUpdate("main", head, commit)));
        all.addAll(batch);
        head = commit;
      }
    }
    assertEquals(3, packs(dir));
    GitPackWriteTest.git(tmp, dir, "gc", "--quiet");
    assertEquals(1, packs(dir));
    try (GitBackend backend = GitBackend.open(dir, Durability.FSYNC)) {
      for (RawObject object : all) {
        assertEquals(object, backend.objects().read(object.id()).orElseThrow());
      }
      Repository repo = Repository.open(backend);
      assertEquals(head, repo.head("main"));
      repo.branch("main").set("after", "gc", CommitInfo.message("after gc"));
      assertTrue(Verifier.verify(repo).ok(), () -> Verifier.verify(repo).problems().toString());
    }
  }

  private static long packs(Path dir) throws Exception {
    try (var files = Files.list(dir.resolve("objects/pack"))) {
      return files.filter(file -> file.getFileName().toString().endsWith(".pack")).count();
    }
  }

  private static ObjectId storeWithOneCommit(Path dir) {
    try (GitBackend backend = GitBackend.init(dir, Durability.FSYNC)) {
      return Repository.open(backend).branch("main").set("a", "1", CommitInfo.message("before"));
    }
  }

  /** A file of a few bytes (the start of a pack), last modified {@code ageMillis} ago. */
  private static Path plant(Path objects, String name, long ageMillis) throws Exception {
    Path file = objects.resolve(name);
    Files.write(file, new byte[] {'P', 'A', 'C', 'K', 0, 0, 0, 2});
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - ageMillis));
    return file;
  }
}
