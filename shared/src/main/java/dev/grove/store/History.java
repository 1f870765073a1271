package dev.grove.store;

import dev.grove.hash.ObjectId;
import dev.grove.object.CommitObject;
import dev.grove.tree.ObjectLoader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/** Walks of the commit graph: log, ancestry, lowest common ancestors. */
final class History {
  private final ObjectLoader loader;

  History(ObjectLoader loader) {
    this.loader = loader;
  }

  /**
   * Commits reachable from {@code start}, newest first (by committer time, then id), each once,
   * at most {@code limit} of them.
   */
  List<ObjectId> log(ObjectId start, int limit) {
    List<ObjectId> out = new ArrayList<>();
    Comparator<ObjectId> newestFirst = Comparator
        .comparingLong((ObjectId id) -> -loader.loadCommit(id).committer().epochSeconds())
        .thenComparing(id -> id);
    PriorityQueue<ObjectId> queue = new PriorityQueue<>(newestFirst);
    Set<ObjectId> seen = new HashSet<>();
    queue.add(start);
    seen.add(start);
    while (!queue.isEmpty() && out.size() < limit) {
      ObjectId id = queue.poll();
      out.add(id);
      for (ObjectId parent : loader.loadCommit(id).parents()) {
        if (seen.add(parent)) {
          queue.add(parent);
        }
      }
    }
    return out;
  }

  /** Whether {@code ancestor} is {@code descendant} or reachable from it. */
  boolean isAncestor(ObjectId ancestor, ObjectId descendant) {
    ArrayDeque<ObjectId> queue = new ArrayDeque<>();
    Set<ObjectId> seen = new HashSet<>();
    queue.add(descendant);
    seen.add(descendant);
    while (!queue.isEmpty()) {
      ObjectId id = queue.poll();
      if (id.equals(ancestor)) {
        return true;
      }
      for (ObjectId parent : loader.loadCommit(id).parents()) {
        if (seen.add(parent)) {
          queue.add(parent);
        }
      }
    }
    return false;
  }

  /**
   * The lowest common ancestors of {@code a} and {@code b}: common ancestors that are not
   * ancestors of another common ancestor. Several in criss-cross histories; none for unrelated
   * histories. Sorted by id.
   */
  List<ObjectId> lowestCommonAncestors(ObjectId a, ObjectId b) {
    Set<ObjectId> ofA = ancestors(a);
    // Common ancestors first met walking down from b; their own ancestors are not lowest.
    Set<ObjectId> candidates = new HashSet<>();
    ArrayDeque<ObjectId> queue = new ArrayDeque<>();
    Set<ObjectId> seen = new HashSet<>();
    queue.add(b);
    seen.add(b);
    while (!queue.isEmpty()) {
      ObjectId id = queue.poll();
      if (ofA.contains(id)) {
        candidates.add(id);
        continue;
      }
      for (ObjectId parent : loader.loadCommit(id).parents()) {
        if (seen.add(parent)) {
          queue.add(parent);
        }
      }
    }
    // A candidate reachable from another candidate is not lowest.
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
    while (!walk.isEmpty()) {
      ObjectId id = walk.poll();
      if (candidates.contains(id)) {
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
    lowest.sort(Comparator.naturalOrder());
    return lowest;
  }

  private Set<ObjectId> ancestors(ObjectId start) {
    Set<ObjectId> seen = new HashSet<>();
    ArrayDeque<ObjectId> queue = new ArrayDeque<>();
    queue.add(start);
    seen.add(start);
    while (!queue.isEmpty()) {
      CommitObject commit = loader.loadCommit(queue.poll());
      for (ObjectId parent : commit.parents()) {
        if (seen.add(parent)) {
          queue.add(parent);
        }
      }
    }
    return seen;
  }
}
