package dev.grove.server.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.grove.backend.Backend;
import dev.grove.hash.ObjectId;
import dev.grove.store.CommitView;
import dev.grove.store.Repository;
import dev.grove.store.Verifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many writers update one branch at once, in several threads of this JVM (on two backend
 * instances of the same directory) and in several child JVMs ({@link StressChild}), each
 * writer in one {@link Workload.Mode}: a raw compare-and-set retried on CAS_FAILED, or a
 * transaction with {@code SET}, {@code TEST_AND_SET} (retried by the writer on a conflict) or
 * {@code MERGE}. Every write sets a key of its own. While they write, another thread verifies
 * the store again and again (through a backend instance of its own): {@code Verifier.verify}
 * passes, and the branch only moves forward. Afterwards, on a freshly opened store:
 *
 * <ul>
 *   <li>{@code Verifier.verify} finds no branch pointing to a missing or corrupt object;
 *   <li>every acknowledged key is in the head tree with its value, and every acknowledged commit
 *       is in the branch's history (nothing acknowledged is lost);
 *   <li>the history is linear and holds exactly the acknowledged commits, each acknowledged to
 *       one writer (a write that reported failure changed nothing);
 *   <li>the counter every TEST_AND_SET write increments equals the number of acknowledged
 *       TEST_AND_SET writes, and likewise for the raw compare-and-set writes (no lost update);
 *   <li>no SET or MERGE transaction reported a conflict (their keys are disjoint).
 * </ul>
 *
 * Writes per writer: system property {@code grove.stress.ops} (default 12).
 */
class ConcurrencyTest {
  private static final int OPS = Integer.getInteger("grove.stress.ops", 12);
  private static final int CHILDREN = 2;
  private static final int THREADS_PER_MODE = 2;
  private static final long TIMEOUT_MS = 180_000;

  @TempDir
  Path tmp;

  @Test
  void fsThreadsAndProcesses() throws Exception {
    run(StoreKind.FS);
  }

  @Test
  void gitThreadsAndProcesses() throws Exception {
    run(StoreKind.GIT);
  }

  private void run(StoreKind kind) throws Exception {
    long start = System.nanoTime();
    Path dir = tmp.resolve("store");
    kind.init(dir).close();
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    List<Child> children = new ArrayList<>();
    int verifications;
    ExecutorService pool = Executors.newCachedThreadPool();
    try (Backend first = kind.open(dir); Backend second = kind.open(dir)) {
      Repository[] repos = {Repository.open(first), Repository.open(second)};
      for (int c = 0; c < CHILDREN; c++) {
        children.add(Child.start(tmp.resolve("child" + c + ".err"),
            "stress", kind.name(), dir.toString(), "c" + c, Integer.toString(OPS)));
      }
      for (Child child : children) {
        child.awaitLine("READY"::equals, "READY", TIMEOUT_MS);
      }
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> writers = new ArrayList<>();
      for (Workload.Mode mode : Workload.Mode.values()) {
        for (int t = 0; t < THREADS_PER_MODE; t++) {
          Repository repo = repos[t % repos.length];
          String writer = "p" + t + "." + mode;
          writers.add(pool.submit(() -> {
            go.await();
            Workload.stressWriter(repo, mode, writer, OPS, lines::add);
            return null;
          }));
        }
      }
      AtomicBoolean writing = new AtomicBoolean(true);
      Future<Integer> watcher = pool.submit(() -> {
        go.await();
        return watch(kind, dir, writing);
      });
      for (Child child : children) {
        child.send("GO");
      }
      go.countDown();
      for (Future<?> writer : writers) {
        try {
          writer.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          fail("a writer thread did not finish within " + TIMEOUT_MS + " ms");
        }
      }
      for (Child child : children) {
        int status = child.awaitExit(TIMEOUT_MS);
        assertEquals(0, status, "child " + child.pid() + " failed" + child.errors());
        child.awaitLine("EXIT"::equals, "EXIT", 0);
        lines.addAll(child.lines());
      }
      writing.set(false);
      verifications = watcher.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } finally {
      pool.shutdownNow();
      children.forEach(Child::close);
    }
    long written = System.nanoTime();

    int writers = Workload.Mode.values().length * (THREADS_PER_MODE + CHILDREN);
    List<String> all = new ArrayList<>(lines);
    assertEquals(writers, all.stream().filter(l -> l.startsWith("DONE ")).count(),
        "every writer reported its end");
    List<Checks.Ack> acks = Checks.acks(all);
    List<String> nacks = all.stream().filter(l -> l.startsWith("NACK ")).toList();
    for (String nack : nacks) {
      assertTrue(nack.endsWith(" too_many_retries") || nack.endsWith(" too_many_cas_failures")
          || nack.endsWith(" too_many_conflicts"), "unexpected failure: " + nack);
    }
    assertEquals(writers * OPS, acks.size() + nacks.size(), "every write was reported");

    try (Backend backend = kind.open(dir)) {
      Repository repo = Repository.open(backend);
      Checks.Seen seen = Checks.check(repo, acks, Map.of(), kind + " stress");
      Set<ObjectId> acked = new HashSet<>();
      for (Checks.Ack ack : acks) {
        assertTrue(acked.add(ack.commit()), "commit " + ack.commit().hex()
            + " was acknowledged twice");
      }
      int roots = 0;
      for (CommitView commit : seen.history()) {
        assertTrue(commit.parents().size() <= 1, "a transaction made a merge commit: " + commit);
        roots += commit.parents().isEmpty() ? 1 : 0;
        assertTrue(acked.contains(commit.id()), "commit " + commit.id().hex() + " ("
            + commit.message() + ") is in the history but no writer was told it succeeded");
      }
      assertEquals(1, roots, "one root commit");
      assertEquals(acks.size(), seen.history().size(), "the history is the acknowledged commits");
      assertEquals(count(acks, Workload.Mode.TEST_AND_SET),
          counter(repo, Workload.TAS_COUNTER), "TEST_AND_SET counter = acknowledged TEST_AND_SET writes");
      assertEquals(count(acks, Workload.Mode.CAS),
          counter(repo, Workload.CAS_COUNTER), "CAS counter = acknowledged CAS writes");
      System.out.printf("[stress %s] %d writers (%d threads here, %d child JVMs) x %d writes: "
              + "%d acknowledged, %d given up, %d lost races retried; %d verifications during "
              + "the writes; %d objects verified after; writes %.1f s, checks %.1f s%n",
          kind, writers, Workload.Mode.values().length * THREADS_PER_MODE, CHILDREN, OPS,
          acks.size(), nacks.size(), retries(all), verifications, seen.report().objects(),
          (written - start) / 1e9, (System.nanoTime() - written) / 1e9);
    }
  }

  /**
   * While {@code writing}, verifies the store again and again through a backend instance of
   * its own: no branch ever points to a missing object, and the branch only moves forward
   * (each head seen descends from the one seen before: no acknowledged commit ever leaves the
   * history, even for a moment). Returns how many verifications it made.
   */
  private static int watch(StoreKind kind, Path dir, AtomicBoolean writing) {
    int rounds = 0;
    try (Backend backend = kind.open(dir)) {
      Repository repo = Repository.open(backend);
      ObjectId last = ObjectId.NONE;
      do {
        Verifier.Report report = Verifier.verify(repo);
        assertTrue(report.ok(), () -> "while writing: " + report.problems());
        ObjectId head = repo.head(Workload.BRANCH);
        if (!last.isNone()) {
          assertTrue(!head.isNone() && repo.isAncestor(last, head), "while writing: the head of "
              + Workload.BRANCH + " went from " + last.hex() + " to " + head.hex()
              + ", not a descendant");
        }
        last = head;
        rounds++;
        pause(); // leave the two cores to the writers most of the time
      } while (writing.get());
    }
    return rounds;
  }

  private static void pause() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static long count(List<Checks.Ack> acks, Workload.Mode mode) {
    return acks.stream().filter(a -> a.key().split("/")[1].endsWith("." + mode)).count();
  }

  private static long counter(Repository repo, String key) {
    return repo.branch(Workload.BRANCH).findText(key).map(Long::parseLong).orElse(0L);
  }

  private static long retries(List<String> lines) {
    long sum = 0;
    for (String line : lines) {
      if (line.startsWith("DONE ")) {
        sum += Long.parseLong(line.substring(line.indexOf("retries=") + 8));
      }
    }
    return sum;
  }
}
