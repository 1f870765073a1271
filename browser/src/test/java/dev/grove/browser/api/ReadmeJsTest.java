package dev.grove.browser.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.grove.browser.testing.Chromium;
import dev.grove.browser.testing.StaticServer;
import dev.grove.server.http.GroveServer;
import dev.grove.server.http.Scope;
import dev.grove.server.http.ServerConfig;
import dev.grove.server.storage.Durability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every JavaScript sample of the README, run in headless Chromium on IndexedDB with the built
 * grove.js, in order, in one page origin (so the second sample finds the first one's store), with
 * a real Grove server on loopback for the sync sample. Each line that shows {@code // → value}
 * is a check of its own ({@code src/test/js/readme.mjs} says how a value is compared). As the
 * README's reader would, the test puts the server's address and a token where the README shows
 * {@code http://127.0.0.1:7070} and {@code 'grove_…'}.
 */
class ReadmeJsTest {
  private static final Pattern JS_BLOCK = Pattern.compile("(?ms)^```js\\n(.*?)^```");
  private static final Pattern COMMENT = Pattern.compile("(^|\\s+)// (.*)$");
  private static final String ARROW = "→ ";
  private static final String CALL = "const done = arguments[arguments.length - 1]; const file = arguments[0];"
      + " const start = Date.now();"
      + " (function poll() {"
      + "   if (typeof window.runSample === 'function') {"
      + "     window.runSample(file).then(checks => done({checks}),"
      + "       e => done({error: String(e && e.stack || e) + (e && e.code ? ' (code ' + e.code + ')' : '')}));"
      + "   } else if (Date.now() - start > 20000) {"
      + "     done({error: 'the page did not load readme.mjs within 20 s'});"
      + "   } else { setTimeout(poll, 20); }"
      + " })();";

  @TempDir
  Path tmp;

  @TestFactory
  List<DynamicTest> everyJavaScriptSampleGivesWhatTheReadmeShows() throws Exception {
    Path site = Files.createDirectories(tmp.resolve("site"));
    Files.copy(NodeScript.groveDir().toPath().resolve("grove.js"), site.resolve("grove.js"));
    for (String file : List.of("readme.html", "readme.mjs")) {
      Files.copy(NodeScript.script(file).toPath(), site.resolve(file));
    }
    List<String> samples = samples(Files.readString(readme()));
    assertFalse(samples.isEmpty(), "the README has no js block");
    List<DynamicTest> tests = new ArrayList<>();
    try (StaticServer pages = StaticServer.serve(site); Chromium chromium = Chromium.start()) {
      String origin = pages.url("").replaceAll("/$", "");
      GroveServer server = GroveServer.start(ServerConfig.defaults(Files.createDirectories(tmp.resolve("data")))
          .withPort(0).withDurability(Durability.NO_FSYNC).withAllowedOrigins(List.of(origin)));
      try {
        String token = server.tokens().add("readme", Scope.WRITE);
        chromium.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        chromium.open(pages.url("readme.html"));
        for (int i = 0; i < samples.size(); i++) {
          String file = "sample-" + (i + 1) + ".mjs";
          Files.writeString(site.resolve(file), samples.get(i)
              .replace("http://127.0.0.1:7070", "http://127.0.0.1:" + server.port())
              .replace("'grove_…'", "'" + token + "'"));
          addResults(tests, "README js sample " + (i + 1), chromium.driver().executeAsyncScript(CALL, file), chromium);
        }
      } finally {
        server.close();
      }
    }
    return tests;
  }

  @SuppressWarnings("unchecked")
  private static void addResults(List<DynamicTest> tests, String sample, Object result, Chromium chromium) {
    Map<String, Object> answer = (Map<String, Object>) result;
    if (answer.get("error") != null) {
      tests.add(DynamicTest.dynamicTest(sample + " runs", () -> fail(sample + " failed: " + answer.get("error")
          + "\nconsole:\n" + String.join("\n", chromium.console()))));
      return;
    }
    List<Map<String, Object>> checks = (List<Map<String, Object>>) answer.get("checks");
    tests.add(DynamicTest.dynamicTest(sample + " runs", () -> assertFalse(checks.isEmpty(), sample + " checked nothing")));
    for (Map<String, Object> check : checks) {
      String name = sample + ", README line " + check.get("line") + ": → " + check.get("source");
      tests.add(DynamicTest.dynamicTest(name, () -> {
        if (!Boolean.TRUE.equals(check.get("ok"))) {
          fail(name + "\n  but it is " + check.get("actual"));
        }
      }));
    }
  }

  /** The README's js blocks, each line that shows {@code // → value} made a call of __check. */
  static List<String> samples(String readme) {
    List<String> samples = new ArrayList<>();
    Matcher block = JS_BLOCK.matcher(readme);
    while (block.find()) {
      int firstLine = lineOf(readme, block.start(1));
      samples.add(withChecks(block.group(1).split("\n", -1), firstLine));
    }
    return samples;
  }

  private static String withChecks(String[] lines, int firstLine) {
    String[] code = new String[lines.length];
    String[] expected = new String[lines.length];
    int lastCode = -1;
    for (int i = 0; i < lines.length; i++) {
      Matcher comment = COMMENT.matcher(lines[i]);
      boolean commented = comment.find();
      code[i] = commented ? lines[i].substring(0, comment.start()) : lines[i];
      if (commented && comment.group(2).startsWith(ARROW)) {
        int target = code[i].isBlank() ? lastCode : i;
        if (target < 0) {
          throw new AssertionError("README line " + (firstLine + i) + ": a value shown before any code");
        }
        expected[target] = comment.group(2).substring(ARROW.length()).replaceAll("\\s+\\(.*\\)$", "");
      }
      if (!code[i].isBlank()) {
        lastCode = i;
      }
    }
    List<String> out = new ArrayList<>();
    int statementStart = 0;
    for (int i = 0; i < lines.length; i++) {
      if (expected[i] == null) {
        if (code[i].isBlank() || code[i].stripTrailing().endsWith(";")) {
          for (int j = statementStart; j <= i; j++) {
            out.add(lines[j]);
          }
          statementStart = i + 1;
        }
        continue;
      }
      StringBuilder statement = new StringBuilder();
      for (int j = statementStart; j <= i; j++) {
        statement.append(code[j].strip()).append(' ');
      }
      String text = statement.toString().strip();
      if (!text.endsWith(";")) {
        throw new AssertionError("README line " + (firstLine + i) + ": a value is shown for a line that ends no statement");
      }
      out.add("__check(" + (firstLine + i) + ", " + jsString(expected[i]) + ", ("
          + text.substring(0, text.length() - 1) + "));");
      statementStart = i + 1;
    }
    return String.join("\n", out) + "\n";
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static String jsString(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  private static Path readme() {
    for (Path dir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("README.md")) && Files.isRegularFile(dir.resolve("pom.xml"))
          && Files.isDirectory(dir.resolve("browser"))) {
        return dir.resolve("README.md");
      }
    }
    throw new AssertionError("no README.md above " + System.getProperty("basedir", "."));
  }
}
