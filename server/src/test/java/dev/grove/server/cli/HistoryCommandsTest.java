package dev.grove.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** log and diff, on both kinds of store. */
class HistoryCommandsTest extends CliTestBase {

  /** The full id of the commit {@code back} commits behind main's head. */
  private String id(Path repo, int back) {
    String line = in(repo, "log").ok().lines().stream().filter(l -> l.startsWith("commit "))
        .skip(back).findFirst().orElseThrow();
    return line.substring("commit ".length());
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "fs"})
  void logShowsCommitsNewestFirstAsGitDoes(String kind) {
    Path repo = store(kind);
    in(repo, "set", "a", "1", "-m", "first").ok();
    in(repo, "set", "b", "2", "-m", "second\n\nwith a body").ok();
    List<String> log = in(repo, "log").ok().lines();
    assertTrue(log.get(0).matches("commit [0-9a-f]{40}"), log.get(0));
    assertEquals("Author: Grove <grove@localhost>", log.get(1));
    assertTrue(log.get(2).matches("Date:   \\w{3} \\w{3} \\d{1,2} \\d\\d:\\d\\d:\\d\\d \\d{4} [+-]\\d{4}"), log.get(2));
    assertEquals(List.of("", "    second", "", "    with a body", ""), log.subList(3, 8));
    assertTrue(log.get(8).matches("commit [0-9a-f]{40}"), log.get(8));
    assertEquals("    first", log.get(12));
    assertEquals(13, log.size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "fs"})
  void logLimitsAndFiltersByPath(String kind) {
    Path repo = store(kind);
    in(repo, "set", "notes/a", "1", "-m", "add a").ok();
    in(repo, "set", "other", "1", "-m", "add other").ok();
    in(repo, "set", "notes/b", "1", "-m", "add b").ok();
    in(repo, "set", "notes/a", "2", "-m", "change a").ok();
    in(repo, "rm", "notes/a", "-m", "remove a").ok();

    List<String> all = in(repo, "log", "--oneline").ok().lines();
    assertEquals(5, all.size());
    assertTrue(all.get(0).matches("[0-9a-f]{7} remove a"), all.get(0));
    assertEquals(all.subList(0, 2), in(repo, "log", "--oneline", "-n", "2").ok().lines());
    assertEquals(List.of(), in(repo, "log", "--oneline", "-n", "0").ok().lines());

    assertEquals(List.of("remove a", "change a", "add a"), messages(in(repo, "log", "--oneline", "notes/a")));
    assertEquals(List.of("remove a", "change a", "add b", "add a"), messages(in(repo, "log", "--oneline", "notes")));
    assertEquals(List.of("add other"), messages(in(repo, "log", "--oneline", "other")));
    assertEquals(List.of("remove a", "change a"), messages(in(repo, "log", "--oneline", "-n", "2", "notes/a")));
    assertEquals(List.of(), messages(in(repo, "log", "--oneline", "never")));
    assertTrue(in(repo, "log", "-n", "1", "notes/b").ok().out().contains("    add b\n"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "fs"})
  void logWithAPathSkipsMergesThatTookOneSide(String kind) {
    Path repo = store(kind);
    in(repo, "set", "a", "1", "-m", "base").ok();
    in(repo, "branch", "create", "side").ok();
    in(repo, "set", "a", "2", "-m", "side edit", "-b", "side").ok();
    in(repo, "set", "b", "1", "-m", "main edit").ok();
    in(repo, "merge", "side", "-m", "merge side").ok();
    List<String> all = messages(in(repo, "log", "--oneline"));
    assertEquals("merge side", all.get(0));
    // Commits made in the same second come in any order.
    assertEquals(Set.of("main edit", "side edit", "base"), Set.copyOf(all.subList(1, 4)));
    assertEquals(Set.of("side edit", "base"), Set.copyOf(messages(in(repo, "log", "--oneline", "a"))));
    List<String> full = in(repo, "log", "-n", "1").ok().lines();
    assertTrue(full.get(1).matches("Merge: [0-9a-f]{7} [0-9a-f]{7}"), full.toString());
  }

  private static List<String> messages(GroveRun run) {
    return run.ok().lines().stream().map(l -> l.substring(8)).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "fs"})
  void diffListsAddedRemovedAndChangedValuesLikeGitNameStatus(String kind) {
    Path repo = store(kind);
    in(repo, "set", "keep", "1").ok();
    in(repo, "set", "dir/change", "1").ok();
    in(repo, "set", "dir/remove", "1").ok();
    in(repo, "branch", "create", "later").ok();
    in(repo, "set", "dir/change", "2", "-b", "later").ok();
    in(repo, "rm", "dir/remove", "-b", "later").ok();
    in(repo, "set", "new/value", "1", "-b", "later").ok();

    assertEquals(List.of("M\tdir/change", "D\tdir/remove", "A\tnew/value"),
        in(repo, "diff", "main", "later").ok().lines());
    assertEquals(List.of("M\tdir/change", "A\tdir/remove", "D\tnew/value"),
        in(repo, "diff", "later", "main").ok().lines());
    assertEquals(List.of("M\tdir/change", "D\tdir/remove"), in(repo, "diff", "main", "later", "dir").ok().lines());
    assertEquals(List.of(), in(repo, "diff", "main", "main").ok().lines());
  }

  @ParameterizedTest
  @ValueSource(strings = {"git", "fs"})
  void revisionsAreBranchesFullIdsOrUniquePrefixes(String kind) {
    Path repo = store(kind);
    in(repo, "set", "a", "1").ok();
    in(repo, "set", "b", "2").ok();
    String older = id(repo, 1);
    assertEquals(List.of("A\tb"), in(repo, "diff", older, "main").ok().lines());
    assertEquals(List.of("A\tb"), in(repo, "diff", older.substring(0, 4), "main").ok().lines());
    assertEquals(List.of("D\tb"), in(repo, "diff", "main", older.substring(0, 9).toUpperCase()).ok().lines());

    in(repo, "diff", "nope", "main").fails(ExitCodes.FAILED, "unknown revision 'nope': no branch or commit of that name");
    in(repo, "diff", older.substring(0, 3), "main").fails(ExitCodes.FAILED, "give at least 4 hex digits");
    String missing = older.charAt(0) == '0' ? "1" + older.substring(1) : "0" + older.substring(1);
    in(repo, "diff", missing, "main").fails(ExitCodes.FAILED, "unknown revision '" + missing + "'");
    String tree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"; // the empty tree: an id, not a commit
    in(repo, "diff", tree, "main").fails(ExitCodes.FAILED, "unknown revision");
  }
}
