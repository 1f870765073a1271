package dev.grove.server.bench;

import dev.grove.backend.memory.MemoryBackend;
import dev.grove.hash.ObjectId;
import dev.grove.server.client.JdkTransport;
import dev.grove.store.CommitInfo;
import dev.grove.store.CommitView;
import dev.grove.store.Repository;
import dev.grove.store.TooManyRetriesException;
import dev.grove.sync.Progress;
import dev.grove.sync.Remote;
import dev.grove.sync.SyncResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent pushes to one branch (a plain harness, not a test): a real {@code grove serve} in
 * its own JVM on loopback (fsync, the server's default), and N clients, threads of this JVM,
 * each with its own in-memory local store and HTTP transport. Each client, in a loop, commits a
 * single new key locally and syncs {@code main} ({@code Remote.sync}: fetch, merge, push, and
 * again when the push loses the race, as {@code grove sync} does). A sync is timed from its call
 * to its acknowledged push; the throughput counts acknowledged syncs per second of the measured
 * window (after a warm-up). The server runs apart so that its memory is its own: its resident set
 * ({@code /proc/PID/status}: VmRSS sampled every 100 ms, VmHWM its peak) and its heap used after
 * a full collection ({@code jcmd PID GC.run}, then {@code GC.heap_info}), before and after the
 * load. A fresh server and repository for each backend and client count. At the end the harness
 * checks that every acknowledged head is in the server's history.
 *
 * <p>Options: {@code --clients=1,4,16}, {@code --backends=fs,git}, {@code --seconds=S} (measured
 * window, default 20), {@code --warmup=S} (default 5), {@code --dir=PATH} (default /var/tmp),
 * {@code --server-opts="-Xmx..."} (the server JVM's options; default none), {@code --keep}.
 */
public final class PushBenchmark {
  private static final int ATTEMPTS = 1_000;

  private PushBenchmark() {}

  public static void main(String[] args) throws Exception {
    int[] clientCounts = {1, 4, 16};
    List<String> backends = List.of("fs", "git");
    double seconds = 20;
    double warmup = 5;
    Path parent = Path.of("/var/tmp");
    List<String> serverOpts = List.of();
    boolean keep = false;
    for (String arg : args) {
      if (arg.startsWith("--clients=")) {
        clientCounts = Arrays.stream(value(arg).split(",")).mapToInt(Integer::parseInt).toArray();
      } else if (arg.startsWith("--backends=")) {
        backends = List.of(value(arg).split(","));
      } else if (arg.startsWith("--seconds=")) {
        seconds = Double.parseDouble(value(arg));
      } else if (arg.startsWith("--warmup=")) {
        warmup = Double.parseDouble(value(arg));
      } else if (arg.startsWith("--dir=")) {
        parent = Path.of(value(arg));
      } else if (arg.startsWith("--server-opts=")) {
        serverOpts = value(arg).isBlank() ? List.of() : List.of(value(arg).trim().split("\\s+"));
      } else if (arg.equals("--keep")) {
        keep = true;
      } else {
        throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    BenchLogs.quiet();
    Files.createDirectories(parent);
    Path base = Files.createTempDirectory(parent.toAbsolutePath(), "grove-push-bench-");
    StringBuilder report = new StringBuilder();
    report.append(String.format(Locale.ROOT, "## Concurrent pushes to one branch%n%n"
        + "Run %s; %d cores; server: grove serve in its own JVM (options: %s), fsync; clients: threads"
        + " of the harness's JVM, in-memory local stores; %.0f s measured after %.0f s of warm-up.%n%n"
        + "| backend | clients | acknowledged syncs/s | p50 ms | p99 ms | max ms | attempts per sync (mean)"
        + " | gave up | server heap after GC, before → after load | server RSS before load → peak | load average before → after |%n"
        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|%n",
        Instant.now(), Runtime.getRuntime().availableProcessors(),
        serverOpts.isEmpty() ? "JVM defaults" : String.join(" ", serverOpts), seconds, warmup));
    try {
      for (String backend : backends) {
        for (int clients : clientCounts) {
          Path dir = base.resolve(backend + "-" + clients);
          report.append(run(dir, backend, clients, seconds, warmup, serverOpts)).append('\n');
          if (!keep) {
            delete(dir);
          }
        }
      }
    } finally {
      if (!keep) {
        delete(base);
      }
    }
    System.out.print(report);
  }

  private static String run(Path dir, String backend, int clients, double seconds, double warmup,
      List<String> serverOpts) throws Exception {
    Files.createDirectories(dir);
    String load0 = loadAverage();
    try (ServerProcess server = ServerProcess.start(dir.resolve("data"), backend, serverOpts, dir.resolve("serve.log"))) {
      String url = server.repositoryUrl("bench");
      try (Repository seed = Repository.open(new MemoryBackend())) {
        seed.branch("main").set("seed", "s", CommitInfo.message("seed"));
        new Remote(seed, new JdkTransport(url, server.token())).push("main", false, Progress.NONE);
      }
      long heapBefore = server.heapUsedAfterGcKb();
      long rssBefore = server.statusKb("VmRSS");
      Set<ObjectId> acknowledged = ConcurrentHashMap.newKeySet();
      List<long[]> latencies = new ArrayList<>(); // per client: nanoseconds of each measured sync
      AtomicLong attempts = new AtomicLong();
      AtomicLong gaveUp = new AtomicLong();
      CyclicBarrier ready = new CyclicBarrier(clients + 1);
      long[] window = new long[2];
      ExecutorService pool = Executors.newFixedThreadPool(clients);
      List<Future<long[]>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        futures.add(pool.submit(() -> {
          long[] times = new long[1024];
          int n = 0;
          try (Repository local = Repository.open(new MemoryBackend())) {
            Remote remote = new Remote(local, new JdkTransport(url, server.token()));
            remote.cloneAll(Progress.NONE);
            ready.await(60, TimeUnit.SECONDS);
            for (int i = 0; ; i++) {
              long now = System.nanoTime();
              if (now >= window[1]) {
                break;
              }
              String key = "c" + client + "/k" + i;
              local.branch("main").set(key, "value " + i, CommitInfo.message("client " + client + " key " + i));
              long start = System.nanoTime();
              try {
                SyncResult result = remote.sync("main", CommitInfo.message("merge in client " + client), ATTEMPTS, Progress.NONE);
                long end = System.nanoTime();
                acknowledged.add(result.head());
                if (start >= window[0] && end <= window[1]) {
                  if (n == times.length) {
                    times = Arrays.copyOf(times, n * 2);
                  }
                  times[n++] = end - start;
                  attempts.addAndGet(result.attempts());
                }
              } catch (TooManyRetriesException e) {
                gaveUp.incrementAndGet();
              }
            }
          }
          return Arrays.copyOf(times, n);
        }));
      }
      long now = System.nanoTime();
      window[0] = now + (long) (warmup * 1e9);
      window[1] = window[0] + (long) (seconds * 1e9);
      ready.await(120, TimeUnit.SECONDS); // every client has cloned; the warm-up starts
      long peakSampled = 0;
      while (System.nanoTime() < window[1]) {
        Thread.sleep(100);
        if (System.nanoTime() >= window[0]) {
          peakSampled = Math.max(peakSampled, server.statusKb("VmRSS"));
        }
      }
      for (Future<long[]> future : futures) {
        latencies.add(future.get(300, TimeUnit.SECONDS));
      }
      pool.shutdown();
      long peak = server.statusKb("VmHWM");
      long heapAfter = server.heapUsedAfterGcKb();
      String load1 = loadAverage();
      checkAcknowledged(server, url, acknowledged);
      long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
      if (all.length == 0) {
        throw new IllegalStateException("no sync was acknowledged in the measured window");
      }
      String line = String.format(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.2f | %d | %.1f → %.1f MB"
              + " | %.0f → %.0f MB (sampled under load: %.0f MB) | %s → %s |",
          backend, clients, all.length / seconds, ms(percentile(all, 50)), ms(percentile(all, 99)),
          ms(all[all.length - 1]), (double) attempts.get() / all.length, gaveUp.get(),
          heapBefore / 1024.0, heapAfter / 1024.0, rssBefore / 1024.0, peak / 1024.0, peakSampled / 1024.0,
          load0, load1);
      System.err.println("push benchmark: " + line);
      return line;
    }
  }

  /** Every head a sync acknowledged is in the history of the server's main, read over HTTP. */
  private static void checkAcknowledged(ServerProcess server, String url, Set<ObjectId> acknowledged) {
    try (Repository check = Repository.open(new MemoryBackend())) {
      new Remote(check, new JdkTransport(url, server.token())).cloneAll(Progress.NONE);
      Set<ObjectId> history = new HashSet<>();
      for (CommitView commit : check.log(check.head("main"), Integer.MAX_VALUE)) {
        history.add(commit.id());
      }
      for (ObjectId head : acknowledged) {
        if (!history.contains(head)) {
          throw new IllegalStateException("acknowledged head " + head.hex() + " is not in the server's history");
        }
      }
    }
  }

  private static long percentile(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static String loadAverage() throws IOException {
    String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
    return parts[0] + " " + parts[1] + " " + parts[2];
  }

  private static String value(String arg) {
    return arg.substring(arg.indexOf('=') + 1);
  }

  private static void delete(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }
}
