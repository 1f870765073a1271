package dev.grove.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code ./grove} script, end to end, as after a fresh clone: a copy of the project's
 * sources (no build output) in a temporary directory, run from another directory. The first run
 * builds; later runs start at once, rebuild when a source is newer, and show the build's errors
 * when it fails. Stock git reads the git store the script wrote.
 */
class GroveScriptTest {
  private static final long TIMEOUT_MINUTES = 10;

  @TempDir
  Path tmp;

  record Result(int exit, String out, String err) {}

  @Test
  void buildsOnFirstUseThenWorksOnAGitStoreThatStockGitReads() throws Exception {
    assumeTrue(onPath("mvn") && onPath("git") && onPath("bash"), "needs mvn, git and bash");
    Path project = copyProject(projectRoot(), tmp.resolve("clone"));
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Path grove = project.resolve("grove");
    String repo = tmp.resolve("x").toString();

    Result init = run(elsewhere, "bash", grove.toString(), "init", "--backend", "git", repo);
    assertEquals(0, init.exit(), init.err());
    assertTrue(init.err().contains("grove: building"), init.err());
    assertEquals("created an empty git store in " + repo + "\n", init.out());

    Result set = run(elsewhere, "bash", grove.toString(), "--repo", repo, "set", "a/b", "hello", "-m", "first");
    assertEquals(0, set.exit(), set.err());
    assertEquals("", set.err(), "built already: nothing on stderr");
    Result get = run(elsewhere, "bash", grove.toString(), "--repo", repo, "get", "a/b");
    assertEquals(new Result(0, "hello", ""), get);
    Result text = run(elsewhere, "env", "LC_ALL=C", "LANG=C", "bash", grove.toString(), "--repo", repo,
        "set", "a/c", "café ☕");
    assertEquals(0, text.exit(), text.err());
    assertEquals("café ☕", run(elsewhere, "bash", grove.toString(), "--repo", repo, "get", "a/c").out(),
        "a value given as an argument is UTF-8 whatever the locale");

    Result log = run(elsewhere, "git", "--git-dir", repo, "log", "--format=%H %an <%ae> %s", "--name-status");
    assertEquals(0, log.exit(), log.err());
    assertTrue(log.out().contains(" Grove <grove@localhost> first\n"), log.out());
    assertTrue(log.out().contains("A\ta/b\n"), log.out());
    Result show = run(elsewhere, "git", "--git-dir", repo, "show", "main:a/b");
    assertEquals("hello", show.out());
    assertEquals(0, run(elsewhere, "git", "--git-dir", repo, "fsck", "--strict").exit());

    // A build that fails shows Maven's errors and runs nothing.
    Path cli = project.resolve("server/src/main/java/dev/grove/server/cli");
    Files.writeString(cli.resolve("Broken.java"), "package dev.grove.server.cli;\nclass Broken {\n");
    Result broken = run(elsewhere, "bash", grove.toString(), "--repo", repo, "get", "a/b");
    assertEquals(1, broken.exit());
    assertEquals("", broken.out());
    assertTrue(broken.err().contains("Broken.java"), broken.err());
    assertTrue(broken.err().contains("grove: the build failed"), broken.err());

    // Fixed, and a source newer than the last build: it builds again, then runs.
    Files.delete(cli.resolve("Broken.java"));
    Files.setLastModifiedTime(cli.resolve("Main.java"), FileTime.from(Instant.now().plusSeconds(2)));
    Result rebuilt = run(elsewhere, "bash", grove.toString(), "--repo", repo, "get", "a/b");
    assertEquals(0, rebuilt.exit(), rebuilt.err());
    assertTrue(rebuilt.err().contains("grove: building"), rebuilt.err());
    assertEquals("hello", rebuilt.out());
  }

  private static Result run(Path dir, String... command) throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir.getParent(), "out", ".txt");
    Path err = Files.createTempFile(dir.getParent(), "err", ".txt");
    Process process = new ProcessBuilder(command).directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in " + TIMEOUT_MINUTES
          + " minutes; stderr: " + Files.readString(err));
    }
    return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** The project root: the parent of the server module, where the tests run. */
  private static Path projectRoot() {
    Path here = Path.of("").toAbsolutePath();
    for (Path dir = here; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("grove")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new AssertionError("no project root (with ./grove) above " + here);
  }

  /** Copies what a fresh clone has that the build needs: the poms, the script, main sources. */
  private static Path copyProject(Path root, Path to) throws IOException {
    List<Path> files = new ArrayList<>(List.of(root.resolve("pom.xml"), root.resolve("grove")));
    try (Stream<Path> modules = Files.list(root)) {
      modules.filter(m -> Files.isRegularFile(m.resolve("pom.xml"))).forEach(m -> files.add(m.resolve("pom.xml")));
    }
    for (String sources : List.of("shared/src/main", "server/src/main")) {
      try (Stream<Path> walk = Files.walk(root.resolve(sources))) {
        walk.filter(Files::isRegularFile).forEach(files::add);
      }
    }
    for (Path file : files) {
      Path target = to.resolve(root.relativize(file).toString());
      Files.createDirectories(target.getParent());
      Files.copy(file, target);
    }
    return to;
  }

  private static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
  }
}
