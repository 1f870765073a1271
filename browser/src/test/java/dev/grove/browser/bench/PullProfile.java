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
 * single-key sets into one growing directory of a new IndexedDB store. Prints each workload's
 * time and its profile's top functions by self and by total time. Run from the browser module
 * with grove.js built (-Dgrove.js.minify=false keeps its names readable):
 * {@code java -cp ... dev.grove.browser.bench.PullProfile [--commits=N] [--no-profile]}.
 */
public final class PullProfile {
  private PullProfile() {}

  public static void main(String[] args) throws IOException {
    int commits = 10_000;
    boolean profile = true;
    for (String arg : args) {
      if (arg.startsWith("--commits=")) {
        commits = Integer.parseInt(arg.substring("--commits=".length()));
      } else if (arg.equals("--no-profile")) {
        profile = false;
      }
    }
    Path data = Files.createTempDirectory("grove-pull-profile-");
    try (Repository repo = Repository.open(
        Stores.init(data.resolve("bench"), Stores.Kind.GIT, Durability.NO_FSYNC))) {
      for (int i = 0; i < commits; i++) {
        repo.branch("main").set("items/" + (i % 100) + "/" + i, "value " + i,
            CommitInfo.message("commit " + i));
      }
    }
    System.err.println("history written");
    try (SnippetPage page = SnippetPage.start()) {
      ServerConfig config = ServerConfig.defaults(data).withPort(0)
          .withDurability(Durability.NO_FSYNC).withAllowedOrigins(List.of(page.origin()));
      try (GroveServer server = GroveServer.start(config)) {
        String token = server.tokens().add("bench", Scope.WRITE);
        String url = server.repositoryUrl("bench");
        page.load();
        String pull = "const store = await grove.open(args[2]);"
            + " const t0 = performance.now();"
            + " const r = await store.remote(args[0], {token: args[1]}).pull();"
            + " const ms = performance.now() - t0; await store.close();"
            + " return {ms, objects: r.objectsReceived, status: r.status};";
        measure(page, profile, "W5 first pull of " + commits + " commits", pull, url, token, "w5");
        try (Repository repo = Repository.open(Stores.open(data.resolve("bench")))) {
          repo.branch("main").set("items/new/1", "one more", CommitInfo.message("one more"));
        }
        page.load();
        measure(page, profile, "W6 pull of one more commit", pull, url, token, "w5");
        page.load();
        measure(page, profile, "W1 1,000 sets into one directory",
            "const store = await grove.open(args[0]); const main = store.branch('main');"
            + " const t0 = performance.now();"
            + " for (let i = 0; i < 1000; i++) { await main.set('dir/k' + i, 'value ' + i); }"
            + " const ms = performance.now() - t0; await store.close(); return {ms};", "w1");
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
    for (int i = 0; i < Math.min(what.equals("self") ? 15 : 25, list.size()); i++) {
      System.out.printf(Locale.ROOT, "  %7.0f ms %5.1f%%  %s%n", list.get(i).getValue(),
          100 * list.get(i).getValue() / all, list.get(i).getKey());
    }
  }
}
