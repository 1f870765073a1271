package dev.grove.server.git;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.backend.RefOutcome;
import dev.grove.backend.RefUpdate;
import dev.grove.backend.WriteBatch;
import dev.grove.hash.ObjectId;
import dev.grove.object.ObjectType;
import dev.grove.object.RawObject;
import dev.grove.server.storage.Durability;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Big batches land in the git backend as one pack with its index; small ones stay loose. */
class GitPackWriteTest {
  private static final int FILES = 150; // with its tree and commit, over the pack threshold

  @TempDir
  Path tmp;

  @Test
  void bigBatchIsOnePackReadableAtOnceAndFsckClean() throws Exception {
    Path dir = tmp.resolve("repo.git");
    List<RawObject> objects = history("big", FILES);
    RawObject commit = objects.get(objects.size() - 1);
    try (GitBackend backend = GitBackend.init(dir, Durability.FSYNC)) {
      WriteBatch batch = WriteBatch.of(objects,
          new RefUpdate("main", ObjectId.NONE, commit.id()));
      assertEquals(RefOutcome.CREATED, backend.write(batch).single());

      assertEquals(List.of(".idx", ".pack"), packFileKinds(dir));
      assertEquals(List.of(), looseObjects(dir));
      assertEquals(List.of(), temporaryPacks(dir));
      for (RawObject object : objects) {
        assertEquals(object, backend.objects().read(object.id()).orElseThrow());
      }
      assertReadableByFreshJgit(dir, objects);
      assertEquals("", git(tmp, dir, "fsck", "--strict", "--no-dangling"));

      // the same batch again: nothing new is written, and the ref update still works
      WriteBatch again = WriteBatch.of(objects, new RefUpdate("copy", ObjectId.NONE, commit.id()));
      assertEquals(RefOutcome.CREATED, backend.write(again).single());
      assertEquals(List.of(".idx", ".pack"), packFileKinds(dir));
      assertEquals(List.of(), looseObjects(dir));
      assertEquals("", git(tmp, dir, "fsck", "--strict", "--no-dangling"));
    }
  }

  @Test
  void smallBatchStaysLoose() throws Exception {
    Path dir = tmp.resolve("repo.git");
    List<RawObject> objects = history("small", 3); // 3 blobs, a tree, a commit
    try (GitBackend backend = GitBackend.init(dir, Durability.FSYNC)) {
      RawObject commit = objects.get(objects.size() - 1);
      backend.write(WriteBatch.of(objects, new RefUpdate("main", ObjectId.NONE, commit.id())));
      assertEquals(List.of(), packFileKinds(dir));
      assertEquals(objects.size(), looseObjects(dir).size());
      assertEquals("", git(tmp, dir, "fsck", "--strict", "--no-dangling"));
    }
  }

  @Test
  void concurrentWritersOfOneBigBatchAllSeeEveryObject() throws Exception {
    Path dir = tmp.resolve("repo.git");
    List<RawObject> objects = history("race", FILES);
    RawObject commit = objects.get(objects.size() - 1);
    GitBackend.init(dir, Durability.NO_FSYNC).close();
    List<CompletableFuture<RefOutcome>> writers = new ArrayList<>();
    List<GitBackend> backends = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        GitBackend backend = GitBackend.open(dir, Durability.NO_FSYNC); // a Repository each
        backends.add(backend);
        String branch = i == 0 ? "main" : "writer" + i;
        writers.add(CompletableFuture.supplyAsync(() -> backend.write(WriteBatch.of(objects,
            new RefUpdate(branch, ObjectId.NONE, commit.id()))).single()));
      }
      for (CompletableFuture<RefOutcome> writer : writers) {
        assertEquals(RefOutcome.CREATED, writer.get(60, TimeUnit.SECONDS));
      }
      for (GitBackend backend : backends) {
        for (RawObject object : objects) {
          assertEquals(object, backend.objects().read(object.id()).orElseThrow());
        }
      }
    } finally {
      backends.forEach(GitBackend::close);
    }
    assertReadableByFreshJgit(dir, objects);
    assertEquals("", git(tmp, dir, "fsck", "--strict", "--no-dangling"));
  }

  /**
   * {@code files} blobs of varied sizes (one big enough for multi-byte pack sizes and several
   * deflate rounds), one tree holding them all, and a commit of that tree, last.
   */
  static List<RawObject> history(String seed, int files) {
    return history(seed, files, ObjectId.NONE);
  }

  /** As {@link #history(String, int)}, the commit with {@code parent} unless it is NONE. */
  static List<RawObject> history(String seed, int files, ObjectId parent) {
    List<RawObject> objects = new ArrayList<>();
    ByteArrayOutputStream tree = new ByteArrayOutputStream();
    for (int i = 0; i < files; i++) {
      StringBuilder text = new StringBuilder(seed).append(' ').append(i).append('\n');
      int repeat = i == 7 ? 20_000 : i % 5;
      for (int r = 0; r < repeat; r++) {
        text.append("line ").append(r).append(" of file ").append(i).append('\n');
      }
      RawObject blob = RawObject.of(ObjectType.BLOB, text.toString().getBytes(StandardCharsets.UTF_8));
      objects.add(blob);
      String name = String.format("f%04d.txt", i); // fixed width: Git's order is this order
      tree.writeBytes(("100644 " + name + "\0").getBytes(StandardCharsets.UTF_8));
      tree.writeBytes(blob.id().toBytes());
    }
    RawObject treeObject = RawObject.of(ObjectType.TREE, tree.toByteArray());
    objects.add(treeObject);
    String commit = "tree " + treeObject.id().hex() + "\n"
        + (parent.equals(ObjectId.NONE) ? "" : "parent " + parent.hex() + "\n")
        + "author A <a@example.org> 1700000000 +0000\n"
        + "committer A <a@example.org> 1700000000 +0000\n\n" + seed + "\n";
    objects.add(RawObject.of(ObjectType.COMMIT, commit.getBytes(StandardCharsets.UTF_8)));
    return objects;
  }

  static void assertReadableByFreshJgit(Path dir, List<RawObject> objects)
      throws IOException {
    try (Repository fresh = new FileRepositoryBuilder().setGitDir(dir.toFile()).build();
        ObjectReader reader = fresh.newObjectReader()) {
      for (RawObject object : objects) {
        ObjectLoader loader = reader.open(GitIds.toJgit(object.id()));
        assertEquals(GitIds.typeCode(object.type()), loader.getType());
        assertArrayEquals(object.payload(), loader.getBytes());
      }
    }
  }

  /** The extensions of the files in objects/pack, sorted. */
  private static List<String> packFileKinds(Path dir) throws IOException {
    Path pack = dir.resolve("objects/pack");
    if (!Files.isDirectory(pack)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(pack)) {
      return files.map(p -> p.getFileName().toString())
          .map(name -> name.substring(name.lastIndexOf('.')))
          .sorted().collect(Collectors.toList());
    }
  }

  private static List<Path> looseObjects(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir.resolve("objects"))) {
      return files.filter(Files::isRegularFile)
          .filter(p -> p.getParent().getFileName().toString().matches("[0-9a-f]{2}"))
          .collect(Collectors.toList());
    }
  }

  private static List<Path> temporaryPacks(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("objects"))) {
      return files.filter(Files::isRegularFile).collect(Collectors.toList());
    }
  }

  /** Runs stock {@code git --git-dir=dir args}; fails on a non-zero exit; its output. */
  static String git(Path tmp, Path dir, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("git", "--git-dir=" + dir));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(k -> k.startsWith("GIT_"));
    builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    builder.environment().put("HOME", tmp.toString());
    Process process = builder.start();
    String out;
    try (InputStream in = process.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), out);
    return out;
  }
}
