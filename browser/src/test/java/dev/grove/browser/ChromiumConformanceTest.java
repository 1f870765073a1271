package dev.grove.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.grove.browser.testing.Chromium;
import dev.grove.browser.testing.StaticServer;
import dev.grove.conformance.ConformanceCase;
import dev.grove.conformance.ConformanceSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance suite compiled by TeaVM ({@code BrowserConformanceMain}) in headless
 * Chromium: every case on the IndexedDB backend and on the memory backend, each its own test
 * named by the case's id as on the JVM, grouped by backend (in reports:
 * {@code "indexeddb in Chromium <case id>"}, {@code "memory in Chromium <case id>"}); then the
 * browser checks (other tabs, focus, schema changes, corrupt data, a full quota).
 *
 * <p>Needs Chromium and ChromeDriver (Debian's {@code chromium} and {@code chromium-driver});
 * fails with a message saying how to install them when they are missing.
 */
class ChromiumConformanceTest {
  private static final long RUN_LIMIT_MILLIS = 4 * 60_000;
  private static final long START_LIMIT_MILLIS = 30_000;
  private static final long QUOTA_BYTES = 4L << 20;

  private record Result(String id, String backend, boolean passed, String failure, long millis) {}

  /**
   * What one page load gave: its results, the browser checks it planned, and why it did not
   * finish (null when it did).
   */
  private record Run(List<Result> results, List<String> plannedChecks, String broken) {}

  private static Run suite;
  private static Run quota;

  /** One browser, two page loads: the suite and browser checks, then the quota check. */
  @BeforeAll
  static void runInChromium() throws Exception {
    Path dir = Path.of(System.getProperty("grove.js.dir", "target/javascript"));
    if (!Files.isRegularFile(dir.resolve("browser-conformance.js"))
        || !Files.isRegularFile(dir.resolve("conformance.html"))) {
      fail("No compiled browser conformance page in " + dir.toAbsolutePath()
          + ": build it with Maven from the repository root: mvn -pl browser -am verify");
    }
    try (StaticServer server = StaticServer.serve(dir);
        StaticServer quotaServer = StaticServer.serve(dir);
        Chromium chromium = Chromium.start()) {
      suite = runPage(chromium, server.url("conformance.html"));
      quota = runQuotaPage(chromium, quotaServer);
    }
  }

  @TestFactory
  @DisplayName("indexeddb in Chromium")
  List<DynamicTest> indexedDbInChromium() {
    return suiteTests("indexeddb");
  }

  @TestFactory
  @DisplayName("memory in Chromium")
  List<DynamicTest> memoryInChromium() {
    return suiteTests("memory");
  }

  /** One test per case, named by its id as on the JVM; then one that every case ran. */
  private static List<DynamicTest> suiteTests(String backend) {
    List<Result> results = suite.results().stream()
        .filter(r -> r.backend().equals(backend)).collect(Collectors.toList());
    List<DynamicTest> tests = new ArrayList<>();
    for (Result result : results) {
      tests.add(caseTest(result));
    }
    tests.add(DynamicTest.dynamicTest("every case of the suite ran", () -> {
      if (suite.broken() != null) {
        fail(suite.broken());
      }
      List<String> expected = ConformanceSuite.cases().stream()
          .map(ConformanceCase::id).collect(Collectors.toList());
      assertEquals(expected, results.stream().map(Result::id).collect(Collectors.toList()),
          "the cases run in Chromium on " + backend + " are ConformanceSuite.cases(), in order");
    }));
    return tests;
  }

  @TestFactory
  @DisplayName("browser checks in Chromium")
  List<DynamicTest> browserChecksInChromium() {
    List<Result> results = new ArrayList<>();
    for (Run run : List.of(suite, quota)) {
      run.results().stream().filter(r -> r.backend().equals("browser")).forEach(results::add);
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (Result result : results) {
      tests.add(caseTest(result));
    }
    tests.add(DynamicTest.dynamicTest("every browser check ran", () -> {
      for (Run run : List.of(suite, quota)) {
        if (run.broken() != null) {
          fail(run.broken());
        }
      }
      List<String> planned = new ArrayList<>(suite.plannedChecks());
      planned.addAll(quota.plannedChecks());
      assertEquals(planned, results.stream().map(Result::id).collect(Collectors.toList()),
          "the browser checks that ran");
      if (planned.size() < 2) {
        fail("the page planned no browser checks");
      }
    }));
    return tests;
  }

  private static DynamicTest caseTest(Result result) {
    return DynamicTest.dynamicTest(result.id(), () -> {
      if (!result.passed()) {
        fail(result.id() + " failed on " + result.backend() + " in Chromium ("
            + result.millis() + " ms):\n" + result.failure());
      }
    });
  }

  /**
   * The quota check, on a page whose origin's storage quota is lowered through DevTools. The
   * origin (a server of its own) must not have used IndexedDB before: Chromium keeps the quota
   * it found when IndexedDB first opened there, and ignores a later override.
   */
  private static Run runQuotaPage(Chromium chromium, StaticServer server)
      throws InterruptedException {
    String origin = server.url("").replaceAll("/$", "");
    try {
      chromium.cdp("Storage.overrideQuotaForOrigin",
          Map.of("origin", origin, "quotaSize", (double) QUOTA_BYTES));
    } catch (RuntimeException e) {
      return new Run(List.of(), List.of(), "cannot lower the storage quota through DevTools"
          + " (Storage.overrideQuotaForOrigin): " + e.getMessage());
    }
    try {
      return runPage(chromium, server.url("conformance.html?mode=quota"));
    } finally {
      chromium.cdp("Storage.overrideQuotaForOrigin", Map.of("origin", origin));
    }
  }

  /** Loads the page and waits (bounded) until it is done. */
  private static Run runPage(Chromium chromium, String url) throws InterruptedException {
    long start = System.currentTimeMillis();
    chromium.open(url);
    String broken = null;
    while (true) {
      Object done = chromium.eval("return window.groveConformance ? window.groveConformance.done"
          + " : null;");
      if (Boolean.TRUE.equals(done)) {
        break;
      }
      long waited = System.currentTimeMillis() - start;
      if (done == null && waited > START_LIMIT_MILLIS) {
        broken = "the page did not start the run within " + START_LIMIT_MILLIS / 1000 + " s;"
            + " browser console:\n" + String.join("\n", chromium.console());
        return new Run(List.of(), List.of(), broken);
      }
      if (waited > RUN_LIMIT_MILLIS) {
        broken = "the page did not finish within " + RUN_LIMIT_MILLIS / 1000 + " s; case under"
            + " way: " + chromium.eval("return window.groveConformance.current;")
            + "\nbrowser console:\n" + String.join("\n", chromium.console());
        break;
      }
      Thread.sleep(100);
    }
    Object error = chromium.eval("return window.groveConformance.error;");
    if (error != null && broken == null) {
      broken = "the page reported: " + error + "\nbrowser console:\n"
          + String.join("\n", chromium.console());
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> raw = (List<Map<String, Object>>) chromium.eval(
        "return window.groveConformance.results;");
    List<Result> results = new ArrayList<>();
    for (Map<String, Object> r : raw) {
      results.add(new Result((String) r.get("id"), (String) r.get("backend"),
          Boolean.TRUE.equals(r.get("passed")), (String) r.get("failure"),
          ((Number) r.get("millis")).longValue()));
    }
    @SuppressWarnings("unchecked")
    List<String> planned = (List<String>) chromium.eval(
        "return window.groveConformance.planned.browser || [];");
    long took = System.currentTimeMillis() - start;
    System.out.println("Chromium: " + url + ": " + results.size() + " results ("
        + results.stream().filter(r -> !r.passed()).count() + " failed) in " + took + " ms; "
        + summary(results));
    return new Run(results, planned, broken);
  }

  private static String summary(List<Result> results) {
    Map<String, Long> millis = results.stream().collect(
        Collectors.groupingBy(Result::backend, Collectors.summingLong(Result::millis)));
    Map<String, Long> counts = results.stream().collect(
        Collectors.groupingBy(Result::backend, Collectors.counting()));
    return counts.keySet().stream().sorted()
        .map(b -> b + ": " + counts.get(b) + " in " + millis.get(b) + " ms")
        .collect(Collectors.joining(", "));
  }
}
