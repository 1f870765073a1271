package dev.grove.sync;

import dev.grove.hash.ObjectId;
import dev.grove.store.CommitView;
import dev.grove.store.Repository;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The haves a client offers in a fetch, round by round (docs/PROTOCOL.md, "Fetch"): first its
 * branch heads and the {@link #PER_ROUND} newest commits they reach (newest commit time first,
 * over all parents), which settles the usual case (a few local commits the server has not
 * seen) in one request. Each later round, for a server that knew none of them, offers the heads
 * again and at most {@link #PER_ROUND} older commits along the heads' first-parent chains at
 * exponentially spaced depths: round k covers depths (32·2^(k-1), 32·2^k] every 2^(k-1)
 * commits. So a client whose own history since the common commit is d commits long needs about
 * log2(d / 32) more rounds and reads about 2d of its commits; a server then sends at most
 * 2^(k-1) commits more than it had to.
 *
 * <p>Not thread-safe: one per fetch.
 */
final class LocalHaves {
  /** New haves per round, beside the heads. */
  static final int PER_ROUND = 32;

  private final Repository local;
  private final List<ObjectId> heads = new ArrayList<>();
  /** Every commit offered so far (never offered twice). */
  private final Set<ObjectId> offered = new HashSet<>();
  /** Where each first-parent chain has got to: its commit (null when it ended) and its depth. */
  private final List<ObjectId> chainAt = new ArrayList<>();
  private final List<Long> chainDepth = new ArrayList<>();
  /** Commits some chain has passed: a chain that reaches one stops (the rest is covered). */
  private final Set<ObjectId> chained = new HashSet<>();
  private int round;
  private int commitsRead;

  LocalHaves(Repository local, Collection<ObjectId> branchHeads) {
    this.local = local;
    for (ObjectId head : new LinkedHashSet<>(branchHeads)) {
      if (heads.size() < Protocol.MAX_HAVES - PER_ROUND) {
        heads.add(head);
      }
    }
  }

  /** Whether there is nothing to offer (no local branch): then there is nothing to negotiate. */
  boolean none() {
    return heads.isEmpty();
  }

  /** The local branch heads (at most {@link Protocol#MAX_HAVES} less a round). */
  List<ObjectId> heads() {
    return heads;
  }

  /** How many local commits the rounds so far have read. */
  int commitsRead() {
    return commitsRead;
  }

  /**
   * The haves of the next round: the heads and up to {@link #PER_ROUND} commits not offered
   * before; null when the local history is exhausted (no new commit to offer).
   */
  List<ObjectId> next() {
    List<ObjectId> fresh = round == 0 ? newest() : List.of();
    while (round > 0 && fresh.isEmpty()) {
      if (!chainsLeft()) {
        return null;
      }
      fresh = spaced(round++);
    }
    round = Math.max(round, 1);
    List<ObjectId> out = new ArrayList<>(heads);
    out.addAll(fresh);
    return out;
  }

  private boolean chainsLeft() {
    for (ObjectId at : chainAt) {
      if (at != null) {
        return true;
      }
    }
    return false;
  }

  /** The {@link #PER_ROUND} newest commits the heads reach, heads excluded. */
  private List<ObjectId> newest() {
    offered.addAll(heads);
    List<ObjectId> out = new ArrayList<>();
    PriorityQueue<Queued> queue = new PriorityQueue<>((a, b) -> a.time != b.time
        ? Long.compare(b.time, a.time) : Long.compare(a.order, b.order));
    Set<ObjectId> seen = new HashSet<>();
    long order = 0;
    for (ObjectId head : heads) {
      CommitView commit = read(head);
      if (commit != null && seen.add(head)) {
        queue.add(new Queued(head, commit, order++));
      }
    }
    while (!queue.isEmpty() && out.size() < PER_ROUND) {
      Queued next = queue.poll();
      if (offered.add(next.id)) {
        out.add(next.id);
      }
      for (ObjectId parent : next.commit.parents()) {
        if (seen.add(parent)) {
          CommitView commit = read(parent);
          if (commit != null) {
            queue.add(new Queued(parent, commit, order++));
          }
        }
      }
    }
    for (ObjectId head : heads) {
      chainAt.add(head);
      chainDepth.add(0L);
    }
    return out;
  }

  /** Round {@code k} (from 1): commits at first-parent depths (32·2^(k-1), 32·2^k], every 2^(k-1). */
  private List<ObjectId> spaced(int k) {
    long step = 1L << Math.min(k - 1, 40);
    long from = PER_ROUND * step + step;
    long to = PER_ROUND * step * 2;
    List<ObjectId> out = new ArrayList<>();
    for (int chain = 0; chain < chainAt.size() && out.size() < PER_ROUND; chain++) {
      for (long depth = from; depth <= to && out.size() < PER_ROUND; depth += step) {
        ObjectId at = walkTo(chain, depth);
        if (at == null) {
          break;
        }
        if (offered.add(at)) {
          out.add(at);
        }
      }
    }
    return out;
  }

  /** Moves chain {@code chain} down its first parents to {@code depth}; null when it ended first. */
  private ObjectId walkTo(int chain, long depth) {
    ObjectId at = chainAt.get(chain);
    long atDepth = chainDepth.get(chain);
    while (at != null && atDepth < depth) {
      CommitView commit = read(at);
      ObjectId parent = commit == null || commit.parents().isEmpty() ? null : commit.parents().get(0);
      if (parent != null && !chained.add(parent)) {
        parent = null; // another chain went this way: its haves cover the rest
      }
      at = parent;
      atDepth++;
    }
    chainAt.set(chain, at);
    chainDepth.set(chain, atDepth);
    return at;
  }

  private CommitView read(ObjectId id) {
    commitsRead++;
    Optional<CommitView> found = local.findCommit(id);
    return found.orElse(null);
  }

  private static final class Queued {
    final ObjectId id;
    final CommitView commit;
    final long order;
    final long time;

    Queued(ObjectId id, CommitView commit, long order) {
      this.id = id;
      this.commit = commit;
      this.order = order;
      this.time = commit.committer().epochSeconds();
    }
  }
}
