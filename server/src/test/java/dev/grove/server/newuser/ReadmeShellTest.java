package dev.grove.server.newuser;

import static dev.grove.server.newuser.FreshClone.onPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.grove.server.newuser.FreshClone.Result;
import dev.grove.server.newuser.ReadmeSamples.Block;
import dev.grove.server.newuser.ReadmeSamples.Command;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every shell sample of the README, run as a new user runs it: in a fresh clone with a Maven
 * local repository that holds nothing of Grove's ({@link FreshClone}), in order, each
 * {@code console} block in one bash session, and what each command prints compared with what
 * the README shows ({@link ReadmeSamples} gives the format). A command must exit with status 0
 * unless the README shows it printing an error ({@code grove: …}).
 *
 * <p>Two commands are run differently, as the README's reader runs them: {@code ./grove serve}
 * goes on serving in the background for the rest of the README (on a free port instead of
 * 7070, which the commands and their output are rewritten to), and the token it prints is the
 * one the reader pastes for {@code grove_…}. {@code ./run-tests} is not run: it is the command
 * that runs this test.
 */
class ReadmeShellTest {
  private static final Set<String> NOT_RUN = Set.of("./run-tests");
  private static final String SERVE = "./grove serve";
  private static final String ADDRESS = "127.0.0.1:7070";
  private static final Pattern TOKEN = Pattern.compile("#token=(grove_[A-Za-z0-9_-]+)");

  @TempDir
  static Path tmp;
  private static FreshClone fresh;
  private static Process server;
  private static Path serverOutput;
  private static String address = ADDRESS;
  private static String token = "grove_…";

  @BeforeAll
  static void cloneAndBuild() throws Exception {
    assumeTrue(onPath("mvn") && onPath("git") && onPath("bash") && onPath("node"), "needs mvn, git, bash and node");
    fresh = FreshClone.in(tmp);
    // The build a new user's first ./grove makes (GroveScriptTest checks what it prints).
    Result built = fresh.run(fresh.root, "bash", "./grove", "--version");
    assertEquals(0, built.exit(), built.describe());
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.destroy();
      server.waitFor();
    }
    if (fresh != null) {
      fresh.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyShellSamplePrintsWhatTheReadmeShows() throws IOException {
    String readme = Files.readString(fresh.root.resolve("README.md"));
    List<DynamicTest> tests = new ArrayList<>();
    for (Block block : ReadmeSamples.blocks(readme)) {
      assertTrue(Set.of("console", "js", "java", "xml").contains(block.language()),
          "README line " + block.line() + ": a code block is console (run here), js (ReadmeJsTest), java or"
              + " xml (JavaLibraryTest), not '" + block.language() + "'");
      if (block.language().equals("console")) {
        tests.add(DynamicTest.dynamicTest("README line " + block.line(), () -> run(block)));
      }
    }
    return tests.stream();
  }

  private static void run(Block block) throws Exception {
    List<Command> commands = ReadmeSamples.commands(block);
    List<Command> scripted = new ArrayList<>();
    for (Command command : commands) {
      if (command.text().equals(SERVE)) {
        startServer(command);
      } else if (!NOT_RUN.contains(command.text())) {
        scripted.add(command);
      }
    }
    if (scripted.isEmpty()) {
      return;
    }
    Path outputs = Files.createTempDirectory(tmp, "outputs");
    StringBuilder script = new StringBuilder("cd " + quote(fresh.root.toString()) + " || exit 99\n");
    for (int i = 0; i < scripted.size(); i++) {
      script.append("{\n").append(toReader(scripted.get(i).text())).append("\n} >")
          .append(quote(outputs.resolve(Integer.toString(i)).toString())).append(" 2>&1\n")
          .append("echo $? >").append(quote(outputs.resolve(i + ".status").toString())).append('\n');
    }
    // mktemp makes its directories in the test's own directory.
    Result result = fresh.run(fresh.root, Map.of("TMPDIR", tmp.toString()), "bash", "-c", script.toString());
    List<String> mismatches = new ArrayList<>();
    for (int i = 0; i < scripted.size(); i++) {
      Command command = scripted.get(i);
      Path printedFile = outputs.resolve(Integer.toString(i));
      List<String> printed = Files.exists(printedFile) ? lines(Files.readString(printedFile, StandardCharsets.UTF_8)) : List.of();
      Path statusFile = outputs.resolve(i + ".status");
      String status = Files.exists(statusFile) ? Files.readString(statusFile).trim() : "(not run)";
      boolean showsAnError = command.printed().stream().anyMatch(l -> l.startsWith("grove: "));
      if (!ReadmeSamples.matches(command.printed(), printed) || !status.equals("0") && !showsAnError) {
        mismatches.add("README line " + command.line() + ": $ " + command.text() + "\n  the README shows:\n"
            + indent(command.printed()) + "  it printed (exit status " + status + "):\n" + indent(printed));
      }
    }
    if (!mismatches.isEmpty()) {
      fail(String.join("\n", mismatches) + "\n(bash: " + result.describe() + ")");
    }
  }

  /** Starts {@code ./grove serve} for the rest of the README and checks what it prints first. */
  private static void startServer(Command command) throws Exception {
    assertTrue(server == null, "README line " + command.line() + ": the README starts the server twice");
    serverOutput = tmp.resolve("serve.out");
    ProcessBuilder builder = new ProcessBuilder("bash", "./grove", "serve", "--port", "0")
        .directory(fresh.root.toFile()).redirectErrorStream(true).redirectOutput(serverOutput.toFile());
    builder.environment().putAll(fresh.environment());
    server = builder.start();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    List<String> printed = List.of();
    while (Instant.now().isBefore(deadline) && server.isAlive()) {
      printed = lines(Files.readString(serverOutput, StandardCharsets.UTF_8));
      if (printed.size() >= command.printed().size() && printed.stream().anyMatch(l -> l.contains("#token="))) {
        break;
      }
      Thread.sleep(100);
    }
    String all = String.join("\n", printed);
    Matcher url = Pattern.compile("on http://(127\\.0\\.0\\.1:\\d+)").matcher(all);
    Matcher tokenMatch = TOKEN.matcher(all);
    assertTrue(url.find() && tokenMatch.find(), "./grove serve printed no address and token:\n" + all);
    address = url.group(1);
    token = tokenMatch.group(1);
    List<String> shown = printed.subList(0, Math.min(printed.size(), command.printed().size()));
    if (!ReadmeSamples.matches(command.printed(), fromReader(shown))) {
      fail("README line " + command.line() + ": $ " + command.text() + "\n  the README shows:\n"
          + indent(command.printed()) + "  it printed:\n" + indent(fromReader(printed)));
    }
  }

  /** A command as the reader would type it here: the server's real address, the real token. */
  private static String toReader(String command) {
    return command.replace(ADDRESS, address).replace("grove_…", token);
  }

  /** Output as the README shows it: the server at 7070. */
  private static List<String> fromReader(List<String> printed) {
    return printed.stream().map(l -> l.replace(address, ADDRESS)).toList();
  }

  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>();
    // Maven's colour codes: a terminal shows nothing for them.
    for (String line : text.replaceAll("\u001B\\[[0-9;]*m", "").split("\n")) {
      if (!line.isBlank()) {
        lines.add(line.replace(address, ADDRESS));
      }
    }
    return lines;
  }

  private static String indent(List<String> lines) {
    StringBuilder out = new StringBuilder();
    lines.forEach(l -> out.append("    ").append(l).append('\n'));
    return out.toString();
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
