package dev.grove.server.stress;

import dev.grove.backend.RefOutcome;
import dev.grove.backend.RefUpdate;
import dev.grove.backend.WriteBatch;
import dev.grove.hash.ObjectId;
import dev.grove.object.CommitObject;
import dev.grove.object.ObjectCodec;
import dev.grove.object.Person;
import dev.grove.object.RawObject;
import dev.grove.path.Path;
import dev.grove.store.Branch;
import dev.grove.store.CommitInfo;
import dev.grove.store.Repository;
import dev.grove.store.Strategy;
import dev.grove.store.TooManyRetriesException;
import dev.grove.store.TransactionResult;
import dev.grove.tree.ObjectLoader;
import dev.grove.tree.Tree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The writes of the stress and crash tests, shared by writer threads of the test JVM and of the
 * child JVMs ({@link StressChild}). Every key is written once, by one writer, with the value
 * {@link #valueOf} derives from it, so "acknowledged, hence present" is checkable.
 *
 * <p>A writer reports each acknowledged write as soon as the store returned it, one line per
 * key: {@code ACK <key> <commitHex>}; a created branch as {@code BRANCH <name> <commitHex>}; a
 * write it gave up on as {@code NACK <key> <reason>}; and its tallies at the end as
 * {@code DONE <writer> ...}.
 */
final class Workload {
  /** The branch every writer updates. */
  static final String BRANCH = "main";
  /** Incremented by every {@link Mode#TEST_AND_SET} write: it ends equal to their number. */
  static final String TAS_COUNTER = "counters/tas";
  /** Incremented by every {@link Mode#CAS} write: it ends equal to their number. */
  static final String CAS_COUNTER = "counters/cas";

  /** A writer gives up on one write after this many conflicts or lost compare-and-sets. */
  static final int MAX_TRIES = 2000;

  private Workload() {}

  /** How a writer updates the branch. */
  enum Mode {
    /** Raw {@code backend.write} of objects and a compare-and-set, retried on CAS_FAILED. */
    CAS,
    /** {@code Branch.transact(Strategy.SET, ...)}. */
    SET,
    /** {@code Branch.transact(Strategy.TEST_AND_SET, ...)} reading a shared counter; retried on conflict. */
    TEST_AND_SET,
    /** {@code Branch.transact(Strategy.MERGE, ...)}. */
    MERGE
  }

  /** Where a writer's report lines go. Must be safe for several threads. */
  interface Out {
    void line(String line);
  }

  /** The value written at {@code key}. */
  static byte[] valueOf(String key) {
    return ("value of " + key).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Stress writer {@code writer}: {@code ops} writes of keys {@code w/<writer>/<i>} in
   * {@code mode}, reported on {@code out}.
   */
  static void stressWriter(Repository repo, Mode mode, String writer, int ops, Out out) {
    Branch branch = repo.branch(BRANCH);
    ObjectLoader loader = new ObjectLoader(repo.backend().objects());
    int acks = 0;
    int nacks = 0;
    int retries = 0;
    for (int i = 0; i < ops; i++) {
      String key = "w/" + writer + "/" + i;
      CommitInfo info = CommitInfo.message(mode + " " + key);
      ObjectId commit = null;
      String failure = null;
      switch (mode) {
        case CAS: {
          Written w = casWrite(repo, loader, BRANCH, List.of(key), CAS_COUNTER, info.message());
          commit = w.commit;
          retries += w.lost;
          failure = commit == null ? "too_many_cas_failures" : null;
          break;
        }
        case SET:
        case MERGE: {
          Strategy strategy = mode == Mode.SET ? Strategy.SET : Strategy.MERGE;
          try {
            TransactionResult<Void> r = branch.transact(strategy, info, d -> {
              d.set(key, valueOf(key));
              return null;
            });
            retries += Math.max(0, r.attempts() - 1);
            if (r.committed()) {
              commit = r.head();
            } else {
              failure = r.status() + " " + r.conflicts();
            }
          } catch (TooManyRetriesException e) {
            failure = "too_many_retries";
          }
          break;
        }
        case TEST_AND_SET: {
          for (int attempt = 1; commit == null && attempt <= MAX_TRIES; attempt++) {
            TransactionResult<Long> r = branch.transact(Strategy.TEST_AND_SET, info, d -> {
              long n = d.findText(TAS_COUNTER).map(Long::parseLong).orElse(0L);
              d.set(TAS_COUNTER, Long.toString(n + 1));
              d.set(key, valueOf(key));
              return n;
            });
            if (r.committed()) {
              commit = r.head();
            } else if (r.isConflict()) {
              retries++; // an acceptable non-acknowledgement: this writer tries again
              pause(attempt);
            } else {
              throw new AssertionError(key + ": a transaction that changes a key was " + r.status());
            }
          }
          failure = commit == null ? "too_many_conflicts" : null;
          break;
        }
        default:
          throw new AssertionError(mode);
      }
      if (commit != null) {
        acks++;
        out.line("ACK " + key + " " + commit.hex());
      } else {
        nacks++;
        out.line("NACK " + key + " " + failure);
      }
    }
    out.line("DONE " + writer + " mode=" + mode + " acks=" + acks + " nacks=" + nacks
        + " retries=" + retries);
  }

  /**
   * Crash writer {@code thread} of run {@code run}: writes until killed (or {@code deadline},
   * in {@link System#nanoTime()}), a random mix of single sets, transactions of several keys
   * (random strategy), raw compare-and-sets and branch creations.
   */
  static void crashWriter(Repository repo, int run, int thread, Random random, long deadline,
      Out out) {
    Branch branch = repo.branch(BRANCH);
    ObjectLoader loader = new ObjectLoader(repo.backend().objects());
    String prefix = "k/r" + run + "/t" + thread + "/";
    for (int i = 0; System.nanoTime() < deadline; i++) {
      String key = prefix + i;
      int dice = random.nextInt(100);
      CommitInfo info = CommitInfo.message("crash run " + run + " thread " + thread + " op " + i);
      if (dice < 35) {
        ObjectId head;
        try {
          head = branch.set(key, valueOf(key), info);
        } catch (TooManyRetriesException e) {
          out.line("NACK " + key + " too_many_retries");
          continue;
        }
        out.line("ACK " + key + " " + head.hex());
      } else if (dice < 70) {
        int n = 2 + random.nextInt(dice < 63 ? 4 : 40); // now and then a big one
        List<String> keys = new ArrayList<>();
        for (int j = 0; j < n; j++) {
          keys.add(key + "/" + j);
        }
        Strategy strategy = Strategy.values()[random.nextInt(Strategy.values().length)];
        TransactionResult<Void> r;
        try {
          r = branch.transact(strategy, info, d -> {
            for (String k : keys) {
              d.set(k, valueOf(k));
            }
            return null;
          });
        } catch (TooManyRetriesException e) {
          out.line("NACK " + key + " too_many_retries");
          continue;
        }
        if (r.committed()) {
          for (String k : keys) {
            out.line("ACK " + k + " " + r.head().hex());
          }
        } else {
          out.line("NACK " + key + " " + r.status());
        }
      } else if (dice < 88) {
        Written w = casWrite(repo, loader, BRANCH, List.of(key), null, info.message());
        out.line(w.commit != null ? "ACK " + key + " " + w.commit.hex()
            : "NACK " + key + " too_many_cas_failures");
      } else {
        ObjectId head = repo.head(BRANCH);
        if (head.isNone()) {
          continue;
        }
        String name = "b-r" + run + "-t" + thread + "-" + i;
        RefOutcome outcome = repo.createBranch(name, head);
        if (outcome != RefOutcome.CREATED) {
          throw new AssertionError("creating new branch " + name + " gave " + outcome);
        }
        out.line("BRANCH " + name + " " + head.hex());
      }
    }
  }

  /** The commit a raw write made (null when it gave up) and how many compare-and-sets it lost. */
  record Written(ObjectId commit, int lost) {}

  /** One raw write: the commit it made, and what the compare-and-set of the branch gave. */
  record Attempt(ObjectId commit, RefOutcome outcome) {}

  /**
   * One commit setting {@code keys} (and incrementing {@code counter} unless null) on
   * {@code branch}, by raw compare-and-sets retried on CAS_FAILED (see {@link #casWriteOnce}).
   */
  static Written casWrite(Repository repo, ObjectLoader loader, String branch, List<String> keys,
      String counter, String message) {
    for (int attempt = 1; attempt <= MAX_TRIES; attempt++) {
      Attempt a = casWriteOnce(repo, loader, branch, keys, counter, message);
      if (a.outcome == RefOutcome.CREATED || a.outcome == RefOutcome.UPDATED) {
        return new Written(a.commit, attempt - 1);
      }
      if (a.outcome != RefOutcome.CAS_FAILED) {
        throw new AssertionError("compare-and-set of " + branch + " to new commit "
            + a.commit.hex() + " gave " + a.outcome);
      }
      pause(attempt);
    }
    return new Written(null, MAX_TRIES);
  }

  /**
   * One commit setting {@code keys} (and incrementing {@code counter} unless null) on
   * {@code branch}, by hand: read the head, build the tree and commit, hand the objects and a
   * compare-and-set of the head to {@code backend.write}.
   */
  static Attempt casWriteOnce(Repository repo, ObjectLoader loader, String branch,
      List<String> keys, String counter, String message) {
    ObjectId head = repo.backend().refs().readRef(branch).orElse(ObjectId.NONE);
    Tree tree = head.isNone() ? Tree.empty()
        : Tree.stored(loader, loader.loadCommit(head).tree());
    if (counter != null) {
      Path at = Path.parse(counter);
      long n = tree.find(at).map(b -> Long.parseLong(new String(b, StandardCharsets.UTF_8)))
          .orElse(0L);
      tree = tree.with(at, Long.toString(n + 1).getBytes(StandardCharsets.UTF_8));
    }
    for (String key : keys) {
      tree = tree.with(Path.parse(key), valueOf(key));
    }
    Map<ObjectId, RawObject> objects = new LinkedHashMap<>();
    tree.collectNewObjects(loader, objects);
    Person me = new Person("Stress", "stress@localhost", System.currentTimeMillis() / 1000, 0);
    RawObject commit = ObjectCodec.encodeCommit(new CommitObject(tree.id(),
        head.isNone() ? List.of() : List.of(head), me, me, message));
    objects.put(commit.id(), commit);
    RefOutcome outcome = repo.backend().write(WriteBatch.of(new ArrayList<>(objects.values()),
        new RefUpdate(branch, head, commit.id()))).single();
    return new Attempt(commit.id(), outcome);
  }

  /** A random pause growing with the attempt (to at most 16 ms), so racers spread out. */
  static void pause(int attempt) {
    if (attempt < 2) {
      return;
    }
    try {
      Thread.sleep(ThreadLocalRandom.current().nextInt(1 + Math.min(16, 1 << Math.min(attempt, 4))));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
