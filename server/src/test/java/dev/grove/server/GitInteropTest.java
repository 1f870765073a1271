package dev.grove.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.backend.BackendException;
import dev.grove.backend.RefOutcome;
import dev.grove.backend.RefUpdate;
import dev.grove.backend.WriteBatch;
import dev.grove.hash.ObjectId;
import dev.grove.server.git.GitBackend;
import dev.grove.server.storage.Durability;
import dev.grove.store.Branch;
import dev.grove.store.Clock;
import dev.grove.store.CommitInfo;
import dev.grove.store.CommitView;
import dev.grove.store.MergeResult;
import dev.grove.store.Repository;
import dev.grove.store.RepositoryOptions;
import dev.grove.store.TooManyRetriesException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The git backend against stock {@code git}: each reads and writes what the other wrote. */
class GitInteropTest {
  private static final String CAFE = "notes/caf\u00e9/\u00fcber \u2713.txt";
  private static final String CAFE_VALUE = "gr\u00fc\u00dfe \uD83C\uDF32\n";
  private static final String UNICODE_MESSAGE = "\u00dcnic\u00f6de: \u00e9t\u00e9 \u2713 \uD83C\uDF32\n";

  @TempDir
  Path tmp;

  private Path home;
  private Path dir;

  @BeforeEach
  void setUp() throws IOException {
    home = Files.createDirectories(tmp.resolve("home"));
    dir = tmp.resolve("repo.git");
  }

  @Test
  void gitReadsWhatGroveWrote() {
    try (GitBackend backend = GitBackend.init(dir, Durability.FSYNC);
        Repository repo = Repository.open(backend, options())) {
      Branch main = repo.branch("main");
      main.set("docs/readme.txt", "hello, git\n", CommitInfo.message("first\n"));
      main.set("a/b/c/deep.json", "{\"deep\": true}\n", CommitInfo.message("nested\n"));
      main.set(CAFE, CAFE_VALUE, CommitInfo.by("J\u00fcrgen", "j@example.org", UNICODE_MESSAGE));
      assertEquals(RefOutcome.CREATED, repo.fork("main", "feature/x"));
      repo.branch("feature/x").set("feature/only.txt", "from the feature\n",
          CommitInfo.message("on the feature\n"));
      main.set("docs/readme.txt", "hello again, git\n", CommitInfo.message("on main\n"));
      MergeResult merge = main.mergeBranch("feature/x", CommitInfo.message("merge feature/x\n"));
      assertEquals(MergeResult.Status.MERGED, merge.status());

      assertEquals("true", git("rev-parse", "--is-bare-repository").trim());
      assertEquals("refs/heads/main", git("symbolic-ref", "HEAD").trim());
      git("fsck", "--strict", "--no-dangling");

      List<String> groveLog = main.log(100).stream().map(c -> c.id().hex())
          .collect(Collectors.toList());
      assertEquals(6, groveLog.size());
      assertEquals(groveLog, lines(git("log", "--format=%H", "main")));
      assertEquals(merge.head().hex(), git("rev-parse", "main").trim());

      assertEquals("hello again, git\n", git("show", "main:docs/readme.txt"));
      assertEquals("{\"deep\": true}\n", git("show", "main:a/b/c/deep.json"));
      assertEquals("from the feature\n", git("show", "main:feature/only.txt"));
      // A non-ASCII path goes through stdin, not the command line.
      assertEquals(CAFE_VALUE, catFileBatch("main:" + CAFE));
      assertEquals(new TreeSet<>(List.of("docs/readme.txt", "a/b/c/deep.json", CAFE,
          "feature/only.txt")), new TreeSet<>(Arrays.asList(
          git("ls-tree", "-r", "-z", "--name-only", "main").split("\0"))));

      String mergeCommit = git("cat-file", "-p", merge.head().hex());
      CommitView mergeView = repo.commit(merge.head());
      assertTrue(mergeCommit.startsWith("tree " + mergeView.commit().tree().hex() + "\n"),
          mergeCommit);
      for (ObjectId parent : mergeView.parents()) {
        assertTrue(mergeCommit.contains("\nparent " + parent.hex() + "\n"), mergeCommit);
      }
      assertEquals(2, mergeView.parents().size());
      assertEquals("commit", git("cat-file", "-t", merge.head().hex()).trim());

      CommitView unicode = main.log(100).stream()
          .filter(c -> c.message().equals(UNICODE_MESSAGE)).findFirst().orElseThrow();
      String raw = git("cat-file", "-p", unicode.id().hex());
      assertTrue(raw.contains("\nauthor J\u00fcrgen <j@example.org> "), raw);
      assertTrue(raw.endsWith("\n\n" + UNICODE_MESSAGE), raw);
      assertEquals(UNICODE_MESSAGE, git("log", "-1", "--format=%B", unicode.id().hex())
          .replaceAll("\n+$", "\n"));
    }
  }

  @Test
  void groveReadsAndExtendsWhatGitWrote() throws IOException {
    ObjectId groveHead;
    try (GitBackend backend = GitBackend.init(dir, Durability.FSYNC);
        Repository repo = Repository.open(backend, options())) {
      groveHead = repo.branch("main").set("kept/by-grove.txt", "grove\n",
          CommitInfo.message("from grove\n"));
    }

    // Stock git commits on main with plumbing, through a throwaway index.
    Map<String, String> index = Map.of("GIT_INDEX_FILE", tmp.resolve("index").toString());
    String blob = gitIn("from plumbing\n", Map.of(), "hash-object", "-w", "--stdin").trim();
    git(index, "read-tree", "main");
    git(index, "update-index", "--add", "--cacheinfo", "100644," + blob + ",git/nested/plumbing.txt");
    String tree = git(index, "write-tree").trim();
    String plumbed = gitIn("commit by git plumbing\n", Map.of(), "commit-tree", tree, "-p", "main")
        .trim();
    git("update-ref", "refs/heads/main", plumbed, groveHead.hex());

    // Stock git clones, commits with porcelain on a new branch and pushes it back.
    Path work = tmp.resolve("work");
    git(tmp, Map.of(), "clone", "-q", dir.toString(), work.toString());
    Files.createDirectories(work.resolve("cloned"));
    Files.writeString(work.resolve("cloned/value.txt"), "from a clone\n");
    git(work, Map.of(), "checkout", "-q", "-b", "from-clone");
    git(work, Map.of(), "add", "cloned/value.txt");
    git(work, Map.of(), "commit", "-q", "-m", "commit in a clone");
    git(work, Map.of(), "push", "-q", "origin", "from-clone");
    String cloned = git(work, Map.of(), "rev-parse", "HEAD").trim();

    try (GitBackend backend = GitBackend.open(dir, Durability.FSYNC);
        Repository repo = Repository.open(backend, options())) {
      Branch main = repo.branch("main");
      assertEquals(ObjectId.fromHex(plumbed), main.head().orElseThrow());
      assertEquals("from plumbing\n", main.getText("git/nested/plumbing.txt"));
      assertEquals("grove\n", main.getText("kept/by-grove.txt"));
      assertEquals(List.of(groveHead), main.headCommit().orElseThrow().parents());
      assertEquals("commit by git plumbing\n", main.headCommit().orElseThrow().message());
      assertEquals(lines(git("log", "--format=%H", "main")),
          main.log(10).stream().map(c -> c.id().hex()).collect(Collectors.toList()));

      Branch fromClone = repo.branch("from-clone");
      assertEquals(ObjectId.fromHex(cloned), fromClone.head().orElseThrow());
      assertEquals("from a clone\n", fromClone.getText("cloned/value.txt"));
      assertEquals(List.of(ObjectId.fromHex(plumbed)),
          fromClone.headCommit().orElseThrow().parents());

      // Grove writes on top of git's commits.
      ObjectId onTop = main.set("git/nested/plumbing.txt", "changed by grove\n",
          CommitInfo.message("grove on top of git\n"));
      assertEquals(List.of(ObjectId.fromHex(plumbed)), repo.commit(onTop).parents());
      assertEquals("changed by grove\n", git("show", "main:git/nested/plumbing.txt"));
      assertEquals(MergeResult.Status.MERGED,
          main.mergeBranch("from-clone", CommitInfo.message("merge the clone\n")).status());
      assertEquals("from a clone\n", git("show", "main:cloned/value.txt"));
      git("fsck", "--strict", "--no-dangling");

      // After git gc, objects and refs are packed: this same instance still reads and writes.
      git("gc", "-q", "--prune=now");
      assertTrue(Files.exists(dir.resolve("packed-refs")));
      assertEquals("from a clone\n", main.getText("cloned/value.txt"));
      ObjectId afterGc = main.set("after/gc.txt", "still here\n", CommitInfo.message("after gc\n"));
      assertEquals(afterGc.hex(), git("rev-parse", "main").trim());
      assertEquals(RefOutcome.DELETED, fromClone.delete());
      assertFalse(git("for-each-ref", "--format=%(refname)").contains("from-clone"));
      git("fsck", "--strict", "--no-dangling");
    }
  }

  @Test
  void staleRefLockIsRecoveredAndFreshOneIsNot() throws Exception {
    try (GitBackend backend = GitBackend.init(dir, Durability.FSYNC);
        Repository repo = Repository.open(backend, options().withMaxAttempts(1))) {
      Branch main = repo.branch("main");
      ObjectId first = main.set("k", "1", CommitInfo.message("one\n"));
      Path lock = dir.resolve("refs/heads/main.lock");

      // Left by a writer killed ten seconds ago: removed, and the write goes through.
      Files.writeString(lock, "0000000000000000000000000000000000000000\n");
      Files.setLastModifiedTime(lock, FileTime.fromMillis(System.currentTimeMillis() - 10_000));
      ObjectId second = main.set("k", "2", CommitInfo.message("two\n"));
      assertFalse(Files.exists(lock), "stale lock removed");
      assertEquals(List.of(first), repo.commit(second).parents());
      assertEquals(second.hex(), git("rev-parse", "main").trim());
      assertEquals("2", git("show", "main:k"));

      // Held by a writer that finishes while we wait: the write waits for it, then goes through.
      Files.writeString(lock, "");
      Thread releaser = new Thread(() -> {
        try {
          Thread.sleep(300);
          Files.delete(lock);
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      });
      releaser.start();
      ObjectId afterWait = main.set("k", "2b", CommitInfo.message("two b\n"));
      releaser.join();
      assertEquals(List.of(second), repo.commit(afterWait).parents());
      main.set("k", "2", CommitInfo.message("two again\n"));
      second = main.head().orElseThrow();

      // Held by a live writer: never removed; the compare-and-set fails and the core gives up.
      // Dated a minute ahead, so that however slow the machine it stays younger than 2 s.
      Files.writeString(lock, "");
      Files.setLastModifiedTime(lock, FileTime.fromMillis(System.currentTimeMillis() + 60_000));
      assertEquals(RefOutcome.CAS_FAILED, backend.write(WriteBatch.of(List.of(),
          new RefUpdate("main", second, first))).single());
      TooManyRetriesException gaveUp = assertThrows(TooManyRetriesException.class,
          () -> main.set("k", "3", CommitInfo.message("three\n")));
      assertEquals("too_many_retries", gaveUp.code());
      assertTrue(Files.exists(lock), "fresh lock kept");
      assertEquals(second, main.head().orElseThrow());

      // Once that writer is done, writes go through again.
      Files.delete(lock);
      ObjectId third = main.set("k", "3", CommitInfo.message("three\n"));
      assertEquals(third.hex(), git("rev-parse", "main").trim());
      git("fsck", "--strict", "--no-dangling");
    }
  }

  @Test
  void branchNameConflictIsAnError() {
    try (GitBackend backend = GitBackend.init(dir, Durability.NO_FSYNC);
        Repository repo = Repository.open(backend, options())) {
      ObjectId head = repo.branch("team").set("k", "v", CommitInfo.message("one\n"));
      BackendException nested = assertThrows(BackendException.class, () -> backend.write(
          WriteBatch.of(List.of(), new RefUpdate("team/a", ObjectId.NONE, head))));
      assertEquals("branch_name_conflict", nested.code());
      repo.branch("x/y").set("k", "v", CommitInfo.message("two\n"));
      BackendException parent = assertThrows(BackendException.class, () -> backend.write(
          WriteBatch.of(List.of(), new RefUpdate("x", ObjectId.NONE, head))));
      assertEquals("branch_name_conflict", parent.code());
      assertEquals(List.of("team", "x/y"),
          new ArrayList<>(backend.listRefs().keySet()));
    }
  }

  @Test
  void initOpenAndIsStore() throws IOException {
    assertFalse(GitBackend.isStore(dir));
    assertEquals("not_a_store", assertThrows(BackendException.class,
        () -> GitBackend.open(dir, Durability.FSYNC)).code());
    try (GitBackend backend = GitBackend.init(dir, Durability.FSYNC)) {
      assertEquals(dir, backend.directory());
    }
    assertTrue(GitBackend.isStore(dir));
    // fsync is configured in JGit's memory only: a saved core.fsyncObjectFiles makes stock Git
    // warn on every command.
    assertFalse(Files.readString(dir.resolve("config")).contains("fsync"));
    assertEquals("store_exists", assertThrows(BackendException.class,
        () -> GitBackend.init(dir, Durability.FSYNC)).code());

    Path nonBare = tmp.resolve("work");
    git(tmp, Map.of(), "init", "-q", nonBare.toString());
    assertFalse(GitBackend.isStore(nonBare.resolve(".git")));
    assertEquals("not_a_store", assertThrows(BackendException.class,
        () -> GitBackend.open(nonBare.resolve(".git"), Durability.NO_FSYNC)).code());

    Path plain = Files.createDirectories(tmp.resolve("plain"));
    Files.writeString(plain.resolve("file"), "x");
    assertFalse(GitBackend.isStore(plain));
    assertEquals("store_exists", assertThrows(BackendException.class,
        () -> GitBackend.init(plain, Durability.NO_FSYNC)).code());

    Path gitMade = tmp.resolve("git-made.git");
    git(tmp, Map.of(), "init", "-q", "--bare", gitMade.toString());
    assertTrue(GitBackend.isStore(gitMade));
    try (GitBackend backend = GitBackend.open(gitMade, Durability.NO_FSYNC);
        Repository repo = Repository.open(backend, options())) {
      assertTrue(backend.listRefs().isEmpty());
      repo.branch("main").set("k", "v", CommitInfo.message("into a git-made repository\n"));
    }
    assertEquals("v", git(gitMade, Map.of(), "--git-dir=" + gitMade, "show", "main:k"));
  }

  // ---- helpers ----

  private static RepositoryOptions options() {
    return RepositoryOptions.defaults().withClock(Clock.ticking(1_700_000_000L, 60));
  }

  private static List<String> lines(String text) {
    return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
  }

  /** Runs {@code git --git-dir=DIR args}; returns stdout. */
  private String git(String... args) {
    return git(Map.of(), args);
  }

  private String git(Map<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of("--git-dir=" + dir));
    all.addAll(List.of(args));
    return run(tmp, env, null, all);
  }

  private String gitIn(String stdin, Map<String, String> env, String... args) {
    List<String> all = new ArrayList<>(List.of("--git-dir=" + dir));
    all.addAll(List.of(args));
    return run(tmp, env, stdin.getBytes(StandardCharsets.UTF_8), all);
  }

  /** Runs {@code git args} in {@code cwd}, without {@code --git-dir}. */
  private String git(Path cwd, Map<String, String> env, String... args) {
    return run(cwd, env, null, List.of(args));
  }

  /** The content of one object, named by an expression given on stdin (for non-ASCII paths). */
  private String catFileBatch(String expression) {
    String out = run(tmp, Map.of(), (expression + "\n").getBytes(StandardCharsets.UTF_8),
        List.of("--git-dir=" + dir, "cat-file", "--batch"));
    int newline = out.indexOf('\n');
    assertTrue(out.substring(0, newline).contains(" blob "), out);
    return out.substring(newline + 1, out.length() - 1);
  }

  private String run(Path cwd, Map<String, String> env, byte[] stdin, List<String> args) {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(k -> k.startsWith("GIT_"));
    environment.put("GIT_CONFIG_NOSYSTEM", "1");
    environment.put("HOME", home.toString());
    environment.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    environment.put("GIT_AUTHOR_NAME", "Stock Git");
    environment.put("GIT_AUTHOR_EMAIL", "git@example.org");
    environment.put("GIT_AUTHOR_DATE", "1700001000 +0000");
    environment.put("GIT_COMMITTER_NAME", "Stock Git");
    environment.put("GIT_COMMITTER_EMAIL", "git@example.org");
    environment.put("GIT_COMMITTER_DATE", "1700001000 +0000");
    environment.putAll(env);
    try {
      Process process = builder.start();
      CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(
          () -> readAll(process.getInputStream()));
      CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(
          () -> readAll(process.getErrorStream()));
      try (OutputStream in = process.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin);
        }
      }
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("git timed out: " + command);
      }
      String stdout = new String(out.join(), StandardCharsets.UTF_8);
      String stderr = new String(err.join(), StandardCharsets.UTF_8);
      assertEquals(0, process.exitValue(), () -> command + " failed:\n" + stderr + stdout);
      return stdout;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static byte[] readAll(InputStream stream) {
    try (stream; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      stream.transferTo(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
