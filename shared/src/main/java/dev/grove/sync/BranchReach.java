package dev.grove.sync;

import dev.grove.backend.ObjectStore;
import dev.grove.hash.ObjectId;
import dev.grove.object.CommitObject;
import dev.grove.object.ObjectCodec;
import dev.grove.object.ObjectType;
import dev.grove.object.RawObject;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Which stored commits a repository's branches reach. Only those are trusted to be complete
 * (everything they reach stored): a stock Git push stores every object of its pack, so a store
 * can also hold commits whose parents are absent, that no branch points to.
 *
 * <p>Walks from the branch heads newest commit time first, as Git's paint-down does, and stops
 * as soon as the commit asked about is found, or after {@link #SLOP} commits in a row older
 * than it (a commit with a skewed clock can hide below an older one; past that, the answer is
 * "not found", which only costs the caller a full check). A head, or a commit near one, costs a
 * few reads; later questions continue the same walk, so one receiver never walks a commit
 * twice. Not thread-safe: one per request.
 */
final class BranchReach {
  /** How many commits older than the one asked about are walked before giving up (Git: 5). */
  static final int SLOP = 5;

  private final ObjectStore store;
  private final Set<ObjectId> heads;
  /** Commits known to be reachable: the heads, and every commit queued so far. */
  private final Set<ObjectId> reached = new HashSet<>();
  private final PriorityQueue<Queued> queue = new PriorityQueue<>((a, b) -> a.time != b.time
      ? Long.compare(b.time, a.time) : Long.compare(a.order, b.order));
  private boolean started;
  private long order;

  private record Queued(ObjectId id, CommitObject commit, long time, long order) {}

  BranchReach(ObjectStore store, Collection<ObjectId> branchHeads) {
    this.store = store;
    this.heads = new LinkedHashSet<>(branchHeads);
    reached.addAll(heads);
  }

  /**
   * Whether commit {@code id} (stored, of commit time {@code time}) is reachable from a branch
   * head. False may also mean "not found within the slop": the caller then checks its closure.
   */
  boolean reaches(ObjectId id, long time) {
    if (reached.contains(id)) {
      return true;
    }
    if (!started) {
      started = true;
      for (ObjectId head : heads) {
        CommitObject commit = commit(head);
        if (commit != null) {
          queue.add(new Queued(head, commit, commit.committer().epochSeconds(), order++));
        }
      }
    }
    int slop = SLOP;
    while (!queue.isEmpty()) {
      Queued next = queue.peek();
      if (next.time < time) {
        if (slop == 0) {
          return false;
        }
        slop--;
      } else {
        slop = SLOP;
      }
      queue.poll();
      for (ObjectId parent : next.commit.parents()) {
        if (reached.add(parent)) {
          CommitObject decoded = commit(parent);
          if (decoded != null) {
            queue.add(new Queued(parent, decoded, decoded.committer().epochSeconds(), order++));
          }
        }
      }
      if (reached.contains(id)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code id} is a stored commit that a branch head reaches (reading it for its time). */
  boolean reachesStored(ObjectId id) {
    if (reached.contains(id)) {
      return true;
    }
    CommitObject commit = commit(id);
    return commit != null && reaches(id, commit.committer().epochSeconds());
  }

  /** Whether {@code id} is already known to be reachable (no walking). */
  boolean known(ObjectId id) {
    return reached.contains(id);
  }

  /** A stored commit, decoded; null when absent or not a commit (a broken store: not ours to judge here). */
  private CommitObject commit(ObjectId id) {
    Optional<RawObject> raw = store.read(id);
    if (raw.isEmpty() || raw.get().type() != ObjectType.COMMIT) {
      return null;
    }
    return ObjectCodec.decodeCommit(raw.get());
  }
}
