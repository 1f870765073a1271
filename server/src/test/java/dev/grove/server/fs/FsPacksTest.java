package dev.grove.server.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.backend.BackendException;
import dev.grove.hash.ObjectId;
import dev.grove.object.ObjectType;
import dev.grove.object.RawObject;
import dev.grove.server.storage.Durability;
import dev.grove.store.CommitInfo;
import dev.grove.store.Repository;
import dev.grove.store.Verifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fs backend's packs: one pack per write batch, loose objects of older stores still read,
 * small packs merged, and readers that knew the merged packs (another process, here another
 * backend on the same directory) still finding every object.
 */
class FsPacksTest {
  @TempDir
  Path dir;

  @Test
  void aCommitWritesOnePackAndNoLooseObject() throws IOException {
    try (FsBackend backend = FsBackend.init(dir, Durability.FSYNC)) {
      Repository.open(backend).branch("main").set("a", "1", CommitInfo.message("one"));
    }
    List<String> packs = packNames();
    assertEquals(1, packs.size(), packs.toString());
    assertTrue(packs.get(0).startsWith("3-"), "a value, a tree and a commit: " + packs);
    try (Stream<Path> entries = Files.list(dir.resolve("objects"))) {
      assertEquals(List.of("pack", "tmp"), entries.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void looseObjectsOfAnOlderStoreAreStillRead() throws IOException {
    ObjectId first;
    try (FsBackend backend = FsBackend.init(dir, Durability.FSYNC)) {
      first = Repository.open(backend).branch("main").set("a", "1", CommitInfo.message("one"));
    }
    toLooseFormat1();
    try (FsBackend backend = FsBackend.open(dir, Durability.FSYNC)) {
      Repository repo = Repository.open(backend);
      assertEquals("1", repo.branch("main").getText("a"));
      ObjectId second = repo.branch("main").set("b", "2", CommitInfo.message("two"));
      assertEquals("1", repo.branch("main").getText("a"));
      assertTrue(repo.isAncestor(first, second));
      assertTrue(Verifier.verify(repo).ok(), () -> Verifier.verify(repo).problems().toString());
      assertEquals(List.of(first), backend.objectIdsStartingWith(first.hex().substring(0, 6)), "a loose id");
      assertEquals(List.of(second), backend.objectIdsStartingWith(second.hex().substring(0, 6)), "a packed id");
    }
    assertEquals(1, packNames().size());
  }

  @Test
  void aFormat1StoreIsUpgradedWhenOpened() throws IOException {
    try (FsBackend backend = FsBackend.init(dir, Durability.FSYNC)) {
      Repository.open(backend).branch("main").set("a", "1", CommitInfo.message("one"));
    }
    toLooseFormat1();
    try (FsBackend backend = FsBackend.open(dir, Durability.FSYNC)) {
      assertTrue(Files.isDirectory(dir.resolve("objects/pack")), "created (and objects/ synced) on opening");
      assertEquals("grove fs store, format 2 (packs)\n", Files.readString(dir.resolve(FsBackend.MARKER)));
      assertEquals("1", Repository.open(backend).branch("main").getText("a"));
    }
    try (Stream<Path> temps = Files.list(dir.resolve("objects/tmp"))) {
      assertEquals(0, temps.count());
    }
  }

  @Test
  void aStoreOfANewerFormatIsRefused() throws IOException {
    FsBackend.init(dir, Durability.FSYNC).close();
    Files.writeString(dir.resolve(FsBackend.MARKER), "grove fs store, format 3 (something new)\n");
    BackendException e = assertThrows(BackendException.class, () -> FsBackend.open(dir, Durability.FSYNC));
    assertEquals("storage_version", e.code());
    assertTrue(e.getMessage().contains("format 3"), e.getMessage());
    Files.writeString(dir.resolve(FsBackend.MARKER), "something else\n");
    assertEquals("not_a_store",
        assertThrows(BackendException.class, () -> FsBackend.open(dir, Durability.FSYNC)).code());
  }

  @Test
  void smallPacksAreMergedAndAnotherReaderStillFindsEveryObject() throws IOException {
    Map<String, String> values = new TreeMap<>();
    try (FsBackend writer = FsBackend.init(dir, Durability.FSYNC);
        FsBackend reader = FsBackend.open(dir, Durability.FSYNC)) {
      Repository written = Repository.open(writer);
      Repository read = Repository.open(reader);
      written.branch("main").set("k0", "v0", CommitInfo.message("0"));
      values.put("k0", "v0");
      assertEquals("v0", read.branch("main").getText("k0"), "the reader knows the first pack");
      for (int i = 1; i < 60; i++) {
        written.branch("main").set("k" + i, "v" + i, CommitInfo.message(Integer.toString(i)));
        values.put("k" + i, "v" + i);
      }
      List<String> packs = packNames();
      Map<Integer, Integer> perClass = new HashMap<>();
      for (String name : packs) {
        int count = FsPack.countOf(name);
        perClass.merge((31 - Integer.numberOfLeadingZeros(count)) / 4, 1, Integer::sum);
      }
      assertTrue(perClass.values().stream().allMatch(n -> n < FsPacks.MERGE_AT),
          "60 commits, merged: " + packs);
      assertTrue(packs.size() < 20, packs.toString());
      // The reader's known packs were merged away: it lists the directory again.
      for (Map.Entry<String, String> entry : values.entrySet()) {
        assertEquals(entry.getValue(), read.branch("main").getText(entry.getKey()));
      }
      assertTrue(Verifier.verify(read).ok(), () -> Verifier.verify(read).problems().toString());
    }
  }

  @Test
  void aMergeCutShortLeavesDuplicatesThatAreHarmless() throws IOException {
    Map<Path, byte[]> saved = new HashMap<>();
    try (FsBackend backend = FsBackend.init(dir, Durability.FSYNC)) {
      Repository repo = Repository.open(backend);
      for (int i = 0; i < FsPacks.MERGE_AT - 1; i++) {
        repo.branch("main").set("k" + i, "v" + i, CommitInfo.message(Integer.toString(i)));
      }
      for (Path pack : packFiles()) {
        saved.put(pack, Files.readAllBytes(pack));
      }
      repo.branch("main").set("last", "v", CommitInfo.message("merges"));
      assertEquals(1, packNames().size(), "merged: " + packNames());
    }
    // As if the merging writer was killed before it deleted the packs it merged.
    for (Map.Entry<Path, byte[]> pack : saved.entrySet()) {
      Files.write(pack.getKey(), pack.getValue());
    }
    try (FsBackend backend = FsBackend.open(dir, Durability.FSYNC)) {
      Repository repo = Repository.open(backend);
      for (int i = 0; i < 40; i++) {
        repo.branch("main").set("after" + i, "w" + i, CommitInfo.message("after " + i));
      }
      for (int i = 0; i < FsPacks.MERGE_AT - 1; i++) {
        assertEquals("v" + i, repo.branch("main").getText("k" + i));
      }
      assertTrue(Verifier.verify(repo).ok(), () -> Verifier.verify(repo).problems().toString());
    }
  }

  @Test
  void aMergeThatFailsDoesNotFailTheWrite() throws IOException {
    try (FsBackend backend = FsBackend.init(dir, Durability.FSYNC)) {
      Repository repo = Repository.open(backend);
      repo.branch("main").set("k0", "v0", CommitInfo.message("0"));
      Path first = packFiles().get(0);
      for (int i = 1; i < FsPacks.MERGE_AT - 1; i++) {
        repo.branch("main").set("k" + i, "v" + i, CommitInfo.message(Integer.toString(i)));
      }
      // Its index intact, its last record cut short: copying it fails the merge.
      try (var channel = java.nio.channels.FileChannel.open(first, java.nio.file.StandardOpenOption.WRITE)) {
        channel.truncate(channel.size() - 1);
      }
      ObjectId last = repo.branch("main").set("last", "v", CommitInfo.message("would merge"));
      assertEquals(last, repo.branch("main").head().orElseThrow());
      assertEquals("v", repo.branch("main").getText("last"));
      assertEquals("v7", repo.branch("main").getText("k7"));
      assertEquals(FsPacks.MERGE_AT, packNames().size(), "not merged: " + packNames());
      try (Stream<Path> temps = Files.list(dir.resolve("objects").resolve("tmp"))) {
        assertEquals(0, temps.count(), "the failed merge's temporary file is deleted");
      }
    }
  }

  @Test
  void aDamagedPackHidesOnlyItsOwnObjectsAndIsReported() throws IOException {
    ObjectId head;
    try (FsBackend backend = FsBackend.init(dir, Durability.FSYNC)) {
      head = Repository.open(backend).branch("main").set("a", "1", CommitInfo.message("one"));
    }
    Path pack = packFiles().get(0);
    try (FsBackend backend = FsBackend.init(dir.resolve("other"), Durability.FSYNC)) {
      Repository.open(backend).branch("main").set("b", "2", CommitInfo.message("two"));
    }
    // Another batch's pack, written next to the first: its objects must still read.
    Path good;
    try (Stream<Path> files = Files.list(dir.resolve("other/objects/pack"))) {
      good = files.findFirst().orElseThrow();
    }
    Files.move(good, pack.resolveSibling(good.getFileName()));
    byte[] bytes = Files.readAllBytes(pack);
    bytes[16 + 25] ^= 1; // in the first entry's offset: the entries' checksum fails
    Files.write(pack, bytes);
    try (FsBackend backend = FsBackend.open(dir, Durability.FSYNC)) {
      ObjectId goodBlob = RawObject.idOf(ObjectType.BLOB, "2".getBytes(StandardCharsets.UTF_8));
      assertEquals("2", new String(backend.objects().read(goodBlob).orElseThrow().payload(),
          StandardCharsets.UTF_8));
      assertTrue(backend.objects().read(head).isEmpty(), "in the damaged pack: missing");
      Map<String, String> damaged = backend.damagedFiles();
      assertEquals(List.of("objects/pack/" + pack.getFileName()), List.copyOf(damaged.keySet()));
      assertTrue(damaged.values().iterator().next().contains("do not match their checksum"), damaged.toString());
    }
  }

  @Test
  void aPackCutShortToNothingIsSkipped() throws IOException {
    try (FsBackend backend = FsBackend.init(dir, Durability.FSYNC)) {
      Repository repo = Repository.open(backend);
      repo.branch("main").set("a", "1", CommitInfo.message("one"));
      // As if a power loss emptied a pack renamed in without its data on disk.
      Files.write(dir.resolve("objects/pack/1-" + "0".repeat(40) + ".pack"), new byte[0]);
      try (FsBackend another = FsBackend.open(dir, Durability.FSYNC)) {
        assertEquals("1", Repository.open(another).branch("main").getText("a"));
        assertEquals(1, another.damagedFiles().size());
      }
      repo.branch("main").set("b", "2", CommitInfo.message("two"));
      assertEquals("2", repo.branch("main").getText("b"));
    }
  }

  @Test
  void aBatchOfManyObjectsIsOnePackReadInFull() throws IOException {
    List<RawObject> objects = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      objects.add(RawObject.of(ObjectType.BLOB, ("value " + i).getBytes(StandardCharsets.UTF_8)));
    }
    try (FsBackend backend = FsBackend.init(dir, Durability.NO_FSYNC)) {
      backend.objects().add(objects);
      backend.objects().add(objects.subList(0, 10)); // already stored: nothing written
    }
    assertEquals(List.of("5000-"), packNames().stream().map(n -> n.substring(0, 5)).toList());
    try (FsBackend backend = FsBackend.open(dir, Durability.NO_FSYNC)) {
      for (RawObject object : objects) {
        assertEquals(new String(object.payload(), StandardCharsets.UTF_8),
            new String(backend.objects().read(object.id()).orElseThrow().payload(), StandardCharsets.UTF_8));
      }
      assertFalse(backend.objects().contains(RawObject.idOf(ObjectType.BLOB, new byte[] {1})));
    }
  }

  @Test
  void largePacksAreNotMerged() throws IOException {
    try (FsBackend backend = FsBackend.init(dir, Durability.NO_FSYNC)) {
      for (int batch = 0; batch < FsPacks.MERGE_AT; batch++) {
        List<RawObject> objects = new ArrayList<>();
        for (int i = 0; i < FsPacks.MERGED_BELOW; i++) {
          objects.add(RawObject.of(ObjectType.BLOB, ("b" + batch + " " + i).getBytes(StandardCharsets.UTF_8)));
        }
        backend.objects().add(objects);
      }
      assertEquals(FsPacks.MERGE_AT, packNames().size(), "packs of 4,096 objects stay as they are");
      assertTrue(backend.objects().contains(RawObject.idOf(ObjectType.BLOB, "b3 17".getBytes(StandardCharsets.UTF_8))));
    }
  }

  @Test
  void packsOfLargeValuesAreNotMerged() throws IOException {
    // 16 one-object packs of 4 MiB each: merging them would copy 64 MiB inside one write.
    byte[] large = new byte[(int) FsPacks.MERGED_BYTES_BELOW];
    try (FsBackend backend = FsBackend.init(dir, Durability.NO_FSYNC)) {
      for (int i = 0; i < FsPacks.MERGE_AT; i++) {
        large[0] = (byte) i;
        backend.objects().add(List.of(RawObject.of(ObjectType.BLOB, large.clone())));
      }
      assertEquals(FsPacks.MERGE_AT, packNames().size(), "packs of 4 MiB or more stay as they are");
      large[0] = 3;
      ObjectId third = RawObject.idOf(ObjectType.BLOB, large);
      assertEquals(large.length, backend.objects().read(third).orElseThrow().payload().length);
    }
  }

  /** Turns the store into one of format 1: every object a file objects/ab/cdef..., no packs. */
  private void toLooseFormat1() throws IOException {
    for (Path pack : packFiles()) {
      FsPack open = FsPack.open(pack);
      for (int i = 0; i < open.count(); i++) {
        ObjectId id = open.idAt(i);
        Path loose = dir.resolve("objects").resolve(id.hex().substring(0, 2)).resolve(id.hex().substring(2));
        Files.createDirectories(loose.getParent());
        Files.write(loose, open.read(open.locationAt(i)));
      }
      Files.delete(pack);
    }
    Files.delete(dir.resolve("objects/pack"));
    Files.writeString(dir.resolve(FsBackend.MARKER), "grove fs store, format 1\n");
  }

  private List<Path> packFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve("objects").resolve("pack"))) {
      return files.filter(f -> f.getFileName().toString().endsWith(".pack")).sorted().toList();
    }
  }

  private List<String> packNames() throws IOException {
    return packFiles().stream().map(p -> p.getFileName().toString()).toList();
  }
}
