package dev.grove.browser.bench;

import dev.grove.browser.testing.StaticServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openqa.selenium.json.Json;

/**
 * Grove beside its peers in one headless Chromium session ({@code ./benchmark peers};
 * docs/BENCHMARKS.md, section "Side by side"): raw IndexedDB (strict and relaxed: the floor),
 * Grove (strict and relaxed), PouchDB and isomorphic-git on lightning-fs, the peers from npm as
 * pinned by {@code src/test/js/peers/package-lock.json}. The workloads are in
 * {@code src/test/js/peers.mjs}: W1 (single-key commits), W2 (one commit of many keys), W3a
 * (point reads after a reopen). One persistent profile; a warm-up round, then {@code --runs}
 * measured rounds, the systems' order rotated each round; every run checks what it wrote after a
 * reopen and deletes its store. Writes {@code peers.json} (every time) and {@code peers.md} (the
 * table) to {@code --out}.
 *
 * <p>Options: {@code --grove=DIR} (grove.js), {@code --pages=DIR} (peers.html, peers.mjs and
 * peers/dist/peers.js), {@code --out=DIR}, {@code --runs=N} (5), {@code --w1=N} (1000),
 * {@code --w2=N} (10000), {@code --w3=N} (1000), {@code --workloads=W1,W2,W3a},
 * {@code --systems=NAME,...} (as peers.mjs names them).
 */
public final class PeerBenchmark {
  private static final Map<String, String> DEFAULTS = Map.of("runs", "5", "w1", "1000",
      "w2", "10000", "w3", "1000", "workloads", "W1,W2,W3a");
  private static final String REFERENCE = "Grove strict";

  private PeerBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>(DEFAULTS);
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("options are --name=value, not " + arg);
      }
      options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
    }
    Path site = Files.createTempDirectory("grove-peers-site-");
    Path pages = Path.of(options.getOrDefault("pages", "src/test/js"));
    Files.copy(Path.of(options.getOrDefault("grove", "target/javascript/grove"), "grove.js"), site.resolve("grove.js"));
    Files.copy(pages.resolve("peers.html"), site.resolve("peers.html"));
    Files.copy(pages.resolve("peers.mjs"), site.resolve("peers.mjs"));
    Files.createDirectories(site.resolve("peers/dist"));
    Files.copy(pages.resolve("peers/dist/peers.js"), site.resolve("peers/dist/peers.js"));
    Path out = Files.createDirectories(Path.of(options.getOrDefault("out", "target/benchmark")));
    Path profile = Files.createTempDirectory("grove-peers-profile-");

    int runs = Integer.parseInt(options.get("runs"));
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("started", now());
    report.put("loadBefore", load());
    List<Map<String, Object>> results = new ArrayList<>();
    try (StaticServer server = StaticServer.serve(site); BenchBrowser browser = BenchBrowser.start(profile)) {
      browser.load(server.url("peers.html"));
      report.put("chromium", browser.version());
      Map<String, Object> durabilities = browser.call("systems", Map.of());
      List<String> systems = new ArrayList<>(durabilities.keySet());
      if (options.containsKey("systems")) {
        systems = List.of(options.get("systems").split(","));
      }
      for (String workload : options.get("workloads").split(",")) {
        int n = Integer.parseInt(options.get(workload.equals("W3a") ? "w3" : workload.toLowerCase(Locale.ROOT)));
        Map<String, List<Double>> times = new LinkedHashMap<>();
        for (int round = 0; round <= runs; round++) { // round 0: the warm-up
          List<String> order = new ArrayList<>(systems);
          Collections.rotate(order, -round);
          for (String system : order) {
            String name = "peers-" + workload + "-" + system.replaceAll("[^A-Za-z]", "") + "-" + round;
            Map<String, Object> answer = browser.call("run",
                Map.of("system", system, "workload", workload, "name", name, "n", n));
            double ms = ((Number) answer.get("ms")).doubleValue();
            System.err.printf(Locale.ROOT, "%s n=%d %-22s round %d: %.1f ms%n", workload, n, system, round, ms);
            if (round > 0) {
              times.computeIfAbsent(system, s -> new ArrayList<>()).add(ms);
            }
          }
        }
        for (String system : systems) { // in the same order for every workload
          Map.Entry<String, List<Double>> entry = Map.entry(system, times.get(system));
          List<Double> sorted = new ArrayList<>(entry.getValue());
          Collections.sort(sorted);
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("workload", workload);
          row.put("n", n);
          row.put("system", entry.getKey());
          row.put("durability", durabilities.get(entry.getKey()));
          row.put("ms", entry.getValue());
          row.put("median", median(sorted));
          row.put("min", sorted.get(0));
          row.put("max", sorted.get(sorted.size() - 1));
          results.add(row);
        }
      }
    }
    report.put("loadAfter", load());
    report.put("runs", runs);
    report.put("results", results);
    Files.writeString(out.resolve("peers.json"), new Json().toJson(report), StandardCharsets.UTF_8);
    String table = table(report, results);
    Files.writeString(out.resolve("peers.md"), table, StandardCharsets.UTF_8);
    System.out.print(table);
  }

  /** The Markdown table: per workload, each system's median and range, and Grove strict's ratio to it. */
  private static String table(Map<String, Object> report, List<Map<String, Object>> results) {
    StringBuilder md = new StringBuilder();
    md.append("Measured ").append(report.get("started")).append(" in headless Chromium ")
        .append(report.get("chromium")).append("; load average before ").append(report.get("loadBefore"))
        .append(", after ").append(report.get("loadAfter")).append("; median of ").append(report.get("runs"))
        .append(" rounds after a warm-up, systems rotated each round.\n\n")
        .append("| workload | system | durability | median ms | min–max ms | Grove strict ÷ this |\n")
        .append("|---|---|---|---:|---:|---:|\n");
    for (Map<String, Object> row : results) {
      double reference = results.stream().filter(r -> r.get("workload").equals(row.get("workload"))
          && r.get("system").equals(REFERENCE)).mapToDouble(r -> (double) r.get("median")).findFirst().orElse(Double.NaN);
      String ratio = Double.isNaN(reference) ? "–" // Grove strict was not in this run
          : String.format(Locale.ROOT, "%.2f×", reference / (double) row.get("median"));
      md.append(String.format(Locale.ROOT, "| %s (n=%s) | %s | %s | %,.0f | %,.0f–%,.0f | %s |%n",
          row.get("workload"), row.get("n"), row.get("system"), row.get("durability"), row.get("median"),
          row.get("min"), row.get("max"), ratio));
    }
    return md.toString();
  }

  private static double median(List<Double> sorted) {
    int size = sorted.size();
    return size % 2 == 1 ? sorted.get(size / 2) : (sorted.get(size / 2 - 1) + sorted.get(size / 2)) / 2;
  }

  private static String load() throws java.io.IOException {
    Path loadavg = Path.of("/proc/loadavg");
    if (!Files.exists(loadavg)) {
      return "unknown";
    }
    String[] fields = Files.readString(loadavg).trim().split("\\s+");
    return fields[0] + " " + fields[1] + " " + fields[2];
  }

  private static String now() {
    return ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
  }
}
