package dev.grove.browser.api;

import static org.junit.jupiter.api.Assertions.fail;

import dev.grove.browser.testing.Chromium;
import dev.grove.browser.testing.StaticServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A smoke test of grove.js on IndexedDB in headless Chromium: a page opens a store and uses
 * the API (set, get, transactions, merge, watch), then the page is reloaded and a second load
 * reads it all back. Each check of {@code src/test/js/chromium-smoke.mjs} is a test of its own.
 */
class GroveJsChromiumTest {
  private static final String WAIT_AND_RUN = "const done = arguments[arguments.length - 1];"
      + " const phase = arguments[0];"
      + " const start = Date.now();"
      + " (function poll() {"
      + "   if (typeof window.groveSmoke === 'function') {"
      + "     window.groveSmoke(phase).then(done, e => done({broken: String(e && e.stack || e)}));"
      + "   } else if (Date.now() - start > 20000) {"
      + "     done({broken: 'the page did not load grove.js within 20 s'});"
      + "   } else { setTimeout(poll, 20); }"
      + " })();";

  @TestFactory
  @DisplayName("grove.js on IndexedDB in Chromium")
  List<DynamicNode> smoke() throws Exception {
    Path grove = NodeScript.groveDir().toPath();
    Path site = Files.createTempDirectory("grove-js-smoke-");
    List<DynamicNode> tests = new ArrayList<>();
    try {
      Files.copy(grove.resolve("grove.js"), site.resolve("grove.js"));
      for (String page : List.of("chromium-smoke.html", "chromium-smoke.mjs")) {
        Files.copy(NodeScript.script(page).toPath(), site.resolve(page),
            StandardCopyOption.REPLACE_EXISTING);
      }
      try (StaticServer server = StaticServer.serve(site); Chromium chromium = Chromium.start()) {
        chromium.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        String url = server.url("chromium-smoke.html");
        chromium.open(url);
        Map<String, Object> written = run(chromium, "write");
        addChecks(tests, "page load 1", written, chromium);
        Object head = written.get("head");
        chromium.open("about:blank");
        chromium.open(url);
        Map<String, Object> read = run(chromium, head == null ? "missing head" : head.toString());
        addChecks(tests, "page load 2", read, chromium);
      }
    } finally {
      try (Stream<Path> files = Files.walk(site)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return tests;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> run(Chromium chromium, String phase) {
    Object result = chromium.driver().executeAsyncScript(WAIT_AND_RUN, phase);
    if (!(result instanceof Map)) {
      fail("the smoke page answered " + result);
    }
    return (Map<String, Object>) result;
  }

  @SuppressWarnings("unchecked")
  private static void addChecks(List<DynamicNode> tests, String load, Map<String, Object> result,
      Chromium chromium) {
    Object broken = result.get("broken");
    List<String> console = chromium.console();
    if (broken != null) {
      tests.add(DynamicTest.dynamicTest(load + " ran", () -> fail(broken + "\nconsole:\n"
          + String.join("\n", console))));
      return;
    }
    for (Map<String, Object> check : (List<Map<String, Object>>) result.get("checks")) {
      String name = load + ": " + check.get("name");
      boolean ok = Boolean.TRUE.equals(check.get("ok"));
      Object detail = check.get("detail");
      tests.add(DynamicTest.dynamicTest(name, () -> {
        if (!ok) {
          fail(name + " failed: " + detail + "\nconsole:\n" + String.join("\n", console));
        }
      }));
    }
  }
}
