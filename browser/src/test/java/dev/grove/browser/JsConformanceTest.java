package dev.grove.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.grove.conformance.ConformanceCase;
import dev.grove.conformance.ConformanceSuite;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the conformance suite compiled to JavaScript by TeaVM ({@code ConformanceMain}) in Node,
 * and reports each case as its own test, named by the case's id.
 */
class JsConformanceTest {
  private static final Pattern CASE = Pattern.compile("^(PASS|FAIL) (\\S+) \\((\\d+) ms\\)$");
  private static final Pattern SUMMARY =
      Pattern.compile("^conformance: (\\d+) passed, (\\d+) failed$");
  private static final long TIMEOUT_MINUTES = 10;

  private record JsCase(String id, boolean passed, String details) {}

  @TestFactory
  @DisplayName("memory backend in JavaScript")
  List<DynamicNode> memoryBackendInJavaScript() throws Exception {
    File dir = new File(System.getProperty("grove.js.dir", "target/javascript"));
    File launcher = new File(dir, "run-conformance.js");
    if (!new File(dir, "conformance.js").isFile() || !launcher.isFile()) {
      fail("No compiled JavaScript in " + dir.getAbsolutePath()
          + ": build it with Maven from the repository root: mvn -pl browser -am verify");
    }
    requireNode();

    File output = new File(dir, "conformance-output.txt");
    Process node = new ProcessBuilder("node", launcher.getName())
        .directory(dir)
        .redirectErrorStream(true)
        .redirectOutput(output)
        .start();
    if (!node.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      node.destroyForcibly();
      fail("The JavaScript conformance run took over " + TIMEOUT_MINUTES + " minutes; output so far:\n"
          + Files.readString(output.toPath(), StandardCharsets.UTF_8));
    }
    int exitCode = node.exitValue();
    String text = Files.readString(output.toPath(), StandardCharsets.UTF_8);
    System.out.print(text);

    List<JsCase> cases = new ArrayList<>();
    Matcher summary = null;
    List<String> lines = text.lines().collect(Collectors.toList());
    for (int i = 0; i < lines.size(); i++) {
      Matcher matcher = CASE.matcher(lines.get(i));
      if (matcher.matches()) {
        StringBuilder details = new StringBuilder();
        while (i + 1 < lines.size() && lines.get(i + 1).startsWith("    ")) {
          details.append(lines.get(++i).substring(4)).append('\n');
        }
        cases.add(new JsCase(matcher.group(2), matcher.group(1).equals("PASS"), details.toString()));
        continue;
      }
      Matcher end = SUMMARY.matcher(lines.get(i));
      if (end.matches()) {
        summary = end;
      }
    }

    List<DynamicNode> tests = new ArrayList<>();
    for (JsCase jsCase : cases) {
      tests.add(DynamicTest.dynamicTest(jsCase.id(), () -> {
        if (!jsCase.passed()) {
          fail(jsCase.id() + " failed on the memory backend in JavaScript:\n" + jsCase.details());
        }
      }));
    }
    Matcher finalSummary = summary;
    tests.add(DynamicTest.dynamicTest("every case ran, summary and exit status agree", () -> {
      if (finalSummary == null) {
        fail("node exited with " + exitCode + " and printed no 'conformance: N passed, M failed'"
            + " line; its output:\n" + text);
      }
      List<String> expected = ConformanceSuite.cases().stream()
          .map(ConformanceCase::id).collect(Collectors.toList());
      List<String> ran = cases.stream().map(JsCase::id).collect(Collectors.toList());
      assertEquals(expected, ran, "the cases run in JavaScript are the suite's cases, in order");
      long failed = cases.stream().filter(c -> !c.passed()).count();
      assertEquals(cases.size() - failed, Long.parseLong(finalSummary.group(1)), "passed count");
      assertEquals(failed, Long.parseLong(finalSummary.group(2)), "failed count");
      assertEquals(failed == 0 ? 0 : 1, exitCode, "node's exit status; its output:\n" + text);
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
      fail("Node.js is needed to run the conformance suite compiled to JavaScript, and 'node' is"
          + " not on the PATH: install Node.js (18 or later), e.g. apt-get install -y nodejs");
    }
  }
}
