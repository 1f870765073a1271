package dev.grove.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** branch, branch create, branch delete and merge, on both kinds of store. */
class BranchAndMergeCommandsTest extends CliTestBase {

  private String head(Path repo, String branch) {
    return in(repo, "log", "-n", "1", "-b", branch).ok().lines().get(0).substring("commit ".length());
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "fs"})
  void branchListsNamesAndShortIds(String kind) {
    Path repo = store(kind);
    in(repo, "set", "a", "1").ok();
    GroveRun created = in(repo, "branch", "create", "feature/long-name").ok();
    String main = head(repo, "main");
    assertEquals("created branch feature/long-name at " + main.substring(0, 7) + "\n", created.out());
    assertEquals(List.of(
        "feature/long-name  " + main.substring(0, 7),
        "main               " + main.substring(0, 7)), in(repo, "branch").ok().lines());
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "fs"})
  void branchCreateStartsAtMainABranchOrACommit(String kind) {
    Path repo = store(kind);
    in(repo, "set", "a", "1").ok();
    String first = head(repo, "main");
    in(repo, "set", "a", "2").ok();
    in(repo, "branch", "create", "old", first.substring(0, 6)).ok();
    assertEquals(first, head(repo, "old"));
    in(repo, "branch", "create", "copy", "old").ok();
    assertEquals(first, head(repo, "copy"));
    in(repo, "branch", "create", "tip").ok();
    assertEquals(head(repo, "main"), head(repo, "tip"));
    assertEquals("1", in(repo, "get", "a", "-b", "copy").ok().out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "fs"})
  void branchCreateAndDeleteReportErrors(String kind) {
    Path repo = store(kind);
    in(repo, "branch", "create", "x").fails(ExitCodes.FAILED, "unknown revision 'main'");
    in(repo, "set", "a", "1").ok();
    in(repo, "branch", "create", "main").fails(ExitCodes.FAILED, "branch 'main' already exists");
    in(repo, "branch", "create", "bad name").fails(ExitCodes.FAILED, "invalid branch name 'bad name'");
    in(repo, "branch", "create", "x", "nowhere").fails(ExitCodes.FAILED, "unknown revision 'nowhere'");
    in(repo, "branch", "delete", "nope").fails(ExitCodes.FAILED, "no branch 'nope'");
    in(repo, "branch", "create").fails(ExitCodes.USAGE, "missing required parameter: 'NAME'");
    in(repo, "branch", "rename", "a", "b").fails(ExitCodes.USAGE, "'rename' is not a grove branch command");
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "fs"})
  void branchDeleteKeepsTheCommitsOfOtherBranches(String kind) {
    Path repo = store(kind);
    in(repo, "set", "a", "1").ok();
    in(repo, "branch", "create", "gone").ok();
    String at = head(repo, "gone");
    assertEquals("deleted branch gone (was " + at.substring(0, 7) + ")\n", in(repo, "branch", "delete", "gone").ok().out());
    assertEquals(List.of("main"), in(repo, "branch").ok().lines().stream().map(l -> l.split(" ")[0]).toList());
    assertEquals("1", in(repo, "get", "a").ok().out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "fs"})
  void branchDeleteRefusesCommitsNoOtherBranchReachesUnlessForced(String kind) {
    Path repo = store(kind);
    in(repo, "set", "a", "1").ok();
    String main = head(repo, "main");
    in(repo, "branch", "delete", "main").fails(ExitCodes.FAILED,
        "the branch 'main' has commits no other branch reaches; delete it anyway with --force");
    assertEquals(main, head(repo, "main"));
    in(repo, "branch", "create", "phone").ok();
    in(repo, "set", "a", "2", "-b", "phone").ok();
    in(repo, "branch", "delete", "phone").fails(ExitCodes.FAILED,
        "the branch 'phone' has commits no other branch reaches");
    assertEquals("2", in(repo, "get", "a", "-b", "phone").ok().out());
    // main is behind phone: phone reaches all of main's commits
    in(repo, "branch", "delete", "main").ok();
    String phone = head(repo, "phone");
    assertEquals("deleted branch phone (was " + phone.substring(0, 7) + ")\n",
        in(repo, "branch", "delete", "--force", "phone").ok().out());
    assertEquals("", in(repo, "branch").ok().out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "fs"})
  void mergeFastForwardsWhenBehindAndSaysWhenUpToDate(String kind) {
    Path repo = store(kind);
    in(repo, "set", "a", "1").ok();
    in(repo, "branch", "create", "phone").ok();
    in(repo, "set", "a", "2", "-b", "phone").ok();
    String phone = head(repo, "phone");
    assertEquals("fast-forwarded main to " + phone.substring(0, 7) + "\n", in(repo, "merge", "phone").ok().out());
    assertEquals(phone, head(repo, "main"));
    assertEquals("already up to date: main contains phone\n", in(repo, "merge", "phone").ok().out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "fs"})
  void mergeWritesAMergeCommitIntoTheChosenBranch(String kind) {
    Path repo = store(kind);
    in(repo, "set", "a", "1").ok();
    in(repo, "branch", "create", "phone").ok();
    in(repo, "set", "b", "phone", "-b", "phone").ok();
    in(repo, "set", "c", "main").ok();
    GroveRun merged = in(repo, "merge", "main", "--into", "phone", "-m", "catch up",
        "--author", "Ada <ada@example.com>").ok();
    assertTrue(merged.out().matches("\\[phone [0-9a-f]{7}\\] catch up\n"), merged.out());
    assertEquals(List.of("a", "b", "c"), in(repo, "ls", "-b", "phone").ok().lines());
    assertEquals(List.of("a", "c"), in(repo, "ls").ok().lines());
    List<String> log = in(repo, "log", "-n", "1", "-b", "phone").ok().lines();
    assertTrue(log.get(1).startsWith("Merge: "), log.toString());
    assertEquals("Author: Ada <ada@example.com>", log.get(2));
    // by commit id prefix
    in(repo, "set", "d", "main").ok();
    in(repo, "merge", head(repo, "main").substring(0, 10), "--into", "phone").ok();
    assertEquals(List.of("a", "b", "c", "d"), in(repo, "ls", "-b", "phone").ok().lines());
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "fs"})
  void aConflictPrintsEachPathExitsWithOneAndWritesNothing(String kind) {
    Path repo = store(kind);
    in(repo, "set", "notes/a", "base").ok();
    in(repo, "set", "notes/b", "base").ok();
    in(repo, "branch", "create", "phone").ok();
    in(repo, "set", "notes/a", "phone", "-b", "phone").ok();
    in(repo, "set", "notes/b", "phone", "-b", "phone").ok();
    in(repo, "set", "notes/a", "main").ok();
    in(repo, "set", "notes/b", "main").ok();
    String before = head(repo, "main");

    GroveRun conflict = in(repo, "merge", "phone").fails(ExitCodes.FAILED,
        "merging phone into main: 2 conflicts; nothing was written");
    List<String> lines = conflict.lines();
    assertEquals(2, lines.size(), conflict.out());
    assertTrue(lines.get(0).startsWith("CONFLICT notes/a: ") && lines.get(0).length() > "CONFLICT notes/a: ".length(), lines.get(0));
    assertTrue(lines.get(1).startsWith("CONFLICT notes/b: "), lines.get(1));
    assertEquals(before, head(repo, "main"));
    assertEquals("main", in(repo, "get", "notes/a").ok().out());
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "fs"})
  void mergeReportsUnknownNames(String kind) {
    Path repo = store(kind);
    in(repo, "set", "a", "1").ok();
    in(repo, "merge", "nope").fails(ExitCodes.FAILED, "unknown revision 'nope'");
    in(repo, "merge", "main", "--into", "nope").fails(ExitCodes.FAILED, "no branch 'nope'");
  }
}
