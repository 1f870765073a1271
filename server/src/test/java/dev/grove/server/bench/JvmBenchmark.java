package dev.grove.server.bench;

import dev.grove.server.storage.Durability;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Grove's JVM benchmark: a plain harness (not a test), run by {@code ./benchmark} at the root of
 * the project; docs/BENCHMARKS.md describes it and holds the numbers of one run.
 *
 * <ol>
 *   <li><b>Commits per second</b> of single-key {@code set}: Grove on the memory, fs and git
 *       backends, fs and git with and without fsync, side by side in one JVM with
 *       {@link JgitDirect} (JGit used directly) as the reference. Every store gets the same
 *       pre-fill, the same warm-up and the same sequence of sets, in rounds whose variant order
 *       rotates; after each round every variant must have the same head commit id (same
 *       author, time and message), which proves that they all wrote the same commits.
 *   <li><b>Cost of one set as the store grows</b>: one store per backend, grown to 1 thousand,
 *       10 thousand, 100 thousand and 1 million keys under three-level paths by large SET
 *       transactions; at each size, single sets of random existing keys are timed one by one.
 * </ol>
 *
 * Options: {@code --quick}; {@code --only=commits|scaling}; {@code --dir=PATH} (where stores
 * are made, default /var/tmp); {@code --variants=a,b} (commit variants: memory,
 * fs-fsync, fs-no_fsync, git-fsync, git-no_fsync, jgit-fsync, jgit-fsync+dirs, jgit-no_fsync);
 * {@code --scaling=memory,fs,jgit,git}; {@code --sizes=1000,10000}; {@code --git-max=N} (largest
 * size for git and JGit direct in the scaling benchmark, default 100,000: their fills of loose
 * objects take minutes at 1 million keys); {@code --no-fsync-scaling}; {@code --rounds=R};
 * {@code --commits=M}; {@code --keys=N}; {@code --keep} (do not delete the stores);
 * {@code --out=FILE} (also write the report there).
 */
public final class JvmBenchmark {
  static final long EPOCH = 1_700_000_000L;
  static final String AUTHOR = "Bench";
  static final String EMAIL = "bench@grove.invalid";
  private static final java.lang.management.ThreadMXBean THREADS =
      ManagementFactory.getThreadMXBean();

  private final Options opt;
  private final StringBuilder report = new StringBuilder();
  private final Path base;
  private String loadAtStart;

  private JvmBenchmark(Options opt) throws IOException {
    this.opt = opt;
    Path parent = opt.dir != null ? opt.dir : defaultParent();
    Files.createDirectories(parent);
    this.base = Files.createTempDirectory(parent.toAbsolutePath(), "grove-bench-");
  }

  /**
   * Where stores are made by default: /var/tmp, which is on disk (the system temp dir may be a
   * tmpfs in memory, where fsync costs nothing), else the system temp dir.
   */
  private static Path defaultParent() {
    Path varTmp = Path.of("/var/tmp");
    return Files.isDirectory(varTmp) && Files.isWritable(varTmp) ? varTmp
        : Path.of(System.getProperty("java.io.tmpdir"));
  }

  public static void main(String[] args) throws Exception {
    Options opt = Options.parse(args);
    JvmBenchmark bench = new JvmBenchmark(opt);
    try {
      bench.run();
    } finally {
      if (!opt.keep) {
        deleteTree(bench.base);
      }
    }
  }

  private void run() throws Exception {
    long start = System.nanoTime();
    loadAtStart = loadAverage();
    out("# Grove JVM benchmark, " + (opt.quick ? "quick" : "full") + " run, "
        + Instant.now().toString().substring(0, 19) + "Z");
    out("");
    environment();
    if (opt.only == null || opt.only.equals("commits")) {
      new CommitBench().run();
    }
    if (opt.only == null || opt.only.equals("scaling")) {
      new ScalingBench().run();
    }
    out(String.format(Locale.ROOT, "Total time: %.0f s. Load average at the start: %s; at the end: %s "
        + "(/proc/loadavg: 1, 5, 15 minutes; this benchmark alone keeps it near 1).",
        (System.nanoTime() - start) / 1e9, loadAtStart, loadAverage()));
    if (opt.out != null) {
      Files.createDirectories(opt.out.toAbsolutePath().getParent());
      Files.writeString(opt.out, report.toString());
      System.err.println("report written to " + opt.out);
    }
  }

  // ---------------------------------------------------------------- commits per second

  /** One store of the commit benchmark: Grove on a backend, or JGit direct. */
  private interface Target extends AutoCloseable {
    String set(String path, byte[] value, String message) throws Exception;

    String setAll(List<String> paths, List<byte[]> values, String message) throws Exception;

    String head();

    /** Whether {@link #reopen} works (a Grove fs or git store). */
    default boolean canReopen() {
      return false;
    }

    /** Closes the store and opens its directory again with {@code durability}. */
    default void reopen(Durability durability) {
      throw new UnsupportedOperationException("this store cannot be reopened: see canReopen()");
    }

    @Override
    void close();
  }

  private record Variant(String label, String durability, String fsyncs, Target target) {}

  private final class CommitBench {
    final int keys = opt.keys;
    final int warmup = opt.quick ? 100 : 400;
    final int rounds = opt.rounds > 0 ? opt.rounds : opt.quick ? 3 : 7;
    final int perRound = opt.commits > 0 ? opt.commits : opt.quick ? 100 : 400;
    long sequence;

    void run() throws Exception {
      List<Variant> variants = open();
      try {
        System.err.printf("commits: %d variants, %d keys, %d warm-up sets, %d rounds of %d sets%n",
            variants.size(), keys, warmup, rounds, perRound);
        List<String> paths = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
          paths.add(path(i));
          values.add(("value " + i + "\n").getBytes(StandardCharsets.UTF_8));
        }
        for (Variant v : variants) {
          v.target.setAll(paths, values, "fill " + keys + " keys\n");
        }
        checkSameHead(variants, "after the fill");
        for (Variant v : variants) {
          System.err.println("  warm-up " + v.label + " " + v.durability);
          runSets(v.target, 0, warmup, null, null, 0);
        }
        sequence = warmup;
        checkSameHead(variants, "after the warm-up");
        Map<Variant, double[]> rates = new LinkedHashMap<>();
        Map<Variant, long[]> latencies = new LinkedHashMap<>();
        Map<Variant, long[]> cpus = new LinkedHashMap<>();
        for (Variant v : variants) {
          rates.put(v, new double[rounds]);
          latencies.put(v, new long[rounds * perRound]);
          cpus.put(v, new long[rounds * perRound]);
        }
        String loadBefore = loadAverage();
        for (int r = 0; r < rounds; r++) {
          System.err.println("  round " + (r + 1) + "/" + rounds);
          for (int k = 0; k < variants.size(); k++) {
            Variant v = variants.get((k + r) % variants.size()); // rotate the order
            long t0 = System.nanoTime();
            runSets(v.target, sequence, perRound, latencies.get(v), cpus.get(v), r * perRound);
            long elapsed = System.nanoTime() - t0;
            rates.get(v)[r] = perRound / (elapsed / 1e9);
          }
          sequence += perRound;
          checkSameHead(variants, "after round " + (r + 1));
        }
        report(variants, rates, latencies, cpus, loadBefore, loadAverage());
      } finally {
        for (Variant v : variants) {
          v.target.close();
        }
      }
    }

    /** The key of number {@code i}: 32 directories, {@code d<i%32>/k<i>}. */
    String path(long i) {
      return "d" + (i % 32) + "/k" + i;
    }

    /** Runs sets number {@code from} to {@code from+count-1}; each one's time into {@code times}. */
    void runSets(Target target, long from, int count, long[] times, long[] cpu, int offset)
        throws Exception {
      for (int j = 0; j < count; j++) {
        long s = from + j;
        long key = Long.remainderUnsigned(mix(s), 2L * keys); // half overwrites, half new keys at first
        String path = path(key);
        byte[] value = ("value " + key + " set " + s + "\n").getBytes(StandardCharsets.UTF_8);
        long c0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        target.set(path, value, "set " + path + "\n");
        if (times != null) {
          times[offset + j] = System.nanoTime() - t0;
          cpu[offset + j] = THREADS.getCurrentThreadCpuTime() - c0;
        }
      }
    }

    List<Variant> open() throws IOException {
      List<Variant> all = new ArrayList<>();
      Path dir = base.resolve("commits");
      Files.createDirectories(dir);
      String dirsFs = "the batch's one pack file (temp file, before its rename), objects/pack/, "
          + "the ref's lock file, refs/ (and when 16 small packs are merged: the merged pack, "
          + "objects/pack/)";
      all.add(new Variant("memory", "none (in memory)", "nothing", grove(GroveStore.memory())));
      all.add(new Variant("fs", "FSYNC", dirsFs,
          grove(GroveStore.fs(dir.resolve("fs-fsync"), Durability.FSYNC))));
      all.add(new Variant("fs", "NO_FSYNC", "nothing",
          grove(GroveStore.fs(dir.resolve("fs-nofsync"), Durability.NO_FSYNC))));
      all.add(new Variant("git", "FSYNC", "each loose object file and the ref's lock file "
          + "(JGit), plus each objects/xx dir, objects/, refs/heads/ (Grove)",
          grove(GroveStore.git(dir.resolve("git-fsync"), Durability.FSYNC))));
      all.add(new Variant("git", "NO_FSYNC", "nothing",
          grove(GroveStore.git(dir.resolve("git-nofsync"), Durability.NO_FSYNC))));
      all.add(new Variant("JGit direct", "FSYNC", "each loose object file and the ref's lock "
          + "file; no directory", jgit(dir.resolve("jgit-fsync"), JgitDirect.Sync.FILES)));
      all.add(new Variant("JGit direct", "FSYNC+dirs", "as JGit FSYNC, plus each objects/xx "
          + "dir, objects/, refs/heads/ (what Grove's git backend adds)",
          jgit(dir.resolve("jgit-fsync-dirs"), JgitDirect.Sync.FILES_AND_DIRS)));
      all.add(new Variant("JGit direct", "NO_FSYNC", "nothing",
          jgit(dir.resolve("jgit-nofsync"), JgitDirect.Sync.NONE)));
      if (opt.variants == null) {
        return all;
      }
      List<Variant> chosen = new ArrayList<>();
      for (Variant v : all) {
        String slug = slug(v);
        if (opt.variants.contains(slug)) {
          chosen.add(v);
        } else {
          v.target.close();
        }
      }
      if (chosen.isEmpty()) {
        throw new IllegalArgumentException("no variant matches " + opt.variants
            + "; labels: memory, fs-fsync, fs-no_fsync, git-fsync, git-no_fsync, jgit-fsync, "
            + "jgit-fsync+dirs, jgit-no_fsync");
      }
      return chosen;
    }

    String slug(Variant v) {
      String name = v.label.equals("JGit direct") ? "jgit" : v.label;
      return v.label.equals("memory") ? "memory"
          : (name + "-" + v.durability).toLowerCase(Locale.ROOT);
    }

    void checkSameHead(List<Variant> variants, String when) {
      String expected = variants.get(0).target.head();
      for (Variant v : variants) {
        String head = v.target.head();
        if (!head.equals(expected)) {
          throw new IllegalStateException("different commits " + when + ": "
              + variants.get(0).label + " " + variants.get(0).durability + " is at " + expected
              + ", " + v.label + " " + v.durability + " at " + head);
        }
      }
      lastHead = expected;
    }

    String lastHead;

    void report(List<Variant> variants, Map<Variant, double[]> rates,
        Map<Variant, long[]> latencies, Map<Variant, long[]> cpus, String loadBefore,
        String loadAfter) {
      out("## Commits per second, single-key set");
      out("");
      out(String.format(Locale.ROOT, "Store pre-filled with %,d keys `d<i%%32>/k<i>` (one commit); "
          + "%d warm-up sets; then %d rounds of %d sets per variant, the variants' order rotating "
          + "each round. Each set writes a new value to key `d<i%%32>/k<i>` with i pseudo-random in "
          + "[0, %,d), one commit on `main`. Every variant ended every round at the same head "
          + "commit (last: `%s`): all wrote the same %,d commits.", keys, warmup, rounds, perRound,
          2 * keys, lastHead, 1 + warmup + rounds * perRound));
      out("");
      out("| store | durability | commits/s (median of rounds) | min–max of rounds | µs per commit (median) | µs per commit (p90) | CPU µs per commit (median) |");
      out("|---|---|---:|---:|---:|---:|---:|");
      Map<String, Double> median = new LinkedHashMap<>();
      for (Variant v : variants) {
        double[] r = rates.get(v).clone();
        Arrays.sort(r);
        long[] l = latencies.get(v).clone();
        Arrays.sort(l);
        long[] c = cpus.get(v).clone();
        Arrays.sort(c);
        double med = medianOf(r);
        median.put(slug(v), med);
        out(String.format(Locale.ROOT, "| %s | %s | %,.0f | %,.0f–%,.0f | %,.1f | %,.1f | %,.1f |",
            v.label, v.durability, med, r[0], r[r.length - 1], percentile(l, 0.5) / 1e3,
            percentile(l, 0.9) / 1e3, percentile(c, 0.5) / 1e3));
      }
      out("");
      out("Load average (1, 5, 15 min) before the timed rounds: " + loadBefore + "; after: "
          + loadAfter + ". CPU time is the benchmark thread's (user + system), so it leaves out "
          + "time spent waiting for the disk.");
      out("");
      out("What each variant fsyncs per commit:");
      out("");
      for (Variant v : variants) {
        out("- " + v.label + " " + v.durability + ": " + v.fsyncs + ".");
      }
      out("");
      ratio(median, "fs-no_fsync", "jgit-no_fsync", "fs NO_FSYNC / JGit direct NO_FSYNC");
      ratio(median, "fs-fsync", "jgit-fsync", "fs FSYNC / JGit direct FSYNC (JGit fsyncs no directory)");
      ratio(median, "fs-fsync", "jgit-fsync+dirs", "fs FSYNC / JGit direct FSYNC+dirs");
      ratio(median, "git-no_fsync", "jgit-no_fsync", "git NO_FSYNC / JGit direct NO_FSYNC");
      ratio(median, "git-fsync", "jgit-fsync+dirs", "git FSYNC / JGit direct FSYNC+dirs");
      out("");
    }

    void ratio(Map<String, Double> median, String a, String b, String what) {
      if (median.containsKey(a) && median.containsKey(b)) {
        double x = median.get(a) / median.get(b);
        out(String.format(Locale.ROOT, "- %s: **%.2f×**%s", what, x,
            a.startsWith("fs") ? (x >= 1.5 ? " (aim ≥ 1.5×: met)" : " (aim ≥ 1.5×: **not met**)") : ""));
      }
    }
  }

  // ---------------------------------------------------------------- cost of a set by size

  private final class ScalingBench {
    final int[] sizes = opt.sizes != null ? opt.sizes
        : opt.quick ? new int[] {1_000, 10_000, 100_000} : new int[] {1_000, 10_000, 100_000, 1_000_000};
    final List<String> backends = opt.scaling != null ? opt.scaling
        : List.of("memory", "fs", "jgit", "git");
    final int chunk = 50_000;
    final int warmup = opt.quick ? 200 : 500;
    final int timedFast = opt.quick ? 1_000 : 3_000;
    final int timedFsync = opt.quick ? 50 : 200;
    long sequence;

    /** Results by column (store and durability), then by size. */
    final Map<String, Map<Integer, Stats>> results = new LinkedHashMap<>();
    final Map<String, Map<Integer, Double>> fills = new LinkedHashMap<>();

    record Stats(double median, double p90, double mean, double cpuMedian) {}

    String loadBefore;

    void run() throws Exception {
      loadBefore = loadAverage();
      warmUpJit();
      for (String backend : backends) {
        Path dir = base.resolve("scaling-" + backend);
        Target store = switch (backend) {
          case "memory" -> grove(GroveStore.memory());
          case "fs" -> grove(GroveStore.fs(dir, Durability.NO_FSYNC));
          case "git" -> grove(GroveStore.git(dir, Durability.NO_FSYNC));
          case "jgit" -> jgit(dir, JgitDirect.Sync.NONE);
          default -> throw new IllegalArgumentException("unknown store " + backend
              + " (memory, fs, git, jgit)");
        };
        String name = switch (backend) {
          case "memory" -> "memory";
          case "jgit" -> "JGit direct";
          default -> backend;
        };
        try {
          int filled = 0;
          for (int size : sizes) {
            if ((backend.equals("git") || backend.equals("jgit")) && size > opt.gitMax) {
              continue;
            }
            long t0 = System.nanoTime();
            while (filled < size) {
              int to = Math.min(size, filled + chunk);
              fill(store, filled, to);
              filled = to;
            }
            double fillSeconds = (System.nanoTime() - t0) / 1e9;
            fills.computeIfAbsent(name, k -> new LinkedHashMap<>()).put(size, fillSeconds);
            System.err.printf(Locale.ROOT, "scaling %s: %,d keys filled in %.1f s%n", name,
                size, fillSeconds);
            settle(!backend.equals("memory"));
            String column = backend.equals("memory") ? "memory" : name + " NO_FSYNC";
            record(column, size, timeSets(store, size,
                backend.equals("memory") ? 3 * timedFast : timedFast));
            if (store.canReopen() && !opt.noFsyncScaling) {
              store.reopen(Durability.FSYNC);
              record(name + " FSYNC", size, timeSets(store, size, timedFsync));
              store.reopen(Durability.NO_FSYNC);
            }
          }
        } finally {
          store.close(); // deleted with the others at the end: see deleteTree
        }
      }
      report();
    }

    /** A few thousand sets on small stores, so that the first size is timed on compiled code. */
    void warmUpJit() throws Exception {
      Path dir = base.resolve("scaling-warmup");
      Files.createDirectories(dir);
      List<Target> stores = List.of(grove(GroveStore.memory()),
          grove(GroveStore.fs(dir.resolve("fs"), Durability.NO_FSYNC)),
          jgit(dir.resolve("jgit"), JgitDirect.Sync.NONE));
      try {
        for (Target store : stores) {
          fill(store, 0, 1_000);
          timeSets(store, 1_000, opt.quick ? 1_000 : 3_000);
        }
      } finally {
        for (Target store : stores) {
          store.close();
        }
      }
    }

    /** The key of number {@code i}: three levels, fan-out at most 100 each. */
    String path(long i) {
      return "p" + (i / 10_000) + "/q" + (i / 100 % 100) + "/k" + i;
    }

    /** The number of entries of the root, middle and leaf tree on a set's path at {@code size} keys (all full). */
    String pathTrees(int size) {
      int root = (size + 9_999) / 10_000;
      int middle = Math.min(100, (size + 99) / 100);
      int leaf = Math.min(100, size);
      return root + " / " + middle + " / " + leaf;
    }

    void fill(Target store, int from, int to) throws Exception {
      List<String> paths = new ArrayList<>(to - from);
      List<byte[]> values = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        paths.add(path(i));
        values.add(("value " + i + "\n").getBytes(StandardCharsets.UTF_8));
      }
      store.setAll(paths, values, "fill keys " + from + " to " + (to - 1) + "\n");
    }

    /** Untimed: writes dirty pages to disk and collects garbage, so the fill's costs stay in the fill. */
    void settle(boolean onDisk) throws Exception {
      if (onDisk) {
        new ProcessBuilder("sync").inheritIO().start().waitFor();
      }
      System.gc();
    }

    /** Warm-up sets, then {@code count} timed sets of random existing keys (each a commit). */
    Stats timeSets(Target store, int size, int count) throws Exception {
      long until = System.nanoTime() + (opt.quick ? 500_000_000L : 1_500_000_000L);
      for (int j = 0; j < warmup || System.nanoTime() < until; j++) {
        oneSet(store, size);
      }
      long[] times = new long[count];
      long[] cpu = new long[count];
      for (int j = 0; j < count; j++) {
        long c0 = THREADS.getCurrentThreadCpuTime();
        times[j] = oneSet(store, size);
        cpu[j] = THREADS.getCurrentThreadCpuTime() - c0;
      }
      Arrays.sort(times);
      Arrays.sort(cpu);
      double sum = 0;
      for (long t : times) {
        sum += t;
      }
      return new Stats(percentile(times, 0.5) / 1e3, percentile(times, 0.9) / 1e3,
          sum / times.length / 1e3, percentile(cpu, 0.5) / 1e3);
    }

    long oneSet(Target store, int size) throws Exception {
      long s = sequence++;
      long key = Long.remainderUnsigned(mix(s), size);
      String path = path(key);
      byte[] value = ("value " + key + " set " + s + "\n").getBytes(StandardCharsets.UTF_8);
      String message = "set " + path + "\n";
      long t0 = System.nanoTime();
      store.set(path, value, message);
      return System.nanoTime() - t0;
    }

    void record(String column, int size, Stats stats) {
      results.computeIfAbsent(column, k -> new LinkedHashMap<>()).put(size, stats);
      System.err.printf(Locale.ROOT, "scaling %s at %,d keys: median %.1f µs, p90 %.1f µs, "
          + "CPU median %.1f µs (load %s)%n", column, size, stats.median, stats.p90,
          stats.cpuMedian, loadAverage());
    }

    void report() {
      out("## Cost of one set as the store grows");
      out("");
      out(String.format(Locale.ROOT, "Keys `p<i/10000>/q<(i/100)%%100>/k<i>` (three levels, fan-out at "
          + "most 100 per level), value `value <i>`, filled by SET transactions of up to %,d keys "
          + "(JGit direct: one commit per %,d keys too); the store then grows to the next size. "
          + "At each size: at least %d warm-up sets and %.1f s of them, then %,d timed sets (%,d on "
          + "memory, %d with FSYNC) of a new value at a random existing key, each a commit on "
          + "`main`, each timed alone. The FSYNC columns "
          + "time the same store reopened with FSYNC after the NO_FSYNC sets (it is filled without "
          + "fsync). A `sync` and a GC run after each fill, untimed. \"Trees on the path\": entries "
          + "of the root, middle and leaf tree that a set rewrites.", chunk, chunk, warmup,
          opt.quick ? 0.5 : 1.5, timedFast, 3 * timedFast, timedFsync));
      out("");
      StringBuilder head = new StringBuilder("| keys | trees on the path |");
      StringBuilder rule = new StringBuilder("|---:|---:|");
      for (String column : results.keySet()) {
        head.append(' ').append(column).append(" median µs (p90) |");
        rule.append("---:|");
      }
      out(head.toString());
      out(rule.toString());
      for (int size : sizes) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %,d | %s |", size,
            pathTrees(size)));
        for (Map<Integer, Stats> column : results.values()) {
          Stats s = column.get(size);
          row.append(s == null ? " – |" : String.format(Locale.ROOT, " %,.1f (%,.1f) |", s.median, s.p90));
        }
        out(row.toString());
      }
      out("");
      out("CPU time of the benchmark thread per set (median µs; user + system, without waits for "
          + "the disk or for a CPU):");
      out("");
      StringBuilder ch = new StringBuilder("| keys |");
      StringBuilder cr = new StringBuilder("|---:|");
      for (String column : results.keySet()) {
        ch.append(' ').append(column).append(" |");
        cr.append("---:|");
      }
      out(ch.toString());
      out(cr.toString());
      for (int size : sizes) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %,d |", size));
        for (Map<Integer, Stats> column : results.values()) {
          Stats s = column.get(size);
          row.append(s == null ? " – |" : String.format(Locale.ROOT, " %,.1f |", s.cpuMedian));
        }
        out(row.toString());
      }
      out("");
      out("Load average (1, 5, 15 min) before the scaling benchmark: " + loadBefore + "; after: "
          + loadAverage() + ".");
      out("");
      out("Fill time, NO_FSYNC (seconds to grow the store from the previous size to this one):");
      out("");
      StringBuilder fh = new StringBuilder("| keys |");
      StringBuilder fr = new StringBuilder("|---:|");
      for (String backend : fills.keySet()) {
        fh.append(' ').append(backend).append(" |");
        fr.append("---:|");
      }
      out(fh.toString());
      out(fr.toString());
      for (int size : sizes) {
        StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %,d |", size));
        for (Map<Integer, Double> column : fills.values()) {
          Double s = column.get(size);
          row.append(s == null ? " – |" : String.format(Locale.ROOT, " %.1f |", s));
        }
        out(row.toString());
      }
      out("");
      int small = sizes[0];
      out("Median set at the largest size over the median at the smallest "
          + "(aim: at most 2× from 1,000 to 1,000,000 keys):");
      out("");
      for (Map.Entry<String, Map<Integer, Stats>> column : results.entrySet()) {
        int large = 0;
        for (int size : column.getValue().keySet()) {
          large = Math.max(large, size);
        }
        Stats a = column.getValue().get(small);
        Stats b = column.getValue().get(large);
        if (a == null || b == null || large == small) {
          continue;
        }
        double ratio = b.median / a.median;
        boolean grove = !column.getKey().startsWith("JGit");
        String verdict = grove && large == 1_000_000 && small == 1_000
            ? (ratio <= 2 ? " (aim: met)" : " (aim: **not met**)") : grove ? "" : " (reference)";
        out(String.format(Locale.ROOT, "- %s, %,d → %,d keys: %,.1f µs → %,.1f µs, **%.2f×**%s "
            + "(means %,.1f → %,.1f µs; CPU medians %,.1f → %,.1f µs, %.2f×)", column.getKey(),
            small, large, a.median, b.median, ratio, verdict, a.mean, b.mean, a.cpuMedian,
            b.cpuMedian, b.cpuMedian / a.cpuMedian));
      }
      out("");
    }
  }

  // ---------------------------------------------------------------- helpers

  static Target grove(GroveStore store) {
    return new Target() {
      @Override
      public String set(String path, byte[] value, String message) {
        return store.set(path, value, message);
      }

      @Override
      public String setAll(List<String> paths, List<byte[]> values, String message) {
        return store.setAll(paths, values, message);
      }

      @Override
      public String head() {
        return store.head();
      }

      @Override
      public boolean canReopen() {
        return store.kind() != GroveStore.Kind.MEMORY;
      }

      @Override
      public void reopen(Durability durability) {
        store.reopen(durability);
      }

      @Override
      public void close() {
        store.close();
      }
    };
  }

  static Target jgit(Path dir, JgitDirect.Sync sync) throws IOException {
    JgitDirect jgit = JgitDirect.init(dir, sync, AUTHOR, EMAIL, EPOCH);
    return new Target() {
      @Override
      public String set(String path, byte[] value, String message) throws IOException {
        return jgit.commit(List.of(path), List.of(value), message);
      }

      @Override
      public String setAll(List<String> paths, List<byte[]> values, String message)
          throws IOException {
        return jgit.commit(paths, values, message);
      }

      @Override
      public String head() {
        return jgit.head();
      }

      @Override
      public void close() {
        jgit.close();
      }
    };
  }


  private void environment() throws IOException {
    out("## Machine");
    out("");
    out("- CPU: " + Runtime.getRuntime().availableProcessors() + " cores available to the JVM, "
        + firstLine(Path.of("/proc/cpuinfo"), "model name"));
    out("- Memory: " + firstLine(Path.of("/proc/meminfo"), "MemTotal"));
    FileStore store = Files.getFileStore(base);
    out("- Stores in " + base.getParent() + ": file system " + store.type() + " on " + store.name()
        + String.format(Locale.ROOT, " (%,d GB free)", store.getUsableSpace() >> 30));
    List<String> gcs = new ArrayList<>();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcs.add(gc.getName());
    }
    out("- JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + ", max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MB, GC " + gcs
        + ", JGit " + org.eclipse.jgit.lib.Repository.class.getPackage().getImplementationVersion());
    out("");
  }

  private static String loadAverage() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return fields[0] + " " + fields[1] + " " + fields[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String firstLine(Path file, String prefix) {
    try {
      for (String line : Files.readAllLines(file)) {
        if (line.startsWith(prefix)) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return "unknown";
  }

  private void out(String line) {
    System.out.println(line);
    report.append(line).append('\n');
  }

  /** SplitMix64's finaliser: the pseudo-random key of set number {@code s}, same in every run. */
  static long mix(long s) {
    long z = s * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static double medianOf(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static double percentile(long[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  /**
   * Deletes a directory tree ({@code rm -rf}, much faster than Java on millions of files). Only
   * at the end of a run: on ext4 without a journal (as on the VM of docs/BENCHMARKS.md), creating
   * a file skips every inode of its block group deleted in the last 30 seconds or so, one by one
   * (the kernel's {@code recently_deleted}), and creating files right after deleting a million
   * costs up to 25 times more.
   */
  static void deleteTree(Path dir) throws IOException, InterruptedException {
    if (!Files.exists(dir)) {
      return;
    }
    int status = new ProcessBuilder("rm", "-rf", dir.toString()).inheritIO().start().waitFor();
    if (status != 0 && Files.exists(dir)) {
      try (var walk = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static final class Options {
    boolean quick;
    boolean keep;
    boolean noFsyncScaling;
    String only;
    Path dir;
    Path out;
    List<String> variants;
    List<String> scaling;
    int[] sizes;
    int rounds;
    int commits;
    int keys = 1_000;
    int gitMax = 100_000;

    static Options parse(String[] args) {
      Options o = new Options();
      for (String arg : args) {
        String key = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
        switch (key) {
          case "--quick" -> o.quick = true;
          case "--keep" -> o.keep = true;
          case "--no-fsync-scaling" -> o.noFsyncScaling = true;
          case "--only" -> o.only = value;
          case "--dir" -> o.dir = Path.of(value);
          case "--out" -> o.out = Path.of(value);
          case "--variants" -> o.variants = List.of(value.toLowerCase(Locale.ROOT).split(","));
          case "--scaling" -> o.scaling = List.of(value.split(","));
          case "--sizes" -> o.sizes = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
          case "--rounds" -> o.rounds = Integer.parseInt(value);
          case "--commits" -> o.commits = Integer.parseInt(value);
          case "--keys" -> o.keys = Integer.parseInt(value);
          case "--git-max" -> o.gitMax = Integer.parseInt(value);
          default -> throw new IllegalArgumentException("unknown option " + arg
              + " (see the Javadoc of dev.grove.server.bench.JvmBenchmark or docs/BENCHMARKS.md)");
        }
      }
      if (o.only != null && !o.only.equals("commits") && !o.only.equals("scaling")) {
        throw new IllegalArgumentException("--only takes commits or scaling");
      }
      return o;
    }
  }
}
