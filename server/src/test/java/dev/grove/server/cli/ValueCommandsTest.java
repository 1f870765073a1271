package dev.grove.server.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** get, set, rm and ls, on both kinds of store. */
class ValueCommandsTest extends CliTestBase {

  @ParameterizedTest
  @ValueSource(strings = {"git", "fs"})
  void setThenGetGivesTheBytesBackWithoutANewline(String kind) {
    Path repo = store(kind);
    GroveRun set = in(repo, "set", "a/b", "hello", "-m", "first").ok();
    assertTrue(set.out().matches("\\[main [0-9a-f]{7}\\] first\n"), set.out());
    assertEquals("hello", in(repo, "get", "a/b").ok().out());
    // --repo also works after the command
    assertEquals("hello", grove("get", "a/b", "--repo", repo.toString()).ok().out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "fs"})
  void valuesAreUtf8TextOrRawBytesFromAFileOrStandardInput(String kind) throws Exception {
    Path repo = store(kind);
    in(repo, "set", "text", "café ☕").ok();
    assertArrayEquals(utf8("café ☕"), in(repo, "get", "text").ok().stdout());

    byte[] binary = new byte[256];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) i;
    }
    Files.write(dir.resolve("blob.bin"), binary);
    in(repo, "set", "bin/all-bytes", "--file", "blob.bin").ok();
    assertArrayEquals(binary, in(repo, "get", "bin/all-bytes").ok().stdout());

    groveWithInput(utf8("{\"n\": 1}\n"), "--repo", repo.toString(), "set", "config.json", "-f", "-").ok();
    assertEquals("{\"n\": 1}\n", in(repo, "get", "config.json").ok().out());

    in(repo, "set", "counter", "--", "-1").ok();
    assertEquals("-1", in(repo, "get", "counter").ok().out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "fs"})
  void settingTheSameValueCommitsNothing(String kind) {
    Path repo = store(kind);
    in(repo, "set", "a", "1").ok();
    assertEquals("nothing to commit: 'a' already holds that value\n", in(repo, "set", "a", "1").ok().out());
    assertEquals(1, in(repo, "log", "--oneline").ok().lines().size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "fs"})
  void messageAndAuthorGoIntoTheCommit(String kind) {
    Path repo = store(kind);
    in(repo, "set", "a", "1").ok();
    in(repo, "set", "b", "2", "-m", "second", "--author", "Ada Lovelace <ada@example.com>").ok();
    List<String> log = in(repo, "log").ok().lines();
    assertEquals("Author: Ada Lovelace <ada@example.com>", log.get(1));
    assertEquals("    second", log.get(4));
    assertTrue(log.contains("Author: Grove <grove@localhost>"), log.toString());
    assertTrue(log.contains("    set a"), "default message: " + log);
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "fs"})
  void rmRemovesAValueOrADirectory(String kind) {
    Path repo = store(kind);
    in(repo, "set", "notes/a", "1").ok();
    in(repo, "set", "notes/b", "2").ok();
    in(repo, "set", "top", "3").ok();
    GroveRun rm = in(repo, "rm", "notes/a", "-m", "drop a").ok();
    assertTrue(rm.out().matches("\\[main [0-9a-f]{7}\\] drop a\n"), rm.out());
    in(repo, "get", "notes/a").fails(ExitCodes.FAILED, "no value at 'notes/a' on branch main");
    in(repo, "rm", "notes").ok();
    assertEquals(List.of("top"), in(repo, "ls").ok().lines());
    in(repo, "rm", "notes").fails(ExitCodes.FAILED, "nothing at 'notes' on branch main");
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "fs"})
  void lsListsDirectoriesValuesAndEverythingRecursively(String kind) {
    Path repo = store(kind);
    in(repo, "set", "b/x", "1").ok();
    in(repo, "set", "b/y/z", "2").ok();
    in(repo, "set", "a", "3").ok();
    in(repo, "set", "c", "4").ok();
    assertEquals(List.of("a", "b/", "c"), in(repo, "ls").ok().lines());
    assertEquals(List.of("x", "y/"), in(repo, "ls", "b").ok().lines());
    assertEquals(List.of("b/x"), in(repo, "ls", "b/x").ok().lines());
    assertEquals(List.of("a", "b/x", "b/y/z", "c"), in(repo, "ls", "-r").ok().lines());
    assertEquals(List.of("b/y/z"), in(repo, "ls", "--recursive", "b/y").ok().lines());
    in(repo, "ls", "nope").fails(ExitCodes.FAILED, "nothing at 'nope' on branch main");
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "fs"})
  void lsOfAnEmptyStoreListsNothing(String kind) {
    Path repo = store(kind);
    assertEquals("", in(repo, "ls").ok().out());
    assertEquals("", in(repo, "ls", "-r").ok().out());
    in(repo, "ls", "notes").fails(ExitCodes.FAILED, "nothing at 'notes' on branch main");
    in(repo, "ls", "--branch", "phone").fails(ExitCodes.FAILED,
        "no branch 'phone': the store has no commits yet");
    in(repo, "set", "a", "1", "-b", "phone").ok();
    in(repo, "ls").fails(ExitCodes.FAILED, "no branch 'main' (branches: phone)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "fs"})
  void branchOptionReadsAndWritesAnotherBranch(String kind) {
    Path repo = store(kind);
    in(repo, "set", "k", "main value").ok();
    in(repo, "branch", "create", "phone").ok();
    in(repo, "set", "k", "phone value", "--branch", "phone").ok();
    in(repo, "rm", "k", "-b", "phone").ok();
    in(repo, "set", "only/phone", "1", "-b", "phone").ok();
    assertEquals("main value", in(repo, "get", "k").ok().out());
    assertEquals(List.of("only/"), in(repo, "ls", "-b", "phone").ok().lines());
    assertEquals(4, in(repo, "log", "--oneline", "--branch", "phone").ok().lines().size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "fs"})
  void unknownBranchesAreErrors(String kind) {
    Path repo = store(kind);
    in(repo, "set", "k", "v").ok();
    in(repo, "get", "k", "--branch", "nope").fails(ExitCodes.FAILED, "no branch 'nope' (branches: main)");
    in(repo, "ls", "-b", "nope").fails(ExitCodes.FAILED, "no branch 'nope'");
    in(repo, "log", "-b", "nope").fails(ExitCodes.FAILED, "no branch 'nope'");
    in(repo, "rm", "k", "-b", "nope").fails(ExitCodes.FAILED, "no branch 'nope'");
    // A typo never starts a new, unrelated history.
    in(repo, "set", "k", "v2", "-b", "nope")
        .fails(ExitCodes.FAILED, "no branch 'nope'; create it first with: grove branch create nope");
    in(repo, "get", "k", "-b", "bad..name").fails(ExitCodes.FAILED, "invalid branch name 'bad..name'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "fs"})
  void badPathsAreRejected(String kind) {
    Path repo = store(kind);
    in(repo, "set", "a//b", "x").fails(ExitCodes.FAILED, "invalid path 'a//b': empty segment");
    in(repo, "set", "a/../b", "x").fails(ExitCodes.FAILED, "invalid path 'a/../b': segment '..' is not allowed");
    in(repo, "set", "", "x").fails(ExitCodes.FAILED, "invalid path ''");
    in(repo, "set", "/a", "x").fails(ExitCodes.FAILED, "invalid path '/a'");
    in(repo, "set", "ok", "x").ok();
    in(repo, "get", "a/", "x").fails(ExitCodes.USAGE, "unexpected argument 'x'");
    in(repo, "get", "a/").fails(ExitCodes.FAILED, "invalid path 'a/'");
    in(repo, "rm", "./ok").fails(ExitCodes.FAILED, "invalid path './ok'");
    in(repo, "ls", "ok//").fails(ExitCodes.FAILED, "invalid path 'ok//'");
    assertEquals(1, in(repo, "log", "--oneline").ok().lines().size(), "nothing else was committed");
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "fs"})
  void getOfADirectoryOrNothingIsAnError(String kind) {
    Path repo = store(kind);
    in(repo, "set", "dir/v", "1").ok();
    in(repo, "get", "dir").fails(ExitCodes.FAILED, "'dir' is a directory on branch main, not a value");
    in(repo, "get", "dir/w").fails(ExitCodes.FAILED, "no value at 'dir/w' on branch main");
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "fs"})
  void setNeedsExactlyOneValueAndAWellFormedAuthor(String kind) throws Exception {
    Path repo = store(kind);
    in(repo, "set", "k").fails(ExitCodes.USAGE, "missing the value: give VALUE or --file FILE");
    Files.writeString(dir.resolve("f"), "x");
    in(repo, "set", "k", "v", "--file", "f").fails(ExitCodes.USAGE, "give VALUE or --file FILE, not both");
    in(repo, "set", "k", "--file", "missing.txt")
        .fails(ExitCodes.FAILED, "cannot read missing.txt: no such file or directory");
    in(repo, "set", "k", "v", "--author", "Ada").fails(ExitCodes.USAGE, "invalid --author 'Ada'");
    in(repo, "set", "k", "v", "--author", "<ada@example.com>").fails(ExitCodes.USAGE, "invalid --author");
    in(repo, "branch").ok();
    assertEquals("", in(repo, "branch").ok().out(), "nothing was committed");
  }
}
