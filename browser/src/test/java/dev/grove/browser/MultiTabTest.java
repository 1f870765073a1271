package dev.grove.browser;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.grove.browser.testing.Chromium;
import dev.grove.browser.testing.StaticServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Several tabs of one headless Chromium on one store (same origin, so the same IndexedDB
 * database): they write to one branch at the same time, and nothing acknowledged may be lost;
 * each tab's watches must see the other tabs' commits. The pages are {@code
 * src/test/js/multitab.html} and {@code multitab.mjs}, served beside grove.js.
 *
 * <p>Every wait is bounded and waits for a condition (a page's result, a watch event), never a
 * fixed time.
 */
class MultiTabTest {
  private static final int TABS = 3;
  /** Commits per tab. */
  private static final int COMMITS = 40;
  /** Background tabs run at full speed: their timers drive grove.js's green threads. */
  private static final List<String> FLAGS = List.of("--disable-background-timer-throttling",
      "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows");
  private static final String CALL = "const done = arguments[arguments.length - 1];"
      + " const fn = arguments[0]; const args = arguments[1]; const start = Date.now();"
      + " (function poll() {"
      + "   if (window.multitab) {"
      + "     window.multitab[fn](...args).then(v => done({value: v === undefined ? null : v}),"
      + "       e => done({error: String(e && e.stack || e) + (e && e.code ? ' (code ' + e.code"
      + "         + ')' : '')}));"
      + "   } else if (Date.now() - start > 20000) {"
      + "     done({error: 'the page did not load multitab.mjs and grove.js within 20 s'});"
      + "   } else { setTimeout(poll, 20); }"
      + " })();";

  private static Path site;
  private static StaticServer server;

  @BeforeAll
  static void serve() throws IOException {
    File grove = new File(System.getProperty("grove.js.dir", "target/javascript"), "grove");
    if (!new File(grove, "grove.js").isFile()) {
      fail("No grove.js in " + grove.getAbsolutePath()
          + ": build it first: mvn -pl browser -am package -DskipTests");
    }
    Path tests = Path.of(System.getProperty("basedir", "."), "src", "test", "js");
    site = Files.createTempDirectory("grove-multitab-");
    Files.copy(grove.toPath().resolve("grove.js"), site.resolve("grove.js"));
    for (String page : List.of("multitab.html", "multitab.mjs")) {
      Files.copy(tests.resolve(page), site.resolve(page), StandardCopyOption.REPLACE_EXISTING);
    }
    server = StaticServer.serve(site);
  }

  @AfterAll
  static void stop() throws IOException {
    if (server != null) {
      server.close();
    }
    if (site != null) {
      try (Stream<Path> files = Files.walk(site)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Each tab writes as fast as it can: its next write starts when the last was acknowledged. */
  @Test
  @DisplayName("three tabs hammer one branch: nothing acknowledged is lost, watches see the other tabs")
  void threeTabsHammerOneBranch() throws IOException {
    hammer("hammer", 0, 0);
  }

  /**
   * Each tab waits a random 0 to 30 ms after each write, which makes the tabs' commits
   * interleave more (without it, the tab that is ahead tends to keep winning the races and to
   * write long runs of commits in a row: see the printed summaries), so that more
   * compare-and-sets are lost and test-and-set transactions conflict.
   */
  @Test
  @DisplayName("three tabs with short pauses: interleaved commits, lost races retried, nothing lost")
  void threeTabsInterleaved() throws IOException {
    hammer("interleaved", 30, 6);
  }

  /**
   * The multi-tab run on store {@code store}: {@code pause} as in {@code multitab.go}; the
   * history must change writer at least {@code minSwitches} times.
   */
  private static void hammer(String store, int pause, int minSwitches) throws IOException {
    String seedHead;
    List<String> handles = new ArrayList<>();
    List<Map<String, Object>> runs = new ArrayList<>();
    List<Map<String, Object>> watched = new ArrayList<>();
    Map<String, Object> snapshot;
    Set<String> ackedKeys = new TreeSet<>();
    Set<String> lostKeys = new TreeSet<>();
    try (Chromium chromium = Chromium.start(FLAGS)) {
      ChromeDriver driver = chromium.driver();
      driver.manage().timeouts().scriptTimeout(Duration.ofMinutes(4));
      seedHead = null;
      for (int t = 0; t < TABS; t++) {
        if (t > 0) {
          driver.switchTo().newWindow(WindowType.TAB);
        }
        chromium.open(server.url("multitab.html?tab=" + t + "&store=" + store));
        handles.add(driver.getWindowHandle());
        if (t == 0) {
          seedHead = (String) map(call(chromium, "seed")).get("head");
        }
        Map<String, Object> prepared = map(call(chromium, "prepare"));
        assertEquals(seedHead, prepared.get("head"), "tab " + t + " opened the store at the seed");
      }
      // The last tab sends the start signal; every tab then writes at once.
      call(chromium, "go", COMMITS, pause);
      for (String handle : handles) {
        driver.switchTo().window(handle);
        Map<String, Object> run = map(call(chromium, "finished", 180_000));
        if (run.get("broken") != null) {
          fail("a tab failed while writing: " + run.get("broken") + console(chromium));
        }
        runs.add(run);
        for (Map<String, Object> ack : list(run.get("acks"))) {
          ackedKeys.add((String) ack.get("key"));
        }
        for (Map<String, Object> lost : list(run.get("lost"))) {
          lostKeys.add((String) lost.get("key"));
        }
      }
      // A fresh page (a new JavaScript context, a new connection) reads the store.
      driver.switchTo().newWindow(WindowType.TAB);
      chromium.open(server.url("multitab.html?tab=check&store=" + store));
      List<String> keys = new ArrayList<>(ackedKeys);
      keys.addAll(lostKeys);
      snapshot = map(call(chromium, "snapshot", keys));
      String finalHead = (String) snapshot.get("head");
      for (String handle : handles) {
        driver.switchTo().window(handle);
        watched.add(map(call(chromium, "watched", finalHead, 30_000)));
      }
    }
    check(store, minSwitches, seedHead, runs, snapshot, watched);
  }

  private static void check(String store, int minSwitches, String seedHead,
      List<Map<String, Object>> runs, Map<String, Object> snapshot,
      List<Map<String, Object>> watched) {
    String finalHead = (String) snapshot.get("head");
    List<Map<String, Object>> log = list(snapshot.get("log"));
    List<String> logIds = log.stream().map(c -> (String) c.get("id")).toList();
    Map<String, Object> values = map(snapshot.get("values"));
    Map<String, Object> counters = map(snapshot.get("counters"));
    Set<String> present = new TreeSet<>(strings(snapshot.get("present")));

    Map<String, Set<String>> headsByTab = new LinkedHashMap<>();
    Map<String, Set<String>> keysByTab = new LinkedHashMap<>();
    Map<String, Integer> kinds = new HashMap<>();
    List<String> allHeads = new ArrayList<>();
    Map<String, String> ackedValues = new LinkedHashMap<>();
    List<String> lostKeys = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    int tooManyRetries = 0;
    int tasConflicts = 0;
    int gaveUp = 0;
    double latestStart = 0;
    double earliestEnd = Double.MAX_VALUE;
    double firstStart = Double.MAX_VALUE;
    double lastEnd = 0;
    for (Map<String, Object> run : runs) {
      String tab = (String) run.get("tab");
      latestStart = Math.max(latestStart, number(run.get("start")));
      firstStart = Math.min(firstStart, number(run.get("start")));
      earliestEnd = Math.min(earliestEnd, number(run.get("end")));
      lastEnd = Math.max(lastEnd, number(run.get("end")));
      for (Map<String, Object> ack : list(run.get("acks"))) {
        String head = (String) ack.get("head");
        headsByTab.computeIfAbsent(tab, t -> new HashSet<>()).add(head);
        keysByTab.computeIfAbsent(tab, t -> new TreeSet<>()).add((String) ack.get("key"));
        allHeads.add(head);
        ackedValues.put((String) ack.get("key"), (String) ack.get("value"));
        kinds.merge(tab + " " + ack.get("kind"), 1, Integer::sum);
        kinds.merge((String) ack.get("kind"), 1, Integer::sum);
      }
      for (Map<String, Object> lost : list(run.get("lost"))) {
        lostKeys.add((String) lost.get("key"));
        String why = (String) lost.get("why");
        if (why.equals("too_many_retries")) {
          tooManyRetries++;
        } else if (why.equals("conflict")) {
          tasConflicts++;
        } else if (why.equals("gave up: too_many_retries")) {
          gaveUp++;
        } else {
          unexpected.add(tab + " " + lost.get("kind") + " " + lost.get("key") + ": " + why);
        }
      }
    }
    int total = allHeads.size();
    // How interleaved the history is: how often a commit's writer differs from its parent's.
    int switches = 0;
    String previousWriter = null;
    for (int i = log.size() - 1; i >= 0; i--) {
      String message = (String) log.get(i).get("message");
      int by = message.lastIndexOf(" by tab ");
      String writer = by < 0 ? null : message.substring(by + 8).trim();
      if (writer != null && previousWriter != null && !writer.equals(previousWriter)) {
        switches++;
      }
      previousWriter = writer == null ? previousWriter : writer;
    }
    StringBuilder spans = new StringBuilder();
    for (Map<String, Object> run : runs) {
      List<Map<String, Object>> acks = list(run.get("acks"));
      double longest = 0;
      for (Map<String, Object> ack : acks) {
        longest = Math.max(longest, number(ack.get("at")) - number(ack.get("began")));
      }
      spans.append(String.format("%n  tab %s: wrote from %.0f to %.0f ms, first acknowledged at"
          + " %.0f ms, longest write %.0f ms", run.get("tab"),
          number(run.get("start")) - firstStart, number(run.get("end")) - firstStart,
          acks.isEmpty() ? -1 : number(acks.get(0).get("at")) - firstStart, longest));
    }
    System.out.printf("MultiTabTest (%s): %d tabs wrote %d commits in %.0f ms (%.0f commits/s"
        + " overall); the history changes writer %d times;%s%n  lost compare-and-sets seen"
        + " through the maxAttempts=1 store: %d (%d single-attempt sets acknowledged);"
        + " test-and-set conflicts on the shared counter: %d (%d acknowledged); default-store"
        + " writes that gave up (too_many_retries after 64 attempts): %d;%n  watch events per"
        + " tab: %s for %d commits (coalesced)%n", store, runs.size(), total,
        lastEnd - firstStart, total * 1000 / (lastEnd - firstStart), switches, spans,
        tooManyRetries, kinds.getOrDefault("set-1attempt", 0), tasConflicts,
        kinds.getOrDefault("tx-tas-shared", 0), gaveUp,
        watched.stream().map(w -> w.get("tab") + ": " + list(w.get("events")).size()).toList(),
        total);

    List<Executable> checks = new ArrayList<>();
    int historySwitches = switches;
    checks.add(() -> assertTrue(historySwitches >= minSwitches, "the history changes writer "
        + historySwitches + " times; at least " + minSwitches + " expected"));
    double overlapStart = latestStart;
    double overlapEnd = earliestEnd;
    checks.add(() -> assertTrue(overlapStart < overlapEnd, "the tabs' writing overlapped: the last"
        + " started " + (overlapStart - overlapEnd) + " ms after the first finished"));
    for (Map<String, Object> run : runs) {
      checks.add(() -> assertEquals(COMMITS, list(run.get("acks")).size(),
          "writes acknowledged to tab " + run.get("tab")));
    }
    checks.add(() -> assertEquals(List.of(), unexpected,
        "writes that failed for another reason than a lost race (they must not)"));
    checks.add(() -> assertEquals(total, new HashSet<>(allHeads).size(),
        "every acknowledged write has a head of its own"));
    // Nothing acknowledged is lost; nothing that failed was written.
    checks.add(() -> {
      List<String> wrong = new ArrayList<>();
      ackedValues.forEach((key, value) -> {
        if (!value.equals(values.get(key))) {
          wrong.add(key + " = " + values.get(key) + ", acknowledged " + value);
        }
      });
      assertEquals(List.of(), wrong, "acknowledged keys missing or wrong in the final head");
    });
    checks.add(() -> assertEquals(List.of(), lostKeys.stream()
        .filter(k -> values.get(k) != null).toList(), "keys of failed writes that were written"));
    checks.add(() -> assertEquals(new TreeSet<>(ackedValues.keySet()), present,
        "the keys under k/ in the final head are exactly the acknowledged ones"));
    checks.add(() -> assertEquals(List.of(), allHeads.stream()
        .filter(h -> !logIds.contains(h)).toList(), "acknowledged heads missing from the log"));
    checks.add(() -> assertEquals(total + 1, log.size(),
        "commits in the log: the seed and one per acknowledged write"));
    checks.add(() -> {
      for (int i = 0; i < log.size(); i++) {
        List<String> parents = strings(log.get(i).get("parents"));
        List<String> expected = i + 1 < log.size() ? List.of(logIds.get(i + 1)) : List.of();
        assertEquals(expected, parents, "the history is one line: parents of " + logIds.get(i));
      }
      assertEquals(seedHead, logIds.get(log.size() - 1), "the oldest commit is the seed");
      assertEquals(finalHead, logIds.get(0), "the log starts at the head");
    });
    // Counters: merged increments add up; test-and-set increments are never lost.
    checks.add(() -> assertEquals(kinds.getOrDefault("tx-merge", 0).longValue(),
        number(counters.get("stats/total")), "stats/total: one per committed 'merge' increment"));
    checks.add(() -> assertEquals(kinds.getOrDefault("tx-tas-shared", 0).longValue(),
        number(counters.get("shared/tas")),
        "shared/tas: one per committed 'test-and-set' increment"));
    for (String tab : headsByTab.keySet()) {
      checks.add(() -> assertEquals(kinds.getOrDefault(tab + " tx-tas-own", 0).longValue(),
          number(counters.get("count/" + tab)), "count/" + tab));
      checks.add(() -> {
        long lastTxSet = -1;
        for (Map<String, Object> run : runs) {
          if (tab.equals(run.get("tab"))) {
            for (Map<String, Object> ack : list(run.get("acks"))) {
              if ("tx-set".equals(ack.get("kind"))) {
                lastTxSet = Math.max(lastTxSet, (long) number(ack.get("i")));
              }
            }
          }
        }
        assertEquals(lastTxSet, number(counters.get("last/" + tab)), "last/" + tab);
      });
    }
    // Watches.
    for (Map<String, Object> w : watched) {
      String tab = (String) w.get("tab");
      List<Map<String, Object>> events = list(w.get("events"));
      List<Map<String, Object>> keyEvents = list(w.get("keyEvents"));
      List<String> seen = events.stream().map(e -> (String) e.get("head")).toList();
      checks.add(() -> assertEquals(seedHead, w.get("startHead"), "tab " + tab + " started at the seed"));
      checks.add(() -> assertTrue(seen.contains(finalHead),
          "tab " + tab + "'s watch saw the final head " + finalHead + "; it saw " + seen));
      checks.add(() -> {
        String previous = seedHead;
        for (int i = 0; i < events.size(); i++) {
          assertEquals(previous, events.get(i).get("previous"), "tab " + tab + "'s watch event "
              + i + " of " + events.size() + " starts where the one before ended");
          previous = (String) events.get(i).get("head");
        }
      });
      checks.add(() -> assertEquals(List.of(), seen.stream().filter(h -> !logIds.contains(h))
          .toList(), "tab " + tab + "'s watch saw heads that are not in the log"));
      checks.add(() -> {
        int before = logIds.indexOf(seedHead);
        for (String head : seen) {
          int at = logIds.indexOf(head);
          assertTrue(at < before, "tab " + tab + "'s watch events move forward in the history: "
              + head + " after " + logIds.get(before));
          before = at;
        }
      });
      checks.add(() -> {
        // Its own commits (through the Store the watch is on) are told right after they are
        // stored, so none is coalesced away.
        List<String> missed = new ArrayList<>();
        for (Map<String, Object> run : runs) {
          if (tab.equals(run.get("tab"))) {
            for (Map<String, Object> ack : list(run.get("acks"))) {
              if (!"set-1attempt".equals(ack.get("kind")) && !seen.contains(ack.get("head"))) {
                missed.add(ack.get("kind") + " " + ack.get("key") + " " + ack.get("head"));
              }
            }
          }
        }
        assertEquals(List.of(), missed, "tab " + tab + "'s own commits its watch was not told of");
      });
      for (String other : headsByTab.keySet()) {
        if (other.equals(tab)) {
          continue;
        }
        checks.add(() -> assertTrue(seen.stream().anyMatch(headsByTab.get(other)::contains),
            "tab " + tab + "'s watch saw a head acknowledged to tab " + other));
        checks.add(() -> {
          Set<String> added = addedPaths(keyEvents);
          assertTrue(added.containsAll(keysByTab.get(other)), "tab " + tab + "'s key watch on k/"
              + " was told of every key tab " + other + " wrote; missing: "
              + keysByTab.get(other).stream().filter(k -> !added.contains(k)).toList());
        });
      }
      checks.add(() -> assertEquals(new TreeSet<>(ackedValues.keySet()), addedPaths(keyEvents),
          "tab " + tab + "'s key watch: the keys added under k/ are the acknowledged ones"));
      checks.add(() -> assertEquals(List.of(), keyEvents.stream()
          .flatMap(e -> list(e.get("changes")).stream())
          .filter(c -> !"added".equals(c.get("kind"))).toList(),
          "tab " + tab + "'s key watch: nothing but additions"));
      checks.add(() -> assertEquals(moves(events), moves(keyEvents), "tab " + tab
          + ": the key watch was told of the same moves as the branch watch (each changed k/)"));
    }
    assertAll("multi-tab", checks);
  }

  @Test
  @DisplayName("a tab shown again re-reads the refs: its watch sees what it missed while hidden")
  void aTabShownAgainRereadsTheRefs() throws IOException {
    String store = "focus";
    try (Chromium chromium = Chromium.start(FLAGS)) {
      ChromeDriver driver = chromium.driver();
      driver.manage().timeouts().scriptTimeout(Duration.ofMinutes(1));
      chromium.open(server.url("multitab.html?tab=A&store=" + store));
      String a = driver.getWindowHandle();
      String seedHead = (String) map(call(chromium, "seed")).get("head");
      call(chromium, "prepare");
      // Tab B gets no BroadcastChannel: it can learn of A's commits only by re-reading.
      driver.switchTo().newWindow(WindowType.TAB);
      chromium.open(server.url("multitab.html?tab=B&nobc&store=" + store));
      String b = driver.getWindowHandle();
      Map<String, Object> prepared = map(call(chromium, "prepare"));
      assertEquals(false, prepared.get("broadcastChannel"), "tab B has no BroadcastChannel");
      assertEquals(seedHead, prepared.get("head"));

      driver.switchTo().window(a);
      List<String> heads = strings(map(call(chromium, "writeSome", 3)).get("heads"));
      String last = heads.get(heads.size() - 1);
      driver.switchTo().window(b);
      Map<String, Object> w = map(call(chromium, "watched", last, 15_000));
      List<Map<String, Object>> events = list(w.get("events"));
      List<Map<String, Object>> keyEvents = list(w.get("keyEvents"));
      List<Map<String, Object>> page = list(w.get("page"));
      System.out.println("MultiTabTest (focus): tab B's watch events " + events + "; page events "
          + page);
      assertAll("tab B, shown again",
          () -> assertEquals(1, events.size(), "one (coalesced) event for A's three commits: "
              + events),
          () -> assertEquals(seedHead, events.get(0).get("previous")),
          () -> assertEquals(last, events.get(0).get("head")),
          () -> assertEquals("visible", events.get(0).get("visibility"),
              "the event came while the tab was visible again"),
          () -> {
            double at = number(events.get(0).get("at"));
            int hidden = indexOf(page, "visibility:hidden", 0);
            assertTrue(hidden >= 0, "tab B was hidden while A wrote: " + page);
            int shown = -1;
            for (int i = hidden + 1; i < page.size(); i++) {
              String event = (String) page.get(i).get("event");
              if (event.equals("visibility:visible") || event.equals("focus")) {
                shown = i;
                break;
              }
            }
            assertTrue(shown >= 0 && number(page.get(shown).get("at")) <= at,
                "the event came after the tab was shown again or focused: " + page);
          },
          () -> assertEquals(Set.of("k/A/f0", "k/A/f1", "k/A/f2"), addedPaths(keyEvents),
              "the key watch"));
    }
  }

  private static int indexOf(List<Map<String, Object>> page, String event, int from) {
    for (int i = from; i < page.size(); i++) {
      if (event.equals(page.get(i).get("event"))) {
        return i;
      }
    }
    return -1;
  }

  private static Set<String> addedPaths(List<Map<String, Object>> keyEvents) {
    return keyEvents.stream().flatMap(e -> list(e.get("changes")).stream())
        .map(c -> (String) c.get("path")).collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<String> moves(List<Map<String, Object>> events) {
    return events.stream().map(e -> e.get("previous") + ".." + e.get("head")).toList();
  }

  /** Calls {@code window.multitab[fn](...args)} in the current tab and waits for its Promise. */
  private static Object call(Chromium chromium, String fn, Object... args) {
    Object result = chromium.driver().executeAsyncScript(CALL, fn, Arrays.asList(args));
    Map<String, Object> answer = map(result);
    if (answer.get("error") != null) {
      fail("multitab." + fn + " failed in the page: " + answer.get("error") + console(chromium));
    }
    return answer.get("value");
  }

  private static String console(Chromium chromium) {
    return "\nbrowser console:\n" + String.join("\n", chromium.console());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    if (!(value instanceof Map)) {
      fail("expected an object from the page, got " + value);
    }
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object value) {
    return value == null ? List.of() : (List<Map<String, Object>>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object value) {
    return value == null ? List.of() : ((List<Object>) value).stream()
        .map(o -> Objects.toString(o, null)).toList();
  }

  private static double number(Object value) {
    if (!(value instanceof Number)) {
      fail("expected a number, got " + value);
    }
    return ((Number) value).doubleValue();
  }
}
