package dev.grove.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.hash.ObjectId;
import dev.grove.object.ObjectType;
import dev.grove.object.RawObject;
import dev.grove.server.fs.FsDamage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FsckCommandTest extends CliTestBase {

  private static ObjectId blobId(String text) {
    return RawObject.idOf(ObjectType.BLOB, utf8(text));
  }

  private static Path objectFile(Path repo, ObjectId id) {
    return repo.resolve("objects").resolve(id.hex().substring(0, 2)).resolve(id.hex().substring(2));
  }

  private Path storeWithHistory(String kind) {
    Path repo = store(kind);
    in(repo, "set", "notes/a", "hello").ok();
    in(repo, "set", "notes/b", "world").ok();
    in(repo, "branch", "create", "phone").ok();
    in(repo, "set", "notes/c", "phone only", "-b", "phone").ok();
    return repo;
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "fs"})
  void aSoundStorePasses(String kind) {
    Path repo = storeWithHistory(kind);
    GroveRun run = in(repo, "fsck").ok();
    assertEquals("checked 2 branches, 12 objects: no problems\n", run.out()); // 3 commits, 6 trees, 3 values
  }

  @Test
  void anEmptyStorePasses() {
    assertEquals("checked 0 branches, 0 objects: no problems\n",
        in(store("git"), "fsck").ok().out());
  }

  @Test
  void findsACorruptedObjectFileInAnFsStore() throws Exception {
    Path repo = storeWithHistory("fs");
    ObjectId hello = blobId("hello");
    FsDamage.overwriteObject(repo, hello, utf8("blob 5\0jello")); // same header and length, other content

    GroveRun run = in(repo, "fsck").fails(ExitCodes.FAILED, "fsck found 1 problem");
    List<String> lines = run.lines();
    assertEquals(1, lines.size(), run.out());
    assertTrue(lines.get(0).startsWith(hello.hex() + ": object " + hello.hex() + " is corrupt on disk"), lines.get(0));
    assertTrue(lines.get(0).contains("hashes to " + blobId("jello").hex()), lines.get(0));
    // Reading the value fails with one clear line too.
    in(repo, "get", "notes/a").fails(ExitCodes.FAILED, "object " + hello.hex() + " is corrupt on disk");
  }

  @Test
  void namesEveryProblemInAnFsStore() throws Exception {
    Path repo = storeWithHistory("fs");
    FsDamage.removeObject(repo, blobId("world"));
    FsDamage.overwriteObject(repo, blobId("phone only"), utf8("garbage, 18 bytes!")); // "blob 10\0phone only"

    GroveRun run = in(repo, "fsck").fails(ExitCodes.FAILED, "fsck found 2 problems");
    String out = run.out();
    assertTrue(out.contains(blobId("world").hex() + ": no value " + blobId("world").hex()), out);
    assertTrue(out.contains(blobId("phone only").hex() + ": object " + blobId("phone only").hex()
        + " is corrupt on disk"), out);
    assertEquals(2, run.lines().size(), out);
  }

  @Test
  void namesADamagedPackInAnFsStore() throws Exception {
    Path repo = storeWithHistory("fs");
    Path pack;
    try (var files = Files.list(repo.resolve("objects/pack"))) {
      pack = files.sorted().findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(pack);
    bytes[20] ^= 1; // in the first entry's id: the entries' checksum fails
    Files.write(pack, bytes);

    GroveRun run = in(repo, "fsck").fails(ExitCodes.FAILED, "fsck found");
    assertTrue(run.out().contains("objects/pack/" + pack.getFileName() + ": pack "), run.out());
    assertTrue(run.out().contains("do not match their checksum"), run.out());
  }

  @Test
  void findsACorruptedLooseObjectInAGitStore() throws Exception {
    Path repo = storeWithHistory("git");
    ObjectId hello = blobId("hello");
    Path file = objectFile(repo, hello);
    assertTrue(Files.isRegularFile(file), file.toString());
    file.toFile().setWritable(true);
    Files.write(file, utf8("not zlib at all"));

    GroveRun run = in(repo, "fsck").fails(ExitCodes.FAILED, "fsck found 1 problem");
    assertTrue(run.out().contains(hello.hex()), run.out());
  }
}
