package dev.grove.object;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.grove.hash.ObjectId;
import dev.grove.path.Path;
import dev.grove.tree.Tree;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grove's ids against the ids stock {@code git} computes for the same objects. */
class GitCompatibilityTest {
  @TempDir
  File dir;

  private StockGit git;

  @BeforeEach
  void init() throws Exception {
    git = new StockGit(dir);
  }

  @Test
  void blobIdsMatch() throws Exception {
    byte[][] values = {
        new byte[0],
        "hello\n".getBytes(StandardCharsets.UTF_8),
        "h\u00e9llo \u4e2d\u6587 \ud83d\ude00".getBytes(StandardCharsets.UTF_8),
        allBytes(),
    };
    for (byte[] value : values) {
      assertEquals(git.text(value, Map.of(), "hash-object", "--stdin"),
          RawObject.idOf(ObjectType.BLOB, value).hex());
    }
  }

  @Test
  void treeWithNestedSubtreeMatchesGitMktreeAndGitOrder() throws Exception {
    byte[] one = utf8("one\n");
    byte[] two = utf8("two\n");
    String oneId = git.text(one, Map.of(), "hash-object", "-w", "--stdin");
    String twoId = git.text(two, Map.of(), "hash-object", "-w", "--stdin");
    String sub = git.text(utf8("100644 blob " + twoId + "\tinner\n"), Map.of(), "mktree");
    // "foo" is a subtree: Git sorts it as "foo/", after "foo-bar" and "foo.txt", before "foo0".
    String root = git.text(utf8("100644 blob " + oneId + "\tfoo0\n"
        + "040000 tree " + sub + "\tfoo\n"
        + "100644 blob " + oneId + "\tfoo.txt\n"
        + "100644 blob " + twoId + "\tfoo-bar\n"
        + "100644 blob " + oneId + "\t\u00e9t\u00e9\n"), Map.of(), "mktree");

    Tree tree = Tree.empty()
        .with(Path.parse("foo0"), one)
        .with(Path.parse("foo/inner"), two)
        .with(Path.parse("foo.txt"), one)
        .with(Path.parse("foo-bar"), two)
        .with(Path.parse("\u00e9t\u00e9"), one);
    assertEquals(root, tree.id().hex());

    TreeObject decoded = ObjectCodec.decodeTree(
        RawObject.of(ObjectType.TREE, git.run(new byte[0], Map.of(), "cat-file", "tree", root)));
    assertEquals(List.of("foo-bar", "foo.txt", "foo", "foo0", "\u00e9t\u00e9"),
        decoded.entries().stream().map(TreeEntry::name).toList());
    assertEquals(EntryMode.TREE, decoded.entries().get(2).mode());
  }

  @Test
  void commitWithTwoParentsNonAsciiMessageAndNonUtcZonesMatchesGitCommitTree() throws Exception {
    String tree = git.text(new byte[0], Map.of(), "mktree");
    Map<String, String> env = Map.of(
        "GIT_AUTHOR_NAME", "Ren\u00e9e \u00c5str\u00f6m", "GIT_AUTHOR_EMAIL", "renee@example.com",
        "GIT_AUTHOR_DATE", "1700000000 +0530",
        "GIT_COMMITTER_NAME", "Bot", "GIT_COMMITTER_EMAIL", "bot@example.com",
        "GIT_COMMITTER_DATE", "1700000123 -0800");
    String p1 = git.text(new byte[0], env, "commit-tree", tree, "-m", "first");
    String p2 = git.text(new byte[0], env, "commit-tree", tree, "-m", "second");
    String message = "Fusion \u00e0 trois \u2014 \u4e2d\u6587 \ud83c\udf33\n\nBody line.\n";
    String merge = git.text(utf8(message), env, "commit-tree", tree, "-p", p1, "-p", p2);

    CommitObject commit = new CommitObject(ObjectId.fromHex(tree),
        List.of(ObjectId.fromHex(p1), ObjectId.fromHex(p2)),
        new Person("Ren\u00e9e \u00c5str\u00f6m", "renee@example.com", 1700000000L, 330),
        new Person("Bot", "bot@example.com", 1700000123L, -480),
        message);
    RawObject encoded = ObjectCodec.encodeCommit(commit);
    assertEquals(merge, encoded.id().hex());

    byte[] gitBytes = git.run(new byte[0], Map.of(), "cat-file", "commit", merge);
    assertArrayEquals(gitBytes, encoded.payload());
    assertEquals(commit, ObjectCodec.decodeCommit(RawObject.of(ObjectType.COMMIT, gitBytes)));
  }

  @Test
  void objectsGroveWritesAreAcceptedByGitFsckStrict() throws Exception {
    Tree tree = Tree.empty().with(Path.parse("notes/a"), utf8("A")).with(Path.parse("b"), utf8("B"));
    java.util.Map<ObjectId, RawObject> objects = new java.util.LinkedHashMap<>();
    tree.collectNewObjects(new dev.grove.tree.ObjectLoader(new dev.grove.backend.memory.MemoryBackend()), objects);
    Person who = new Person("Grove", "grove@localhost", 1700000000L, 60);
    RawObject commit = ObjectCodec.encodeCommit(
        new CommitObject(tree.id(), List.of(), who, who, "Grove commit\n"));
    objects.put(commit.id(), commit);
    for (RawObject object : objects.values()) {
      String id = git.text(object.payload(), Map.of(), "hash-object", "-w", "-t",
          object.type().gitName(), "--stdin");
      assertEquals(object.id().hex(), id);
    }
    git.run(new byte[0], Map.of(), "update-ref", "refs/heads/main", commit.id().hex());
    git.run(new byte[0], Map.of(), "fsck", "--strict", "--no-dangling");
    assertEquals("A", git.text("show", "main:notes/a"));
  }

  private static byte[] allBytes() {
    byte[] bytes = new byte[256];
    for (int i = 0; i < 256; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
