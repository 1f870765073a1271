package dev.grove.store;

import dev.grove.hash.ObjectId;
import dev.grove.tree.ObjectLoader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Walks of the commit graph: log, ancestry, lowest common ancestors. Common ancestors are found
 * as Git finds them (paint-down by commit time), so the cost follows the commits newer than the
 * ancestors, not the whole history.
 */
final class History {
  private static final int FROM_ONE = 1;
  private static final int FROM_TWO = 2;
  private static final int STALE = 4;
  private static final int RESULT = 8;

  private final ObjectLoader loader;

  History(ObjectLoader loader) {
    this.loader = loader;
  }

  /**
   * Newest first by the committer times in {@code times}, then by id. The times are read before
   * a commit is queued ({@link #enqueue}), not here: in TeaVM a comparator that may read the
   * store makes every {@code PriorityQueue} and comparator call a resumable state machine.
   */
  private static Comparator<ObjectId> newestFirst(Map<ObjectId, Long> times) {
    return Comparator.comparingLong((ObjectId id) -> -times.get(id)).thenComparing(id -> id);
  }

  /** Queues {@code id} in a {@link #newestFirst} queue, reading its commit time once. */
  private void enqueue(PriorityQueue<ObjectId> queue, Map<ObjectId, Long> times, ObjectId id) {
    if (!times.containsKey(id)) {
      times.put(id, commitTime(id));
    }
    queue.add(id);
  }

  /** A commit waiting in the log's queue; {@code order} breaks ties of time first-come first-served. */
  private record Queued(ObjectId id, long time, long order) {}

  /**
   * Commits reachable from {@code start}, newest first by committer time, each once, at most
   * {@code limit} of them, and never a commit after one of its parents. Commits of the same
   * second (common: several commits a second) are put in topological order among themselves;
   * the walk reads only the commits it lists and the ones of the same second.
   */
  List<ObjectId> log(ObjectId start, int limit) {
    List<ObjectId> out = new ArrayList<>();
    PriorityQueue<Queued> queue = new PriorityQueue<>(
        Comparator.comparingLong((Queued q) -> -q.time()).thenComparingLong(Queued::order));
    Set<ObjectId> seen = new HashSet<>();
    long[] order = {0};
    queue.add(new Queued(start, commitTime(start), order[0]++));
    seen.add(start);
    while (!queue.isEmpty() && out.size() < limit) {
      // All commits of the newest second, with those of the same second (or later: clock skew)
      // below them, then those in topological order, first-come first-served.
      long second = queue.peek().time();
      List<Queued> group = new ArrayList<>();
      while (!queue.isEmpty() && queue.peek().time() >= second) {
        group.add(queue.poll());
      }
      for (int g = 0; g < group.size(); g++) {
        for (ObjectId parent : loader.loadCommit(group.get(g).id()).parents()) {
          if (seen.contains(parent)) {
            continue;
          }
          seen.add(parent);
          Queued next = new Queued(parent, commitTime(parent), order[0]++);
          if (next.time() >= second) {
            group.add(next);
          } else {
            queue.add(next);
          }
        }
      }
      for (ObjectId id : topological(group)) {
        if (out.size() < limit) {
          out.add(id);
        }
      }
    }
    return out;
  }

  /** The group's commits, each before its parents, otherwise in the order they were reached. */
  private List<ObjectId> topological(List<Queued> group) {
    Map<ObjectId, Integer> children = new HashMap<>();
    for (Queued member : group) {
      children.putIfAbsent(member.id(), 0);
    }
    for (Queued member : group) {
      for (ObjectId parent : loader.loadCommit(member.id()).parents()) {
        if (children.containsKey(parent)) {
          children.put(parent, children.get(parent) + 1);
        }
      }
    }
    PriorityQueue<Queued> ready = new PriorityQueue<>(Comparator.comparingLong(Queued::order));
    Map<ObjectId, Queued> byId = new HashMap<>();
    for (Queued member : group) {
      byId.put(member.id(), member);
      if (children.get(member.id()) == 0) {
        ready.add(member);
      }
    }
    List<ObjectId> sorted = new ArrayList<>();
    while (!ready.isEmpty()) {
      Queued next = ready.poll();
      sorted.add(next.id());
      for (ObjectId parent : loader.loadCommit(next.id()).parents()) {
        Integer left = children.get(parent);
        if (left != null) {
          children.put(parent, left - 1);
          if (left == 1) {
            ready.add(byId.get(parent));
          }
        }
      }
    }
    return sorted;
  }

  private long commitTime(ObjectId id) {
    return loader.loadCommit(id).committer().epochSeconds();
  }

  /** Whether {@code ancestor} is {@code descendant} or reachable from it. */
  boolean isAncestor(ObjectId ancestor, ObjectId descendant) {
    return ancestor.equals(descendant)
        || paintDownToCommon(ancestor, descendant).contains(ancestor);
  }

  /**
   * The lowest common ancestors of {@code a} and {@code b}: common ancestors that are not
   * ancestors of another common ancestor. Several in criss-cross histories; none for unrelated
   * histories. Sorted by id.
   */
  List<ObjectId> lowestCommonAncestors(ObjectId a, ObjectId b) {
    if (a.equals(b)) {
      return List.of(a);
    }
    List<ObjectId> candidates = paintDownToCommon(a, b);
    List<ObjectId> lowest = candidates.size() > 1 ? removeRedundant(candidates) : candidates;
    lowest.sort(Comparator.naturalOrder());
    return lowest;
  }

  /**
   * Git's paint-down: walks from both commits newest first, painting each commit with the side
   * it is reachable from; a commit painted from both sides is a common ancestor, and its own
   * ancestors are painted stale. Stops when only stale commits remain to walk. The answer holds
   * every lowest common ancestor, possibly with some redundant ones (clock skew, criss-cross).
   */
  private List<ObjectId> paintDownToCommon(ObjectId one, ObjectId two) {
    Map<ObjectId, Integer> flags = new HashMap<>();
    Map<ObjectId, Long> times = new HashMap<>();
    PriorityQueue<ObjectId> queue = new PriorityQueue<>(newestFirst(times));
    flags.put(one, FROM_ONE);
    flags.put(two, FROM_TWO);
    enqueue(queue, times, one);
    enqueue(queue, times, two);
    List<ObjectId> results = new ArrayList<>();
    while (hasNonStale(queue, flags)) {
      ObjectId commit = queue.poll();
      int paint = flags.get(commit) & (FROM_ONE | FROM_TWO | STALE);
      if ((paint & (FROM_ONE | FROM_TWO)) == (FROM_ONE | FROM_TWO)) {
        if ((flags.get(commit) & RESULT) == 0) {
          flags.put(commit, flags.get(commit) | RESULT);
          results.add(commit);
        }
        paint |= STALE;
      }
      for (ObjectId parent : loader.loadCommit(commit).parents()) {
        int had = flags.getOrDefault(parent, 0);
        if ((had & paint) == paint) {
          continue;
        }
        flags.put(parent, had | paint);
        enqueue(queue, times, parent);
      }
    }
    List<ObjectId> out = new ArrayList<>();
    for (ObjectId result : results) {
      if ((flags.get(result) & STALE) == 0) {
        out.add(result);
      }
    }
    return out;
  }

  private static boolean hasNonStale(PriorityQueue<ObjectId> queue, Map<ObjectId, Integer> flags) {
    for (ObjectId id : queue) {
      if ((flags.get(id) & STALE) == 0) {
        return true;
      }
    }
    return false;
  }

  /** The candidates that are not ancestors of another candidate (walks their whole histories). */
  private List<ObjectId> removeRedundant(List<ObjectId> candidates) {
    Set<ObjectId> redundant = new HashSet<>();
    ArrayDeque<ObjectId> walk = new ArrayDeque<>();
    Set<ObjectId> visited = new HashSet<>();
    for (ObjectId candidate : candidates) {
      for (ObjectId parent : loader.loadCommit(candidate).parents()) {
        if (visited.add(parent)) {
          walk.add(parent);
        }
      }
    }
    Set<ObjectId> wanted = new HashSet<>(candidates);
    while (!walk.isEmpty()) {
      ObjectId id = walk.poll();
      if (wanted.contains(id)) {
        redundant.add(id);
      }
      for (ObjectId parent : loader.loadCommit(id).parents()) {
        if (visited.add(parent)) {
          walk.add(parent);
        }
      }
    }
    List<ObjectId> lowest = new ArrayList<>();
    for (ObjectId candidate : candidates) {
      if (!redundant.contains(candidate)) {
        lowest.add(candidate);
      }
    }
    return lowest;
  }
}
