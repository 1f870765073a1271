package dev.grove.browser.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs a Node test script of {@code src/test/js} that prints {@code PASS name} or
 * {@code FAIL name} (then its reason, indented by four spaces) per case and a closing
 * {@code label: N passed, M failed} line, and turns each case into a JUnit test of its own.
 */
final class NodeScript {
  private static final Pattern CASE = Pattern.compile("^(PASS|FAIL) (.+)$");
  private static final Pattern SUMMARY = Pattern.compile("^\\w+: (\\d+) passed, (\\d+) failed$");
  private static final long TIMEOUT_MINUTES = 5;

  private NodeScript() {}

  /** Where TeaVM wrote grove.js, grove.d.ts and package.json. */
  static File groveDir() {
    File dir = new File(System.getProperty("grove.js.dir", "target/javascript"), "grove");
    if (!new File(dir, "grove.js").isFile()) {
      fail("No grove.js in " + dir.getAbsolutePath()
          + ": build it with Maven from the repository root: mvn -pl browser -am package");
    }
    return dir;
  }

  /** {@code src/test/js/name} of this module. */
  static File script(String name) {
    return new File(new File(System.getProperty("basedir", "."), "src/test/js"), name);
  }

  /** Runs {@code node script args...} and returns one dynamic test per case, plus one for the summary. */
  static List<DynamicNode> run(File script, String... args) throws Exception {
    requireNode();
    List<String> command = new ArrayList<>(List.of("node", script.getAbsolutePath()));
    command.addAll(List.of(args));
    File output = File.createTempFile("grove-js-", ".txt");
    output.deleteOnExit();
    Process node = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output).start();
    if (!node.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      node.destroyForcibly();
      fail(script.getName() + " took over " + TIMEOUT_MINUTES + " minutes; output so far:\n"
          + Files.readString(output.toPath(), StandardCharsets.UTF_8));
    }
    int exitCode = node.exitValue();
    String text = Files.readString(output.toPath(), StandardCharsets.UTF_8);
    System.out.print(text);

    List<DynamicNode> tests = new ArrayList<>();
    int passed = 0;
    int failed = 0;
    Matcher summary = null;
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      Matcher matcher = CASE.matcher(lines.get(i));
      if (matcher.matches()) {
        StringBuilder details = new StringBuilder();
        while (i + 1 < lines.size() && lines.get(i + 1).startsWith("    ")) {
          details.append(lines.get(++i).substring(4)).append('\n');
        }
        boolean ok = matcher.group(1).equals("PASS");
        if (ok) {
          passed++;
        } else {
          failed++;
        }
        String name = matcher.group(2);
        tests.add(DynamicTest.dynamicTest(name, () -> {
          if (!ok) {
            fail(name + ":\n" + details);
          }
        }));
        continue;
      }
      Matcher end = SUMMARY.matcher(lines.get(i));
      if (end.matches()) {
        summary = end;
      }
    }
    Matcher finalSummary = summary;
    int finalPassed = passed;
    int finalFailed = failed;
    tests.add(DynamicTest.dynamicTest("the script ran to its end: summary and exit status agree", () -> {
      if (finalSummary == null) {
        fail("node exited with " + exitCode + " and printed no 'N passed, M failed' line; output:\n"
            + text);
      }
      assertEquals(finalPassed, Integer.parseInt(finalSummary.group(1)), "passed count");
      assertEquals(finalFailed, Integer.parseInt(finalSummary.group(2)), "failed count");
      assertEquals(finalFailed == 0 ? 0 : 1, exitCode, "node's exit status; output:\n" + text);
    }));
    return tests;
  }

  private static void requireNode() throws InterruptedException {
    try {
      Process version = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      version.getInputStream().readAllBytes();
      if (version.waitFor() != 0) {
        fail("'node --version' failed: install Node.js (18 or later), e.g. apt-get install -y nodejs");
      }
    } catch (IOException notFound) {
      fail("Node.js is needed to test grove.js, and 'node' is not on the PATH: install Node.js"
          + " (18 or later), e.g. apt-get install -y nodejs");
    }
  }
}
