package dev.grove.server.stress;

import dev.grove.backend.Backend;
import dev.grove.store.Repository;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The child JVM of the stress and crash tests: opens a store and writes to it, printing one
 * line per acknowledged write on standard output (see {@link Workload}), each line with a
 * single {@code write(2)} as soon as the store returned, so that a parent that kills this
 * process with SIGKILL has read every acknowledgement made before the kill.
 *
 * <pre>
 * stress KIND DIR CHILD OPS   one writer thread per {@link Workload.Mode}, OPS writes each;
 *                             prints READY once the store is open, then waits for a line
 *                             "GO" on standard input; prints EXIT when every writer is done
 * crash KIND DIR RUN SEED SECONDS
 *                             two writer threads writing until killed (or SECONDS passed)
 * </pre>
 *
 * A fault (any exception) prints its stack trace on standard error and exits with status 1.
 */
public final class StressChild {
  private static final FileOutputStream STDOUT = new FileOutputStream(FileDescriptor.out);

  private StressChild() {}

  /** Writes {@code line} and a newline to standard output in one system call (no buffering). */
  static void print(String line) {
    byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (STDOUT) {
      try {
        STDOUT.write(bytes);
      } catch (IOException e) {
        // The parent is gone: nobody will count this acknowledgement.
        Runtime.getRuntime().halt(3);
      }
    }
  }

  public static void main(String[] args) throws Exception {
    try {
      StoreKind kind = StoreKind.valueOf(args[1]);
      Path dir = Path.of(args[2]);
      switch (args[0]) {
        case "stress":
          stress(kind, dir, args[3], Integer.parseInt(args[4]));
          break;
        case "crash":
          crash(kind, dir, Integer.parseInt(args[3]), Long.parseLong(args[4]),
              Integer.parseInt(args[5]));
          break;
        default:
          throw new IllegalArgumentException("unknown command " + args[0]);
      }
    } catch (Throwable t) {
      t.printStackTrace();
      System.err.flush();
      Runtime.getRuntime().halt(1);
    }
    System.err.flush();
    Runtime.getRuntime().halt(0);
  }

  private static void stress(StoreKind kind, Path dir, String child, int ops) throws Exception {
    try (Backend backend = kind.open(dir)) {
      Repository repo = Repository.open(backend);
      print("READY");
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String go = in.readLine();
      if (!"GO".equals(go)) {
        throw new IllegalStateException("expected GO on standard input, got " + go);
      }
      List<Throwable> faults = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      for (Workload.Mode mode : Workload.Mode.values()) {
        String writer = child + "." + mode;
        Thread t = new Thread(() -> Workload.stressWriter(repo, mode, writer, ops,
            StressChild::print), writer);
        t.setUncaughtExceptionHandler((th, e) -> {
          synchronized (faults) {
            faults.add(e);
          }
        });
        threads.add(t);
      }
      threads.forEach(Thread::start);
      for (Thread t : threads) {
        t.join();
      }
      if (!faults.isEmpty()) {
        Throwable first = faults.get(0);
        for (Throwable other : faults.subList(1, faults.size())) {
          first.addSuppressed(other);
        }
        throw first instanceof Exception ? (Exception) first : new RuntimeException(first);
      }
      print("EXIT");
    }
  }

  private static void crash(StoreKind kind, Path dir, int run, long seed, int seconds)
      throws Exception {
    Backend backend = kind.open(dir); // never closed: this process dies by SIGKILL
    Repository repo = Repository.open(backend);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      int thread = t;
      Random random = new Random(seed * 31 + run * 7L + t);
      Thread th = new Thread(() -> Workload.crashWriter(repo, run, thread, random, deadline,
          StressChild::print), "crash-writer-" + t);
      th.setUncaughtExceptionHandler((x, e) -> {
        e.printStackTrace();
        System.err.flush();
        Runtime.getRuntime().halt(1);
      });
      threads.add(th);
    }
    threads.forEach(Thread::start);
    for (Thread th : threads) {
      th.join();
    }
    print("EXIT");
  }
}
