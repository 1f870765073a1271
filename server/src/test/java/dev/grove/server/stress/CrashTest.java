package dev.grove.server.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.grove.backend.Backend;
import dev.grove.hash.ObjectId;
import dev.grove.store.CommitInfo;
import dev.grove.store.Repository;
import dev.grove.store.TooManyRetriesException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing process with SIGKILL, again and again, on one store. Each round starts a
 * child JVM ({@link StressChild} {@code crash}) that opens the store the previous child left
 * (temporary files, {@code .lock} files and all) and writes in two threads, in a loop, a random
 * mix of single sets, transactions of several keys (SET, TEST_AND_SET or MERGE), raw
 * compare-and-sets and branch creations, printing an acknowledgement for each. A random
 * 50-400 ms after its first acknowledgement the child is killed with SIGKILL. Then this JVM
 * opens the store and checks that {@code Verifier.verify} passes (every branch's whole history
 * is readable, and every object is what its id says), that every write acknowledged by any
 * child so far is there (key and value in the head tree, commit in the history, created branch
 * at its commit), and that the store takes a new write.
 *
 * <p>The number of kills per backend is the system property {@code grove.crash.kills}: 8 by
 * default (a few seconds), passed through by surefire, so a long run is
 *
 * <pre>mvn -pl server test -Dtest=CrashTest -Dgrove.crash.kills=500</pre>
 *
 * The kill times come from a random seed, printed (and settable with {@code grove.crash.seed});
 * the assertions do not depend on it.
 */
class CrashTest {
  private static final int KILLS = Integer.getInteger("grove.crash.kills", 8);
  private static final long TIMEOUT_MS = 60_000;

  @TempDir
  Path tmp;

  @Test
  void fsSurvivesSigkill() throws Exception {
    run(StoreKind.FS);
  }

  @Test
  void gitSurvivesSigkill() throws Exception {
    run(StoreKind.GIT);
  }

  private void run(StoreKind kind) throws Exception {
    long seed = Long.getLong("grove.crash.seed", System.nanoTime());
    System.out.printf("[crash %s] seed %d (-Dgrove.crash.seed=%d), %d kills%n", kind, seed, seed,
        KILLS);
    Random random = new Random(seed);
    Path dir = tmp.resolve("store");
    kind.init(dir).close();
    List<Checks.Ack> acks = new ArrayList<>();
    Map<String, ObjectId> branches = new LinkedHashMap<>();
    int withLeftovers = 0;
    Set<String> leftBehind = new HashSet<>();
    long start = System.nanoTime();
    Checks.Seen seen = null;
    for (int run = 0; run < KILLS; run++) {
      String context = kind + " crash, seed " + seed + ", after kill " + (run + 1);
      Child child = Child.start(tmp.resolve("crash-child.err"), "crash", kind.name(),
          dir.toString(), Integer.toString(run), Long.toString(seed), "120");
      try {
        child.awaitLine(l -> l.startsWith("ACK ") || l.startsWith("BRANCH "),
            "acknowledgement", TIMEOUT_MS);
        Thread.sleep(50 + random.nextInt(351)); // when to crash: random, not synchronization
        int status = child.kill();
        assertEquals(128 + 9, status, context + ": the child should have died of SIGKILL"
            + child.errors());
      } finally {
        child.close();
      }
      List<String> lines = child.lines();
      acks.addAll(Checks.acks(lines));
      branches.putAll(Checks.createdBranches(lines));
      List<String> left = leftovers(dir);
      boolean anyNew = false;
      for (String file : left) {
        anyNew |= leftBehind.add(file);
      }
      withLeftovers += anyNew ? 1 : 0;
      try (Backend backend = kind.open(dir)) {
        Repository repo = Repository.open(backend);
        seen = Checks.check(repo, acks, branches, context);
        String probe = "probe/" + run;
        ObjectId head;
        try {
          head = repo.branch(Workload.BRANCH).set(probe, Workload.valueOf(probe),
              CommitInfo.message("probe after kill " + (run + 1)));
        } catch (TooManyRetriesException e) {
          throw new AssertionError(context + ": the only writer left could not write "
              + Workload.BRANCH + " (" + e.getMessage() + "); files left behind: "
              + shapes(new HashSet<>(left)), e);
        }
        acks.add(new Checks.Ack(probe, head));
      }
    }
    System.out.printf("[crash %s] %d kills in %.1f s: %d acknowledged keys and %d created "
            + "branches all present; %d commits, %d objects verified after the last kill; "
            + "%d kills left new temporary or lock files behind (%d in all, by kind: %s)%n",
        kind, KILLS, (System.nanoTime() - start) / 1e9, acks.size(), branches.size(),
        seen == null ? 0 : seen.history().size(), seen == null ? 0 : seen.report().objects(),
        withLeftovers, leftBehind.size(), shapes(leftBehind));
  }

  /** The files a killed writer may leave: {@code *.lock} files and temporary files. */
  private static List<String> leftovers(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).filter(f -> {
        String name = f.getFileName().toString();
        String parent = f.getParent().getFileName().toString();
        return name.endsWith(".lock") || name.contains("tmp") || parent.equals("tmp");
      }).map(f -> dir.relativize(f).toString()).toList();
    }
  }

  /** How many of {@code paths} have each shape (the path with hex and digits as {@code #}). */
  private static Map<String, Integer> shapes(Set<String> paths) {
    Map<String, Integer> out = new TreeMap<>();
    for (String path : paths) {
      out.merge(path.replaceAll("[0-9a-f]{6,}|[0-9]+", "#"), 1, Integer::sum);
    }
    return out;
  }
}
