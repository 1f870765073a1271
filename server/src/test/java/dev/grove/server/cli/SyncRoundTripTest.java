package dev.grove.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.hash.ObjectId;
import dev.grove.server.storage.Stores;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** clone, push, pull and sync through the command line, against a real server, on every pair of backends. */
class SyncRoundTripTest extends SyncCliTestBase {

  @ParameterizedTest(name = "server {0}, clients {1} and {2}")
  @CsvSource({"git, git, fs", "fs, fs, git", "git, fs, fs", "fs, git, git"})
  void cloneAndPushAndPullAndSyncRoundTrip(String serverKind, String firstKind, String secondKind) {
    serve(serverKind);
    Path a = store(firstKind);
    in(a, "set", "notes/a", "one", "-m", "first").ok();
    assertEquals(List.of("added remote origin " + url()), in(a, "remote", "add", "origin", url() + "/").ok().lines());
    String pushed = in(a, "push", "--token", token()).ok().out();
    assertTrue(pushed.startsWith("created origin/main at " + Revisions.abbrev(head(a, "main")) + " ("), pushed);
    assertEquals(Optional.of(Stores.Kind.parse(serverKind).orElseThrow()), Stores.kindOf(server.directory("notes")),
        "the first push created the repository with the server's backend");
    assertEquals(head(a, "main"), serverHead());

    Path b = dir.resolve("b");
    GroveRun clone = grove("clone", url(), b.toString(), "--backend", secondKind, "--token", token()).ok();
    assertEquals(List.of("cloned " + url() + " into " + b + " (" + (secondKind.equals("fs") ? "an " : "a ") + secondKind + " store), 1 branch:",
        "  main  " + Revisions.abbrev(head(a, "main"))), clone.lines());
    assertEquals(Optional.of(Stores.Kind.parse(secondKind).orElseThrow()), Stores.kindOf(b));
    assertEquals("one", in(b, "get", "notes/a").ok().out());
    assertEquals(List.of("origin  " + url()), in(b, "remote").ok().lines());

    in(b, "set", "notes/b", "two").ok();
    String updated = in(b, "push", "--token", token()).ok().out();
    assertTrue(updated.startsWith("updated origin/main to " + Revisions.abbrev(head(b, "main"))), updated);
    String pulled = in(a, "pull", "--token", token()).ok().out();
    assertTrue(pulled.startsWith("fast-forwarded main to " + Revisions.abbrev(head(b, "main")) + " (origin/main, "), pulled);
    assertEquals("two", in(a, "get", "notes/b").ok().out());
    assertTrue(in(a, "pull", "--token", token()).ok().out().startsWith("already up to date: main contains origin/main"));
    assertTrue(in(b, "push", "--token", token()).ok().out().startsWith("everything up to date"));

    // Concurrent edits of different keys: each side syncs; the second merges.
    in(a, "set", "notes/c", "from a").ok();
    in(b, "set", "notes/d", "from b").ok();
    assertTrue(in(a, "sync", "--token", token()).ok().out().startsWith("synced main with origin/main at "));
    String merged = in(b, "sync", "--token", token(), "-m", "merge a's edits", "--author", "Bea <bea@example.com>")
        .ok().out();
    assertTrue(merged.startsWith("synced main with origin/main at " + Revisions.abbrev(head(b, "main"))), merged);
    assertTrue(in(a, "sync", "--token", token()).ok().out().startsWith("synced main"));
    assertTrue(in(a, "sync", "--token", token()).ok().out().startsWith("already in sync: main and origin/main are at "));
    ObjectId top = serverHead();
    assertEquals(top, head(a, "main"));
    assertEquals(top, head(b, "main"));
    for (Path side : List.of(a, b)) {
      assertEquals("from a", in(side, "get", "notes/c").ok().out());
      assertEquals("from b", in(side, "get", "notes/d").ok().out());
      in(side, "fsck").ok();
    }
    String log = in(a, "log").ok().out();
    assertTrue(log.contains("merge a's edits") && log.contains("Bea <bea@example.com>"), log);
    in(server.directory("notes"), "fsck").ok();
  }

  @Test
  void aNonFastForwardPushIsRefusedAndForceReplaces() {
    serve("git");
    Path a = published("git", "x", "1");
    Path b = cloned("b", "fs");
    in(a, "set", "x", "2").ok();
    in(a, "push", "--token", token()).ok();
    in(b, "set", "y", "3").ok();
    in(b, "push", "--token", token())
        .fails(1, "rejected: the remote branch main has commits you do not have; pull first (or push --force)");
    assertEquals(head(a, "main"), serverHead(), "nothing changed on the server");

    assertTrue(in(b, "push", "--force", "--token", token()).ok().out()
        .startsWith("forced origin/main to " + Revisions.abbrev(head(b, "main"))));
    assertEquals(head(b, "main"), serverHead());
    in(server.directory("notes"), "fsck").ok();
  }

  @Test
  void aConflictIsListedAndNothingIsMergedOrPushed() {
    serve("fs");
    Path a = published("git", "k", "start");
    Path b = cloned("b", "git");
    in(a, "set", "k", "from a").ok();
    in(a, "push", "--token", token()).ok();
    in(b, "set", "k", "from b").ok();
    ObjectId before = head(b, "main");
    GroveRun sync = in(b, "sync", "--token", token())
        .fails(1, "merging origin/main into main: 1 conflict; nothing was merged or pushed");
    assertEquals(1, sync.lines().size(), sync.out());
    assertTrue(sync.lines().get(0).startsWith("CONFLICT k: "), sync.out());
    assertEquals(before, head(b, "main"));
    assertEquals(head(a, "main"), serverHead());

    GroveRun pull = in(b, "pull", "--token", token()).fails(1, "merging origin/main into main: 1 conflict");
    assertTrue(pull.out().startsWith("CONFLICT k: "), pull.out());
    assertEquals(before, head(b, "main"));
  }

  @Test
  void otherBranchesAndRemotes() {
    serve("git");
    Path a = published("git", "k", "v");
    in(a, "branch", "create", "phone").ok();
    in(a, "set", "p", "on the phone", "--branch", "phone").ok();
    in(a, "push", "--branch", "phone", "--token", token()).ok();
    in(a, "remote", "add", "mirror", server.url("mirror")).ok();
    in(a, "push", "mirror", "--token", token()).ok();
    assertEquals(List.of("mirror  " + server.url("mirror"), "origin  " + url()), in(a, "remote").ok().lines());

    Path b = cloned("b", "git");
    assertEquals("on the phone", in(b, "get", "p", "--branch", "phone").ok().out());
    Path c = store("fs");
    in(c, "remote", "add", "m", server.url("mirror")).ok();
    assertTrue(in(c, "pull", "m", "--token", token()).ok().out().startsWith("fast-forwarded main to "));
    assertEquals("v", in(c, "get", "k").ok().out());
    in(c, "pull", "m", "--branch", "nope", "--token", token()).fails(1, "branch_not_found");
  }
}
