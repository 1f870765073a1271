package dev.grove.browser.bench;

import dev.grove.browser.testing.SnippetPage;
import dev.grove.server.http.GroveServer;
import dev.grove.server.http.Scope;
import dev.grove.server.http.ServerConfig;
import dev.grove.server.storage.Durability;
import dev.grove.server.storage.Stores;
import dev.grove.store.CommitInfo;
import dev.grove.store.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Times and profiles (DevTools CPU profiler) grove.js in headless Chromium, a plain harness:
 * W5, the first pull of an N-commit history (default 10,000, as {@code ./benchmark sync}) from a
 * real server on loopback into IndexedDB; W6, the pull of one more commit after it; W1, 1,000
 * single-key sets into one growing directory of a new IndexedDB store (keys {@code k/00000…},
 * 100-byte values, as {@code ./benchmark peers}); W3a, 1,000 point reads ({@code getText}) of a
 * 10,000-key store ({@code k/DDD/IIIII}) just reopened; W1dir, 200 single-key sets into a
 * directory that holds 100, then 10,000 keys (the cost per commit against directory size).
 * Prints each workload's time and its profile's top functions by self and by total time. Run
 * from the browser module with grove.js built (-Dgrove.js.minify=false keeps its names
 * readable): {@code java -cp ... dev.grove.browser.bench.PullProfile [--commits=N]
 * [--workloads=W5,W6,W1,W3a,W1dir] [--no-profile] [--top=N]} (all workloads by default;
 * {@code --top}: how many functions to list by total time, 25 by default). A pull's result
 * also tells when each of its phases started and ended (from its progress callback).
 */
public final class PullProfile {
  private PullProfile() {}

  /** 100-byte values, as the peers benchmark writes them. */
  private static final String VALUE = "const value = i => `value of key ${i} `.padEnd(100, '.');"
      + " const flatKey = i => `k/${String(i).padStart(5, '0')}`;"
      + " const deepKey = i => `k/${String(Math.floor(i / 100)).padStart(3, '0')}/"
      + "${String(i).padStart(5, '0')}`;";

  /** How many functions each profile lists by total time (by self time: 15). */
  private static int top = 25;

  /** Counts the IndexedDB transactions the page starts (c.n) until the page is loaded again. */
  private static final String COUNT = " const c = {n: 0}; const start = IDBDatabase.prototype.transaction;"
      + " IDBDatabase.prototype.transaction = function(...a) { c.n++; return start.apply(this, a); };";

  public static void main(String[] args) throws IOException {
    int commits = 10_000;
    boolean profile = true;
    Set<String> workloads = new HashSet<>(List.of("W5", "W6", "W1", "W3a", "W1dir"));
    for (String arg : args) {
      if (arg.startsWith("--commits=")) {
        commits = Integer.parseInt(arg.substring("--commits=".length()));
      } else if (arg.equals("--no-profile")) {
        profile = false;
      } else if (arg.startsWith("--top=")) {
        top = Integer.parseInt(arg.substring("--top=".length()));
      } else if (arg.startsWith("--workloads=")) {
        workloads = new HashSet<>(List.of(arg.substring("--workloads=".length()).split(",")));
      } else {
        throw new IllegalArgumentException("unknown argument " + arg);
      }
    }
    try (SnippetPage page = SnippetPage.start()) {
      if (workloads.contains("W5") || workloads.contains("W6")) {
        pulls(page, commits, profile, workloads);
      }
      if (workloads.contains("W1")) {
        page.load();
        measure(page, profile, "W1 1,000 sets into one directory", VALUE
            + " const store = await grove.open('w1'); const main = store.branch('main');"
            + COUNT + " const t0 = performance.now();"
            + " for (let i = 0; i < 1000; i++) { await main.set(flatKey(i), value(i)); }"
            + " const ms = performance.now() - t0; const transactions = c.n; await store.destroy();"
            + " return {ms, transactions};");
      }
      if (workloads.contains("W3a")) {
        page.load();
        page.object(VALUE + " const store = await grove.open('w3a');"
            + " await store.branch('main').transact(d => {"
            + "   for (let i = 0; i < 10000; i++) d.set(deepKey(i), value(i)); });"
            + " await store.close(); return {};");
        page.load();
        measure(page, profile, "W3a 1,000 point reads after reopen", VALUE
            + " const store = await grove.open('w3a'); const main = store.branch('main');"
            + COUNT + " const t0 = performance.now();"
            + " for (let j = 0; j < 1000; j++) { const i = j * 10;"
            + "   if (await main.getText(deepKey(i)) !== value(i)) throw new Error('bad ' + i); }"
            + " const ms = performance.now() - t0; const transactions = c.n; await store.destroy();"
            + " return {ms, transactions};");
      }
      if (workloads.contains("W1dir")) {
        for (int size : new int[] {100, 10_000}) {
          page.load();
          page.object(VALUE + " const store = await grove.open('w1dir');"
              + " await store.branch('main').transact(d => {"
              + "   for (let i = 0; i < args[0]; i++) d.set(flatKey(i), value(i)); });"
              + " await store.close(); return {};", size);
          page.load();
          measure(page, profile, "W1dir 200 sets into a directory of " + size + " keys", VALUE
              + " const store = await grove.open('w1dir'); const main = store.branch('main');"
              + " await main.getText(flatKey(0));"
              + COUNT + " const t0 = performance.now();"
              + " for (let i = 0; i < 200; i++) { await main.set(flatKey(args[0] + i), value(i)); }"
              + " const ms = performance.now() - t0; const transactions = c.n;"
              + " await store.destroy(); return {ms, perCommit: ms / 200, transactions};", size);
        }
      }
    }
  }

  private static void pulls(SnippetPage page, int commits, boolean profile, Set<String> workloads)
      throws IOException {
    Path data = Files.createTempDirectory("grove-pull-profile-");
    try (Repository repo = Repository.open(
        Stores.init(data.resolve("bench"), Stores.Kind.GIT, Durability.NO_FSYNC))) {
      for (int i = 0; i < commits; i++) {
        repo.branch("main").set("items/" + (i % 100) + "/" + i, "value " + i,
            CommitInfo.message("commit " + i));
      }
    }
    System.err.println("history written");
    ServerConfig config = ServerConfig.defaults(data).withPort(0)
        .withDurability(Durability.NO_FSYNC).withAllowedOrigins(List.of(page.origin()));
    try (GroveServer server = GroveServer.start(config)) {
      String token = server.tokens().add("bench", Scope.WRITE);
      String url = server.repositoryUrl("bench");
      page.load();
      String pull = "const store = await grove.open(args[2]);"
          + " const t0 = performance.now();"
          + " const phases = {};"
          + " const onProgress = (p) => { const at = Math.round(performance.now() - t0);"
          + "   phases[p.phase + (p.done === 0 ? ' starts' : p.done === p.total ? ' ends' : '')]"
          + "     ??= at; };"
          + " const r = await store.remote(args[0], {token: args[1], onProgress}).pull();"
          + " const ms = performance.now() - t0; await store.close();"
          + " return {ms, objects: r.objectsReceived, status: r.status, phases};";
      measure(page, profile && workloads.contains("W5"), "W5 first pull of " + commits
          + " commits", pull, url, token, "w5");
      if (workloads.contains("W6")) {
        try (Repository repo = Repository.open(Stores.open(data.resolve("bench")))) {
          repo.branch("main").set("items/new/1", "one more", CommitInfo.message("one more"));
        }
        page.load();
        measure(page, profile, "W6 pull of one more commit", pull, url, token, "w5");
      }
    }
  }

  private static void measure(SnippetPage page, boolean profile, String label, String body,
      Object... args) {
    if (profile) {
      page.chromium().cdp("Profiler.enable", Map.of());
      page.chromium().cdp("Profiler.start", Map.of());
    }
    Map<String, Object> result = page.object(body, args);
    System.out.printf(Locale.ROOT, "%n## %s: %s%n", label, result);
    if (profile) {
      Map<String, Object> stopped = page.chromium().cdp("Profiler.stop", Map.of());
      report(castMap(stopped.get("profile")));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object o) {
    return (Map<String, Object>) o;
  }

  private static void report(Map<String, Object> profile) {
    Map<Long, String> names = new HashMap<>();
    Map<Long, Long> parent = new HashMap<>();
    for (Object o : (List<?>) profile.get("nodes")) {
      Map<String, Object> node = castMap(o);
      long id = ((Number) node.get("id")).longValue();
      Map<String, Object> frame = castMap(node.get("callFrame"));
      String name = (String) frame.get("functionName");
      names.put(id, (name.isEmpty() ? "(anonymous)" : name) + " "
          + frame.get("url").toString().replaceAll(".*/", "") + ":" + frame.get("lineNumber"));
      Object children = node.get("children");
      if (children != null) {
        for (Object c : (List<?>) children) {
          parent.put(((Number) c).longValue(), id);
        }
      }
    }
    List<?> samples = (List<?>) profile.get("samples");
    List<?> deltas = (List<?>) profile.get("timeDeltas");
    Map<String, Double> self = new HashMap<>();
    Map<String, Double> total = new HashMap<>();
    double all = 0;
    for (int i = 0; i < samples.size(); i++) {
      double ms = i + 1 < deltas.size() ? ((Number) deltas.get(i + 1)).doubleValue() / 1000 : 0;
      long id = ((Number) samples.get(i)).longValue();
      all += ms;
      self.merge(names.get(id), ms, Double::sum);
      Set<String> seen = new HashSet<>();
      for (Long at = id; at != null; at = parent.get(at)) {
        if (seen.add(names.get(at))) {
          total.merge(names.get(at), ms, Double::sum);
        }
      }
    }
    print("self", self, all);
    print("total", total, all);
  }

  private static void print(String what, Map<String, Double> times, double all) {
    List<Map.Entry<String, Double>> list = new ArrayList<>(times.entrySet());
    list.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
    System.out.printf(Locale.ROOT, "top by %s time (of %.0f ms sampled):%n", what, all);
    for (int i = 0; i < Math.min(what.equals("self") ? 15 : top, list.size()); i++) {
      System.out.printf(Locale.ROOT, "  %7.0f ms %5.1f%%  %s%n", list.get(i).getValue(),
          100 * list.get(i).getValue() / all, list.get(i).getKey());
    }
  }
}
