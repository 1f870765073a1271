package dev.grove.server.bench;

import dev.grove.server.cli.Main;
import dev.grove.server.client.JdkTransport;
import dev.grove.server.client.LoopbackServer;
import dev.grove.server.storage.Durability;
import dev.grove.server.storage.Stores;
import dev.grove.store.CommitInfo;
import dev.grove.store.Repository;
import dev.grove.sync.Progress;
import dev.grove.sync.Remote;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Sync timing on loopback (a plain harness, not a test): a server repository with a history of
 * N single-key commits (default 10,000, written straight through a Repository in the server's
 * data directory, without fsync), a full {@code grove clone} of it, then one more commit on the
 * server and a {@code grove pull} of it; beside them, on a git-backend server, the peer: stock
 * {@code git clone --bare} and {@code git fetch} of the same repository over the server's Git
 * smart HTTP. The commands run in this JVM through
 * {@link Main#run}, so the times leave out the JVM's start (about half a second for ./grove).
 * Each is measured twice: the first run pays for class loading and JIT warm-up, as a fresh
 * {@code grove} process does; the second shows the steady state. A third clone, through the
 * core's {@code Remote} directly, splits the time in two: getting and checking the objects,
 * and writing them into the local store.
 *
 * <p>Options: {@code --commits=N}, {@code --backend=git|fs} (the server's),
 * {@code --client=git|fs} (the clones'), {@code --dir=PATH} (default /var/tmp), {@code --keep}.
 * Run: build as ./benchmark does, then {@code java -cp CP dev.grove.server.bench.SyncBenchmark}.
 */
public final class SyncBenchmark {
  private SyncBenchmark() {}

  public static void main(String[] args) throws Exception {
    int commits = 10_000;
    Stores.Kind backend = Stores.Kind.GIT;
    String client = "git";
    Path parent = Path.of("/var/tmp");
    boolean keep = false;
    for (String arg : args) {
      if (arg.startsWith("--commits=")) {
        commits = Integer.parseInt(arg.substring("--commits=".length()));
      } else if (arg.startsWith("--backend=")) {
        backend = Stores.Kind.parse(arg.substring("--backend=".length())).orElseThrow();
      } else if (arg.startsWith("--client=")) {
        client = Stores.Kind.parse(arg.substring("--client=".length())).orElseThrow().label();
      } else if (arg.startsWith("--dir=")) {
        parent = Path.of(arg.substring("--dir=".length()));
      } else if (arg.equals("--keep")) {
        keep = true;
      } else {
        throw new IllegalArgumentException("unknown option " + arg);
      }
    }
    BenchLogs.quiet();
    Files.createDirectories(parent);
    Path base = Files.createTempDirectory(parent.toAbsolutePath(), "grove-sync-bench-");
    try {
      run(base, commits, backend, client);
    } finally {
      if (!keep) {
        delete(base);
      }
    }
  }

  private static void run(Path base, int commits, Stores.Kind backend, String client) throws IOException {
    Path data = base.resolve("data");
    long t0 = System.nanoTime();
    try (Repository repo = Repository.open(Stores.init(data.resolve("bench"), backend, Durability.NO_FSYNC))) {
      for (int i = 0; i < commits; i++) {
        repo.branch("main").set("items/" + (i % 100) + "/" + i, "value " + i, CommitInfo.message("commit " + i));
        if ((i + 1) % 1000 == 0) {
          System.err.printf(Locale.ROOT, "sync benchmark: %d commits written%n", i + 1);
        }
      }
    }
    System.err.printf(Locale.ROOT, "sync benchmark: history of %,d commits written in %.1f s%n", commits, seconds(t0));
    StringBuilder report = new StringBuilder();
    report.append(String.format(Locale.ROOT, "## Sync on loopback%n%nServer: %s backend, no fsync; clones: %s"
        + " backend (fsync); history: %,d commits of one key each (%,d keys in 100 directories)."
        + " Commands run in one JVM (no JVM start).%n%n| what | first run | second run |%n|---|---|---|%n",
        backend.label(), client, commits, commits));
    try (LoopbackServer server = LoopbackServer.start(data, backend)) {
      String url = server.url("bench");
      String token = server.writeToken();
      double[] clone = new double[2];
      String cloneOut = "";
      for (int i = 0; i < 2; i++) {
        Path target = base.resolve("clone" + i);
        long start = System.nanoTime();
        cloneOut = grove(base, "clone", url, target.toString(), "--backend", client, "--token", token);
        clone[i] = seconds(start);
      }
      double[] pull = new double[2];
      String pullOut = "";
      for (int i = 0; i < 2; i++) {
        try (Repository repo = server.open("bench")) {
          repo.branch("main").set("items/new/" + i, "one more", CommitInfo.message("one more commit " + i));
        }
        long start = System.nanoTime();
        pullOut = grove(base, "--repo", base.resolve("clone0").toString(), "pull", "--token", token);
        pull[i] = seconds(start);
      }
      double[] phases = clonePhases(server, base.resolve("clone-phases"), client);
      double[] gitClone = new double[2];
      double[] gitFetch = new double[2];
      if (backend == Stores.Kind.GIT) {
        // The peer, side by side: stock git over the same server's smart HTTP (JGit), on the
        // same repository. A bare clone, as grove clone makes, then a fetch of one new commit.
        String gitUrl = "http://x:" + token + "@127.0.0.1:" + server.port() + "/git/bench.git";
        for (int i = 0; i < 2; i++) {
          long start = System.nanoTime();
          git(base, "clone", "--quiet", "--bare", gitUrl, base.resolve("git-clone" + i).toString());
          gitClone[i] = seconds(start);
        }
        for (int i = 0; i < 2; i++) {
          try (Repository repo = server.open("bench")) {
            repo.branch("main").set("items/git/" + i, "one more", CommitInfo.message("one more for git " + i));
          }
          long start = System.nanoTime();
          git(base, "--git-dir", base.resolve("git-clone0").toString(), "fetch", "--quiet", "origin",
              "main:main");
          gitFetch[i] = seconds(start);
        }
      }
      report.append(String.format(Locale.ROOT, "| full clone of %,d commits | %.2f s | %.2f s |%n", commits, clone[0], clone[1]));
      report.append(String.format(Locale.ROOT, "| clone: refs, fetch planned and received, objects checked | %.2f s | |%n", phases[0]));
      report.append(String.format(Locale.ROOT, "| clone: writing the objects into the local store | %.2f s | |%n", phases[1]));
      report.append(String.format(Locale.ROOT, "| pull of 1 new commit | %.3f s | %.3f s |%n", pull[0], pull[1]));
      if (backend == Stores.Kind.GIT) {
        report.append(String.format(Locale.ROOT, "| peer: git clone --bare over /git (JGit smart HTTP) | %.2f s | %.2f s |%n",
            gitClone[0], gitClone[1]));
        report.append(String.format(Locale.ROOT, "| peer: git fetch of 1 new commit over /git | %.3f s | %.3f s |%n",
            gitFetch[0], gitFetch[1]));
      }
      report.append(String.format(Locale.ROOT, "%nclone: %s%npull: %s%n", cloneOut.strip().lines().findFirst().orElse(""),
          pullOut.strip()));
    }
    System.out.print(report);
  }

  /**
   * A third clone through the core's Remote directly, timed by phase: until the received objects
   * are checked (network, the server's planning, the client's verification), and their write.
   */
  private static double[] clonePhases(LoopbackServer server, Path target, String client) {
    long start = System.nanoTime();
    long[] writing = {0};
    Progress progress = (phase, done, total) -> {
      if (phase.equals("writing") && writing[0] == 0) {
        writing[0] = System.nanoTime();
      }
    };
    try (Repository local = Repository.open(Stores.init(target, Stores.Kind.parse(client).orElseThrow()))) {
      new Remote(local, new JdkTransport(server.url("bench"), server.writeToken())).cloneAll(progress);
    }
    long end = System.nanoTime();
    return new double[] {(writing[0] - start) / 1e9, (end - writing[0]) / 1e9};
  }

  private static String grove(Path dir, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(args, new ByteArrayInputStream(new byte[0]), out, err, dir);
    if (exit != 0) {
      throw new IllegalStateException("grove " + String.join(" ", args) + " failed: " + err.toString(StandardCharsets.UTF_8));
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Runs the real git in {@code dir}, no prompts; fails on a non-zero exit. */
  private static void git(Path dir, String... args) throws IOException {
    java.util.List<String> command = new java.util.ArrayList<>();
    command.add("git");
    command.addAll(java.util.List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.environment().put("GIT_TERMINAL_PROMPT", "0");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (process.waitFor() != 0) {
        throw new IllegalStateException("git " + args[0] + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }
}
