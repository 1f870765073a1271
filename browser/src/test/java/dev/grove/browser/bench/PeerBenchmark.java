package dev.grove.browser.bench;

import dev.grove.browser.testing.StaticServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.json.Json;

/**
 * Grove beside its peers in one headless Chromium session ({@code ./benchmark peers};
 * docs/BENCHMARKS.md, section "Side by side"): raw IndexedDB (strict and relaxed: the floor),
 * Grove (strict and relaxed), PouchDB and isomorphic-git on lightning-fs, the peers from npm as
 * pinned by {@code src/test/js/peers/package-lock.json}. The workloads are in
 * {@code src/test/js/peers.mjs}, the systems in {@code peers-systems.mjs}; W5 and W6 pull from
 * the servers of {@link PeerServers}. One persistent profile; a warm-up round, then
 * {@code --runs} measured rounds, the systems' order rotated each round; every run checks what
 * it wrote after a reopen and deletes its store. Writes {@code peers.json} (every sample, and
 * medians with ranges) and {@code peers.md} to {@code --out}, the plots (made from peers.json
 * by {@code peers/plots.mjs} with Vega-Lite) to {@code --plots}, and, unless {@code --quick} or
 * {@code --no-docs}, replaces the section between the markers {@code peers} of {@code --docs}.
 *
 * <p>Options: {@code --grove=DIR} (grove.js), {@code --pages=DIR} (peers.html, peers*.mjs and
 * peers/), {@code --out=DIR}, {@code --docs=FILE}, {@code --plots=DIR}, {@code --quick},
 * {@code --no-docs}, {@code --systems=NAME,...} (as peers.mjs names them),
 * {@code --workloads=W1,W2,W3,W3c,W4,W5,W7,D} (W3 gives W3a and W3b, W5 gives W5 and W6, D the
 * cost of a commit against the directory's size), and the sizes in {@link #DEFAULTS}.
 */
public final class PeerBenchmark {
  /** The options and their defaults: a full run. */
  static final Map<String, String> DEFAULTS = ordered(
      "runs", "5", "workloads", "W1,W2,W3,W3c,W4,W5,W7,D",
      "w1", "1000", "w2", "10000", "w3", "1000", "w3-keys", "10000", "w3c", "100", "w3c-keys", "100000",
      "w4-keys", "100", "w4-updates", "200", "w5", "10000", "w7-disjoint", "1000", "w7-conflicts", "100",
      "d-sizes", "100,1000,10000", "d-commits", "100");
  /** What {@code --quick} changes: one round, smaller sizes (a few minutes). */
  static final Map<String, String> QUICK = ordered(
      "runs", "1", "w1", "200", "w2", "2000", "w3", "200", "w3-keys", "2000", "w3c-keys", "10000",
      "w4-updates", "20", "w5", "1000", "d-commits", "20");
  private static final List<String> PATHS = List.of("grove", "pages", "out", "docs", "plots");

  private final Map<String, String> options;
  private final BenchBrowser browser;
  private final String page;
  private final Path pages;
  private final List<String> systems;
  private final Map<String, List<String>> supported;
  private final PeerResults results;
  private final int runs;
  private PeerServers servers;

  private PeerBenchmark(Map<String, String> options, BenchBrowser browser, String page, Path pages,
      List<String> systems, Map<String, List<String>> supported, PeerResults results) {
    this.options = options;
    this.browser = browser;
    this.page = page;
    this.pages = pages;
    this.systems = systems;
    this.supported = supported;
    this.results = results;
    this.runs = Integer.parseInt(options.get("runs"));
  }

  private static Map<String, String> ordered(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map;
  }

  /** The options: the defaults, {@code --quick}'s when given, then the arguments {@code --name=value}. */
  static Map<String, String> parse(String... args) {
    Map<String, String> options = new LinkedHashMap<>(DEFAULTS);
    if (Arrays.asList(args).contains("--quick")) {
      options.putAll(QUICK);
      options.put("quick", "true");
    }
    for (String arg : args) {
      if (arg.equals("--quick") || arg.equals("--no-docs")) {
        options.put(arg.substring(2), "true");
        continue;
      }
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("options are --name=value, --quick or --no-docs, not " + arg);
      }
      String name = arg.substring(2, arg.indexOf('='));
      if (!DEFAULTS.containsKey(name) && !PATHS.contains(name) && !name.equals("systems")) {
        throw new IllegalArgumentException("no option --" + name + " (options: " + DEFAULTS.keySet() + ", "
            + PATHS + ", systems, quick, no-docs)");
      }
      options.put(name, arg.substring(arg.indexOf('=') + 1));
    }
    return options;
  }

  public static void main(String[] args) throws Exception {
    long began = System.nanoTime();
    Map<String, String> options = parse(args);
    Path pages = Path.of(options.getOrDefault("pages", "src/test/js"));
    Path site = Files.createTempDirectory("grove-peers-site-");
    Files.copy(Path.of(options.getOrDefault("grove", "target/javascript/grove"), "grove.js"), site.resolve("grove.js"));
    try (Stream<Path> files = Files.list(pages)) {
      for (Path file : files.filter(f -> f.getFileName().toString().startsWith("peers")
          && Files.isRegularFile(f)).toList()) {
        Files.copy(file, site.resolve(file.getFileName()));
      }
    }
    Files.createDirectories(site.resolve("peers/dist"));
    Files.copy(pages.resolve("peers/dist/peers.js"), site.resolve("peers/dist/peers.js"));
    Path out = Files.createDirectories(Path.of(options.getOrDefault("out", "target/benchmark")));
    Path profile = Files.createTempDirectory("grove-peers-profile-");

    Map<String, Object> report = new LinkedHashMap<>();
    report.put("command", command(args));
    report.put("started", now());
    report.put("cores", Runtime.getRuntime().availableProcessors());
    report.put("loadBefore", load());
    report.put("peers", peerVersions(pages));
    report.put("options", options);
    report.put("runs", options.get("runs"));
    PeerResults results;
    List<String> systems;
    try (StaticServer server = StaticServer.serve(site); BenchBrowser browser = BenchBrowser.start(profile)) {
      String page = server.url("peers.html");
      browser.load(page);
      report.put("chromium", browser.version());
      Map<String, String> durabilities = new LinkedHashMap<>();
      Map<String, List<String>> supported = new LinkedHashMap<>();
      for (Object o : browser.list("systems")) {
        Map<?, ?> about = (Map<?, ?>) o;
        String system = (String) about.get("name");
        durabilities.put(system, (String) about.get("durability"));
        supported.put(system, ((List<?>) about.get("workloads")).stream().map(String::valueOf).toList());
      }
      systems = options.containsKey("systems") ? List.of(options.get("systems").split(","))
          : new ArrayList<>(durabilities.keySet());
      for (String system : systems) {
        if (!durabilities.containsKey(system)) {
          throw new IllegalArgumentException("no system " + system + " (systems: " + durabilities.keySet() + ")");
        }
      }
      results = new PeerResults(durabilities);
      new PeerBenchmark(options, browser, page, pages, systems, supported, results).runAll();
    }
    report.put("loadAfter", load());
    report.put("seconds", Math.round((System.nanoTime() - began) / 1e9));
    report.put("results", results.rows());
    Path json = out.resolve("peers.json");
    Files.writeString(json, new Json().toJson(report), StandardCharsets.UTF_8);
    Path plots = options.containsKey("quick") || !options.containsKey("plots")
        ? out : Path.of(options.get("plots"));
    PeerDocs docs = new PeerDocs(report, results, systems, plots);
    docs.plot(pages.resolve("peers/plots.mjs"), json);
    String section = docs.section(options.containsKey("docs") ? Path.of(options.get("docs")).getParent() : out);
    Files.writeString(out.resolve("peers.md"), section, StandardCharsets.UTF_8);
    System.out.print(section);
    if (options.containsKey("docs") && !options.containsKey("quick") && !options.containsKey("no-docs")) {
      docs.writeInto(Path.of(options.get("docs")));
      System.err.println("benchmark: wrote the section Side by side of " + options.get("docs"));
    }
  }

  private void runAll() throws Exception {
    try {
      runWorkloads();
    } finally {
      if (servers != null) {
        servers.close();
      }
    }
  }

  /** The servers, started on first use; with W5's history when W5 is to run. */
  private PeerServers servers() throws IOException, InterruptedException {
    if (servers == null) {
      boolean w5 = List.of(options.get("workloads").split(",")).stream().anyMatch(w -> w.equals("W5") || w.equals("W6"));
      servers = PeerServers.start(w5 ? number("w5") : 0, page.substring(0, page.indexOf('/', "http://".length())),
          pages.resolve("peers/node_modules/pouchdb-server/bin/pouchdb-server"),
          Path.of(options.getOrDefault("out", "target/benchmark"), "servers"));
    }
    return servers;
  }

  private void runWorkloads() throws Exception {
    for (String workload : options.get("workloads").split(",")) {
      switch (workload) {
        case "W1", "W2", "W4", "W7" -> simple(workload, params(workload));
        case "W3", "W3a", "W3b" -> reads(false);
        case "W3c" -> reads(true);
        case "W5", "W6" -> pulls();
        case "D" -> {
          for (String size : options.get("d-sizes").split(",")) {
            int n = Integer.parseInt(size);
            int commits = number("d-commits");
            results.title("D" + n, String.format(Locale.ROOT,
                "one commit into a directory of %,d keys (time per commit, %d commits)", n, commits));
            simple("D", Map.of("size", n, "commits", commits));
          }
        }
        default -> throw new IllegalArgumentException("no workload " + workload);
      }
    }
  }

  private int number(String option) {
    return Integer.parseInt(options.get(option));
  }

  /** The parameters of workload {@code workload} for peers.mjs, and its measures' titles. */
  private Map<String, Object> params(String workload) {
    switch (workload) {
      case "W1" -> {
        results.title("W1", String.format(Locale.ROOT, "W1: %,d single-key commits", number("w1")));
        return Map.of("n", number("w1"));
      }
      case "W2" -> {
        results.title("W2", String.format(Locale.ROOT, "W2: one commit of %,d keys", number("w2")));
        return Map.of("n", number("w2"));
      }
      case "W4" -> {
        results.title("W4", String.format(Locale.ROOT, "W4: history growth, %,d commits of %,d keys",
            number("w4-updates"), number("w4-keys")));
        return Map.of("keys", number("w4-keys"), "updates", number("w4-updates"));
      }
      case "W7" -> {
        results.title("W7", String.format(Locale.ROOT,
            "W7: three-way merge, %,d disjoint and %,d conflicting keys", number("w7-disjoint"), number("w7-conflicts")));
        return Map.of("disjoint", number("w7-disjoint"), "conflicts", number("w7-conflicts"));
      }
      default -> throw new IllegalArgumentException(workload);
    }
  }

  /** The systems that have {@code workload}, in the order of round {@code round}. */
  private List<String> order(String workload, int round) {
    List<String> order = new ArrayList<>(systems.stream().filter(s -> supported.get(s).contains(workload)).toList());
    Collections.rotate(order, -round);
    return order;
  }

  private static String storeName(String workload, String system, int round) {
    return "peers-" + workload + "-" + system.replaceAll("[^A-Za-z]", "") + "-" + round;
  }

  /**
   * A workload peers.mjs runs in one call: a warm-up round, then the measured ones. The warm-up
   * writes a tenth as much (W1's and W2's keys, W4's updates, D's commits): it is there to warm
   * up the JavaScript engines and the browser, and a full-size round of the slowest peer takes
   * minutes.
   */
  private void simple(String workload, Map<String, Object> params) {
    Map<String, Object> warmUp = new LinkedHashMap<>(params);
    for (String scaled : List.of("n", "updates", "commits")) {
      warmUp.computeIfPresent(scaled, (k, v) -> Math.max(2, ((Integer) v) / 10));
    }
    for (int round = 0; round <= runs; round++) {
      for (String system : order(workload, round)) {
        String name = storeName(workload, system, round);
        try {
          record(round, system, browser.call("run", Map.of("system", system, "workload", workload,
              "name", name, "params", round == 0 ? warmUp : params)));
        } finally {
          browser.call("destroy", Map.of("system", system, "name", name));
        }
      }
    }
  }

  /** Adds each measure of a call's answer to the results unless it is the warm-up's. */
  private void record(int round, String system, Map<String, Object> answer) {
    answer.forEach((measure, value) -> {
      @SuppressWarnings("unchecked")
      Map<String, Object> sample = (Map<String, Object>) value;
      System.err.printf(Locale.ROOT, "%-5s %-22s %s: %s%n", measure, system,
          round == 0 ? "warm-up" : "round " + round, sample);
      if (round > 0) {
        results.add(measure, system, sample);
      }
    });
  }

  /**
   * W3a and W3b (warm: the page stays) or W3c (cold: each round in a page just loaded) on a
   * store each system writes once (isomorphic-git clones it from {@link PeerServers#snapshot}).
   */
  private void reads(boolean cold) throws IOException, InterruptedException {
    String workload = cold ? "W3c" : "W3";
    int keys = number(cold ? "w3c-keys" : "w3-keys");
    int n = number(cold ? "w3c" : "w3");
    Map<String, Object> params = Map.of("keys", keys, "n", n);
    if (cold) {
      results.title("W3c", String.format(Locale.ROOT, "W3c: cold start, a new page opens and reads %,d of %,d keys",
          n, keys));
    } else {
      results.title("W3a", String.format(Locale.ROOT, "W3a: %,d point reads after a reopen (%,d keys)", n, keys));
      results.title("W3b", String.format(Locale.ROOT, "W3b: a full listing of %,d keys after a reopen", keys));
    }
    List<String> participants = order(workload, 0);
    try {
      for (String system : participants) {
        long start = System.nanoTime();
        Map<String, Object> setup = new LinkedHashMap<>(Map.of("system", system,
            "name", storeName(workload, system, 0), "params", params));
        if (system.equals("isomorphic-git")) {
          setup.put("remote", servers().snapshot(keys));
        }
        browser.call("setupKeys", setup);
        System.err.printf(Locale.ROOT, "%-5s %-22s setup: %,d keys written in %.1f s%n", workload, system,
            keys, (System.nanoTime() - start) / 1e9);
      }
      for (int round = 0; round <= runs; round++) {
        for (String system : order(workload, round)) {
          if (cold) {
            browser.load(page);
          }
          record(round, system, browser.call(cold ? "coldReads" : "warmReads",
              Map.of("system", system, "name", storeName(workload, system, 0), "params", params)));
        }
      }
    } finally {
      browser.load(page);
      for (String system : participants) {
        browser.call("destroy", Map.of("system", system, "name", storeName(workload, system, 0)));
      }
    }
  }

  /** W5 then W6 on each system, from the servers of {@link PeerServers}; bytes on the wire counted. */
  private void pulls() throws Exception {
    int commits = number("w5");
    results.title("W5", String.format(Locale.ROOT, "W5: first pull of %,d commits (PouchDB: %,d documents)",
        commits, commits));
    results.title("W6", "W6: pull of one new change after W5");
    PeerServers servers = servers();
    for (int round = 0; round <= runs; round++) {
      for (String system : order("W5", round)) {
        String name = storeName("W5", system, round);
        String db = "w5-" + round + "-" + system.replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
        boolean pouch = system.equals("PouchDB");
        WireCounter wire = servers.wire(system);
        Map<String, Object> remote = servers.remote(db);
        try {
          if (pouch) {
            servers.makeCouchDb(db);
          }
          wire.reset();
          Map<String, Object> first = browser.call("pull", Map.of("system", system, "name", name,
              "remote", remote, "first", true, "checks", List.of(
                  List.of(PeerServers.key(0), PeerServers.value(0)),
                  List.of(PeerServers.key(commits - 1), PeerServers.value(commits - 1)))));
          record(round, system, withWire(first, wire));
          if (pouch) {
            servers.changeCouchDb(db);
          } else {
            servers.changeGrove();
          }
          wire.reset();
          Map<String, Object> next = browser.call("pull", Map.of("system", system, "name", name,
              "remote", remote, "first", false,
              "checks", List.of(List.of(PeerServers.NEW_KEY, PeerServers.NEW_VALUE))));
          record(round, system, withWire(next, wire));
        } finally {
          browser.call("destroy", Map.of("system", system, "name", name));
          if (pouch) {
            servers.deleteCouchDb(db);
          } else {
            servers.resetGrove();
          }
        }
      }
    }
  }

  /** The answer with the wire counter's bytes (both ways) added to its one measure. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> withWire(Map<String, Object> answer, WireCounter wire) {
    Map<String, Object> with = new LinkedHashMap<>();
    answer.forEach((measure, value) -> {
      Map<String, Object> sample = new LinkedHashMap<>((Map<String, Object>) value);
      sample.put("wireBytes", wire.sent() + wire.received());
      sample.put("wireBytesSent", wire.sent());
      with.put(measure, sample);
    });
    return with;
  }

  /** The command as typed: {@code ./benchmark peers} and the options other than paths. */
  private static String command(String[] args) {
    StringBuilder command = new StringBuilder("./benchmark peers");
    for (String arg : args) {
      if (PATHS.stream().noneMatch(p -> arg.startsWith("--" + p + "="))) {
        command.append(' ').append(arg);
      }
    }
    return command.toString();
  }

  /** The peers' versions as package.json pins them. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> peerVersions(Path pages) throws IOException {
    Map<String, Object> pkg = new Json().toType(Files.readString(pages.resolve("peers/package.json")), Map.class);
    return new LinkedHashMap<>((Map<String, Object>) pkg.get("devDependencies"));
  }

  private static String load() throws IOException {
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
