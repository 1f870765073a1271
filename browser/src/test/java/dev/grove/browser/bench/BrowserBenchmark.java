package dev.grove.browser.bench;

import dev.grove.browser.testing.StaticServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The browser benchmark ({@code ./benchmark browser}; docs/BENCHMARKS.md, section Browser): the
 * size of grove.js, and its speed on IndexedDB and in memory in headless Chromium, measured in
 * the page ({@code src/test/js/bench.mjs}) with {@code performance.now()}:
 *
 * <ol>
 *   <li>grove.js as built (TeaVM, minified) and gzipped (here, in Java: {@link GZIPOutputStream}
 *       at {@link Deflater#BEST_COMPRESSION});
 *   <li>single-key sets in a row, each a commit, on IndexedDB and in memory: commits per second
 *       (keys spread over 20 directories; and, apart, sets into one directory of 1,000 keys);
 *   <li>one transaction setting 10,000 keys (hierarchical paths) as one commit;
 *   <li>a 100,000-key store built in transactions of 10,000 keys, then, in a new page (a fresh
 *       JavaScript context), {@code open(name)} and the read of one key; then the same after a
 *       restart of the browser.
 * </ol>
 *
 * <p>Options: {@code --grove=DIR} (grove.js; default {@code target/javascript/grove}),
 * {@code --pages=DIR} (bench.html and bench.mjs; default {@code src/test/js}),
 * {@code --out=FILE} (also write the report there), {@code --runs=N} (5), {@code --sets=N}
 * (200), {@code --flat=N} (1000), {@code --tx-keys=N} (10000), {@code --tx-runs=N} (3),
 * {@code --keys=N} (100000), {@code --batch=N} (10000), {@code --restarts=N} (3),
 * {@code --quick} (2 runs, 1 transaction run, 1 restart). The report (Markdown) goes to standard
 * output, progress to standard error.
 */
public final class BrowserBenchmark {
  private final Map<String, String> options;
  private final List<String[]> rows = new ArrayList<>();

  private BrowserBenchmark(Map<String, String> options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unknown argument " + arg);
      }
      int eq = arg.indexOf('=');
      options.put(eq < 0 ? arg.substring(2) : arg.substring(2, eq),
          eq < 0 ? "true" : arg.substring(eq + 1));
    }
    if (options.containsKey("quick")) {
      options.putIfAbsent("runs", "2");
      options.putIfAbsent("tx-runs", "1");
      options.putIfAbsent("restarts", "1");
    }
    // The command as a person types it: without the paths the script adds.
    String typed = Stream.of(args).filter(a -> !a.startsWith("--grove=")
        && !a.startsWith("--pages=") && !a.startsWith("--out=")).collect(Collectors.joining(" "));
    new BrowserBenchmark(options).run(typed);
  }

  private int integer(String name, int byDefault) {
    String value = options.get(name);
    return value == null ? byDefault : Integer.parseInt(value);
  }

  private void run(String arguments) throws Exception {
    Path grove = Path.of(options.getOrDefault("grove", "target/javascript/grove"), "grove.js");
    Path pages = Path.of(options.getOrDefault("pages", "src/test/js"));
    int runs = integer("runs", 5);
    int sets = integer("sets", 200);
    int flat = integer("flat", 1000);
    int txKeys = integer("tx-keys", 10_000);
    int txRuns = integer("tx-runs", 3);
    int keys = integer("keys", 100_000);
    int batch = integer("batch", 10_000);
    int restarts = integer("restarts", 3);
    if (!Files.isRegularFile(grove)) {
      throw new IllegalStateException("no grove.js at " + grove.toAbsolutePath()
          + ": build it first (mvn -pl browser -am package -DskipTests)");
    }
    String loadBefore = loadAverage();
    String started = ZonedDateTime.now(ZoneOffset.UTC)
        .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));

    // 1. Size.
    byte[] js = Files.readAllBytes(grove);
    int gzipped = gzip(js).length;
    row("grove.js as built (TeaVM, minified, ES module)", bytes(js.length));
    row("grove.js gzipped (Java's GZIPOutputStream at BEST_COMPRESSION, level 9)",
        bytes(gzipped) + (gzipped <= 150_000 ? ": **within** the 150 KB aim"
            : ": **over** the 150 KB aim"));

    Path site = Files.createTempDirectory("grove-bench-site-");
    Path profile = Files.createTempDirectory("grove-bench-profile-");
    String version;
    try (StaticServer server = StaticServer.serve(site)) {
      Files.copy(grove, site.resolve("grove.js"));
      for (String page : List.of("bench.html", "bench.mjs")) {
        Files.copy(pages.resolve(page), site.resolve(page), StandardCopyOption.REPLACE_EXISTING);
      }
      String url = server.url("bench.html");
      BenchBrowser browser = BenchBrowser.start(profile);
      try {
        version = browser.version();
        browser.load(url);

        // 2. Single-key sets.
        List<Double> idbRates = new ArrayList<>();
        List<Double> memoryRates = new ArrayList<>();
        List<Double> idbFlat = new ArrayList<>();
        List<Double> memoryFlat = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
          progress("single-key sets, run %d of %d", r + 1, runs);
          idbRates.add(number(browser.call("sets", Map.of("name", "bench-sets-" + r,
              "memory", false, "count", sets, "warmup", 20, "flat", 0)).get("perSecond")));
          memoryRates.add(number(browser.call("sets", Map.of("name", "bench-memory-" + r,
              "memory", true, "count", sets, "warmup", 20, "flat", 0)).get("perSecond")));
          idbFlat.add(number(browser.call("sets", Map.of("name", "bench-flat-" + r,
              "memory", false, "count", 20, "warmup", 5, "flat", flat)).get("perSecond")));
          memoryFlat.add(number(browser.call("sets", Map.of("name", "bench-flat-memory-" + r,
              "memory", true, "count", 20, "warmup", 5, "flat", flat)).get("perSecond")));
        }
        String setsWhat = "single-key `set`s of new keys in a row, %s (%d sets after 20 untimed;"
            + " keys `sets/d<i %% 20>/k<i>`)";
        row(String.format(setsWhat, "IndexedDB", sets), rate(idbRates));
        row(String.format(setsWhat, "memory store", sets), rate(memoryRates));
        String flatWhat = "single-key `set`s into one directory of %,d keys, %s (20 sets)";
        row(String.format(flatWhat, flat, "IndexedDB"), rate(idbFlat));
        row(String.format(flatWhat, flat, "memory store"), rate(memoryFlat));

        // 3. One transaction of many keys.
        List<Double> idbTx = new ArrayList<>();
        List<Double> memoryTx = new ArrayList<>();
        for (int r = 0; r < txRuns; r++) {
          progress("one %d-key transaction, run %d of %d", txKeys, r + 1, txRuns);
          idbTx.add(number(browser.call("bigTransaction", Map.of("name", "bench-tx-" + r,
              "memory", false, "keys", txKeys)).get("ms")));
          memoryTx.add(number(browser.call("bigTransaction", Map.of("name", "bench-tx-memory-"
              + r, "memory", true, "keys", txKeys)).get("ms")));
        }
        row(String.format("one transaction setting %,d keys (one commit), IndexedDB", txKeys),
            millis(idbTx));
        row(String.format("one transaction setting %,d keys (one commit), memory store", txKeys),
            millis(memoryTx));

        // 4. A big store: build, then open and read in new pages.
        progress("building a %d-key store in transactions of %d keys", keys, batch);
        List<Double> buildTimes = numbers(browser.call("build", Map.of("name", "bench-big",
            "total", keys, "batch", batch)).get("times"));
        double buildTotal = buildTimes.stream().mapToDouble(Double::doubleValue).sum();
        row(String.format("building a %,d-key store: %d transactions of %,d keys, IndexedDB",
            keys, buildTimes.size(), batch), String.format(Locale.ROOT,
            "%,.1f s in all; per transaction: first %s, median %s, last %s", buildTotal / 1000,
            ms(buildTimes.get(0)), ms(median(buildTimes)),
            ms(buildTimes.get(buildTimes.size() - 1))));
        Random random = new Random(42);
        List<Map<String, Object>> reloads = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
          progress("new page: open and read, run %d of %d", r + 1, runs);
          browser.load(url);
          reloads.add(browser.call("openAndRead", Map.of("name", "bench-big",
              "key", random.nextInt(keys), "other", random.nextInt(keys), "sets", 10)));
        }
        addOpenRows("new page", reloads);
        row(String.format("single-key `set` in the %,d-key store, IndexedDB", keys),
            millisPerItem(reloads.stream().flatMap(m -> numbers(m.get("setTimes")).stream())
                .toList()));
        row("page navigation until grove.js is evaluated (fetch, compile, run; new page)",
            millis(pick(reloads, "moduleReady")));
      } finally {
        browser.close();
      }
      List<Map<String, Object>> cold = new ArrayList<>();
      for (int r = 0; r < restarts; r++) {
        progress("browser restart: open and read, run %d of %d", r + 1, restarts);
        BenchBrowser again = BenchBrowser.start(profile);
        try {
          again.load(url);
          cold.add(again.call("openAndRead", Map.of("name", "bench-big",
              "key", random(r, keys), "other", random(r + 100, keys), "sets", 0)));
        } finally {
          again.close();
        }
      }
      addOpenRows("first page after a browser restart", cold);
    } finally {
      deleteTree(site);
      deleteTree(profile);
    }
    String loadAfter = loadAverage();

    StringBuilder report = new StringBuilder();
    report.append("Measured ").append(started).append(" with `./benchmark browser")
        .append(arguments.isEmpty() ? "" : " " + arguments).append("`.\n\n");
    report.append("Machine: ").append(machine()).append("; Chromium ").append(version)
        .append(" (headless=new), driven by ChromeDriver; Java ")
        .append(System.getProperty("java.version")).append(".\n");
    report.append("Load average (1, 5, 15 min) before: ").append(loadBefore)
        .append("; after: ").append(loadAfter).append(".\n\n");
    report.append("| measure | result |\n|---|---|\n");
    for (String[] row : rows) {
      report.append("| ").append(row[0]).append(" | ").append(row[1]).append(" |\n");
    }
    System.out.print(report);
    String out = options.get("out");
    if (out != null) {
      Path path = Path.of(out);
      if (path.getParent() != null) {
        Files.createDirectories(path.getParent());
      }
      Files.writeString(path, report, StandardCharsets.UTF_8);
      progress("report written to %s", path.toAbsolutePath());
    }
  }

  private void addOpenRows(String where, List<Map<String, Object>> runs) {
    row(String.format("`open(name)` + reading one key, %,d-key store, %s", integer("keys",
        100_000), where), millis(pick(runs, "openAndRead")) + "; of which `open` "
        + ms(median(pick(runs, "open"))) + ", the read " + ms(median(pick(runs, "read")))
        + "; a second key then " + ms(median(pick(runs, "secondRead"))));
  }

  private static int random(int seed, int bound) {
    return new Random(seed * 7919L + 1).nextInt(bound);
  }

  private void row(String what, String result) {
    rows.add(new String[] {what, result});
    System.err.println("  " + what + ": " + result);
  }

  private static void progress(String format, Object... args) {
    System.err.println("benchmark browser: " + String.format(Locale.ROOT, format, args));
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(buffer) {
      {
        def.setLevel(Deflater.BEST_COMPRESSION);
      }
    }) {
      out.write(data);
    }
    return buffer.toByteArray();
  }

  private static String bytes(long n) {
    return String.format(Locale.ROOT, "%,d bytes (%.1f KiB)", n, n / 1024.0);
  }

  private static String rate(List<Double> perSecond) {
    double m = median(perSecond);
    return String.format(Locale.ROOT, "median **%,.0f commits/s** (%s per commit); runs: %s",
        m, ms(1000 / m), perSecond.stream().map(v -> String.format(Locale.ROOT, "%,.0f", v))
            .collect(Collectors.joining(", ")));
  }

  private static String millis(List<Double> times) {
    return "median **" + ms(median(times)) + "**" + (times.size() > 1 ? "; runs: "
        + times.stream().map(BrowserBenchmark::ms).collect(Collectors.joining(", ")) : "");
  }

  private static String millisPerItem(List<Double> times) {
    List<Double> sorted = times.stream().sorted().toList();
    return "median **" + ms(median(times)) + "** over " + times.size() + " sets (fastest "
        + ms(sorted.get(0)) + ", slowest " + ms(sorted.get(sorted.size() - 1)) + ")";
  }

  private static String ms(double millis) {
    return millis >= 100 ? String.format(Locale.ROOT, "%,.0f ms", millis)
        : String.format(Locale.ROOT, "%.1f ms", millis);
  }

  private static List<Double> pick(List<Map<String, Object>> runs, String field) {
    return runs.stream().map(m -> number(m.get(field))).toList();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double number(Object value) {
    if (!(value instanceof Number)) {
      throw new IllegalStateException("expected a number from the page, got " + value);
    }
    return ((Number) value).doubleValue();
  }

  @SuppressWarnings("unchecked")
  private static List<Double> numbers(Object value) {
    return ((List<Object>) value).stream().map(BrowserBenchmark::number).toList();
  }

  private static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }

  private static String machine() {
    String cpu = firstLine(Path.of("/proc/cpuinfo"), "model name", l -> l.replaceFirst(
        "^model name\\s*:\\s*", ""));
    String memory = firstLine(Path.of("/proc/meminfo"), "MemTotal", l -> String.format(
        Locale.ROOT, "%.1f GiB memory", Long.parseLong(l.replaceAll("\\D", "")) / 1048576.0));
    String os = firstLine(Path.of("/etc/os-release"), "PRETTY_NAME=", l -> l.substring(12)
        .replace("\"", ""));
    return Runtime.getRuntime().availableProcessors() + " CPUs (nproc"
        + (cpu == null ? "" : "; " + cpu) + ")" + (memory == null ? "" : ", " + memory)
        + (os == null ? "" : ", " + os);
  }

  private static String firstLine(Path file, String prefix, Function<String, String> format) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.filter(l -> l.startsWith(prefix)).findFirst().map(format).orElse(null);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temp directory is harmless
    }
  }
}
