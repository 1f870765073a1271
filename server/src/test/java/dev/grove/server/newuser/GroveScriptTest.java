package dev.grove.server.newuser;

import static dev.grove.server.newuser.FreshClone.onPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.grove.server.newuser.FreshClone.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./grove} script, end to end, as a new user meets it: a fresh clone of the
 * project and a Maven local repository without {@code dev.grove} artifacts ({@link FreshClone}),
 * run from another directory. The first run builds; later runs start at once, rebuild when a
 * source is newer, and show the build's errors when it fails. Each build makes a class-data
 * sharing archive that commands map, and a damaged one changes nothing that a user sees. Stock
 * git reads the git store the script wrote.
 */
class GroveScriptTest {
  @TempDir
  Path tmp;

  @Test
  void buildsOnFirstUseThenWorksOnAGitStoreThatStockGitReads() throws Exception {
    assumeTrue(onPath("mvn") && onPath("git") && onPath("bash"), "needs mvn, git and bash");
    try (FreshClone fresh = FreshClone.in(tmp)) {
      buildAndRun(fresh);
    }
  }

  private void buildAndRun(FreshClone fresh) throws Exception {
    Path project = fresh.root;
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Path grove = project.resolve("grove");
    String repo = tmp.resolve("x").toString();

    Result init = fresh.run(elsewhere, "bash", grove.toString(), "init", "--backend", "git", repo);
    assertEquals(0, init.exit(), init.describe());
    assertTrue(init.err().contains("grove: building"), init.err());
    assertFalse(Files.exists(fresh.mavenRepository.resolve("dev/grove")),
        "the build installed nothing of Grove's in the local repository");
    assertEquals("created an empty git store in " + repo + "\n", init.out());

    Result set = fresh.run(elsewhere, "bash", grove.toString(), "--repo", repo, "set", "a/b", "hello", "-m", "first");
    assertEquals(0, set.exit(), set.err());
    assertEquals("", set.err(), "built already: nothing on stderr");
    Result get = fresh.run(elsewhere, "bash", grove.toString(), "--repo", repo, "get", "a/b");
    assertEquals(new Result(0, "hello", ""), get);

    // The build made the archive, and a command maps Grove's classes from it.
    Path archive = project.resolve("server/target/grove-cli.jsa");
    assertTrue(Files.isRegularFile(archive), "the build made " + archive);
    FileTime firstArchive = Files.getLastModifiedTime(archive);
    assertTrue(grovesClassesFromArchive(fresh, elsewhere, grove, repo),
        "a command loads Grove's classes from the archive");

    // An archive that another java made is left alone: that JVM would print warnings about it.
    Path jvm = project.resolve("server/target/grove-cli.jsa.jvm");
    String madeBy = Files.readString(jvm);
    Files.writeString(jvm, "/some/other/jdk/bin/java\n");
    assertFalse(grovesClassesFromArchive(fresh, elsewhere, grove, repo));
    Files.writeString(jvm, madeBy);

    // A damaged archive is ignored: the same output, nothing more on standard error.
    Result missing = fresh.run(elsewhere, "bash", grove.toString(), "--repo", repo, "get", "a/z");
    assertEquals(1, missing.exit(), missing.describe());
    Files.delete(archive);
    Files.write(archive, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    assertEquals(get, fresh.run(elsewhere, "bash", grove.toString(), "--repo", repo, "get", "a/b"));
    assertEquals(missing, fresh.run(elsewhere, "bash", grove.toString(), "--repo", repo, "get", "a/z"));
    Result text = fresh.run(elsewhere, "env", "LC_ALL=C", "LANG=C", "bash", grove.toString(), "--repo", repo,
        "set", "a/c", "café ☕");
    assertEquals(0, text.exit(), text.err());
    assertEquals("café ☕", fresh.run(elsewhere, "bash", grove.toString(), "--repo", repo, "get", "a/c").out(),
        "a value given as an argument is UTF-8 whatever the locale");

    Result log = fresh.run(elsewhere, "git", "--git-dir", repo, "log", "--format=%H %an <%ae> %s", "--name-status");
    assertEquals(0, log.exit(), log.err());
    assertTrue(log.out().contains(" Grove <grove@localhost> first\n"), log.out());
    assertTrue(log.out().contains("A\ta/b\n"), log.out());
    Result show = fresh.run(elsewhere, "git", "--git-dir", repo, "show", "main:a/b");
    assertEquals("hello", show.out());
    assertEquals(0, fresh.run(elsewhere, "git", "--git-dir", repo, "fsck", "--strict").exit());

    // A build that fails shows Maven's errors and runs nothing.
    Path cli = project.resolve("server/src/main/java/dev/grove/server/cli");
    Files.writeString(cli.resolve("Broken.java"), "package dev.grove.server.cli;\nclass Broken {\n");
    Result broken = fresh.run(elsewhere, "bash", grove.toString(), "--repo", repo, "get", "a/b");
    assertEquals(1, broken.exit());
    assertEquals("", broken.out());
    assertTrue(broken.err().contains("Broken.java"), broken.err());
    assertTrue(broken.err().contains("grove: the build failed"), broken.err());

    // Fixed, and a source newer than the last build: it builds again, then runs.
    Files.delete(cli.resolve("Broken.java"));
    Files.setLastModifiedTime(cli.resolve("Main.java"), FileTime.from(Instant.now().plusSeconds(2)));
    Result rebuilt = fresh.run(elsewhere, "bash", grove.toString(), "--repo", repo, "get", "a/b");
    assertEquals(0, rebuilt.exit(), rebuilt.err());
    assertTrue(rebuilt.err().contains("grove: building"), rebuilt.err());
    assertEquals("hello", rebuilt.out());
    assertTrue(Files.size(archive) > 1_000_000, "the rebuild made the archive again");
    assertTrue(Files.getLastModifiedTime(archive).compareTo(firstArchive) > 0);
    assertTrue(grovesClassesFromArchive(fresh, elsewhere, grove, repo));
  }

  /** Whether a {@code get} loaded {@code dev.grove} classes from the CDS archive. */
  private boolean grovesClassesFromArchive(FreshClone fresh, Path dir, Path grove, String repo)
      throws Exception {
    Path log = tmp.resolve("class-load.log");
    Result get = fresh.run(dir, Map.of("GROVE_JAVA_OPTS", "-Xlog:class+load=info:file=" + log),
        "bash", grove.toString(), "--repo", repo, "get", "a/b");
    // Not the standard error: Main.java's time, 2 s ahead, can make this run build once more.
    assertEquals(0, get.exit(), get.describe());
    assertEquals("hello", get.out());
    return Files.readAllLines(log).stream()
        .anyMatch(line -> line.contains(" dev.grove.") && line.contains("source: shared objects file"));
  }
}
