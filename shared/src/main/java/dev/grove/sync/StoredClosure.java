package dev.grove.sync;

import dev.grove.backend.ObjectStore;
import dev.grove.hash.ObjectId;
import dev.grove.object.CommitObject;
import dev.grove.object.EntryMode;
import dev.grove.object.MalformedObjectException;
import dev.grove.object.ObjectCodec;
import dev.grove.object.ObjectType;
import dev.grove.object.RawObject;
import dev.grove.object.TreeEntry;
import dev.grove.object.TreeObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the stored objects that a bundle refers to (docs/PROTOCOL.md, "Bundles"). Only what a
 * branch of the receiving repository reaches is trusted to be complete: a stock Git push stores
 * every object of its pack, so a store may also hold a commit whose parent is absent, or a tree
 * whose entries are.
 *
 * <ul>
 *   <li>A stored commit: a commit, and reachable from a branch head ({@link BranchReach}); if
 *       not, everything it reaches is checked, down to commits a branch reaches (each present
 *       and of its type; each tree against its first parent's when that one is trusted).
 *   <li>A stored tree: a tree, and its whole closure checked (entries present, of the type their
 *       mode says), except below entries equal to those of a trusted tree at the same path.
 *   <li>A stored blob: present and a blob.
 * </ul>
 *
 * Each object is checked once per receiver. Not thread-safe: one per request.
 */
final class StoredClosure {
  private final ObjectStore stored;
  private final BranchReach reach;
  private final Set<ObjectId> trustedCommits = new HashSet<>();
  private final Set<ObjectId> trustedTrees = new HashSet<>();
  private final Set<ObjectId> checkedBlobs = new HashSet<>();

  StoredClosure(ObjectStore stored, BranchReach reach) {
    this.stored = stored;
    this.reach = reach;
  }

  /**
   * Checks that {@code id} is a stored commit whose closure is complete; {@code what} names
   * the reference for errors, followed by the id ("the pushed head is", "the bundle names
   * stored parent").
   *
   * @return the commit, decoded
   */
  CommitObject requireCommit(ObjectId id, String what) {
    CommitObject commit = decodeCommit(read(id, ObjectType.COMMIT, what));
    if (!trustedCommits.contains(id)
        && !reach.reaches(id, commit.committer().epochSeconds())) {
      requireCommitClosure(id, commit);
    }
    return commit;
  }

  /** Whether stored commit {@code id} is known to be complete (no reading, no walking). */
  boolean trusted(ObjectId id) {
    return trustedCommits.contains(id) || reach.known(id);
  }

  /** Checks that {@code id} is a stored tree whose closure is complete. */
  void requireTree(ObjectId id, String what) {
    requireTree(id, null, what);
  }

  /** Checks that {@code id} is a stored blob. */
  void requireBlob(ObjectId id, String what) {
    if (checkedBlobs.add(id)) {
      read(id, ObjectType.BLOB, what);
    }
  }

  /**
   * A commit no branch was found to reach: its ancestors down to those a branch reaches must be
   * stored commits, and their trees complete. Trees are checked oldest commit first, so that a
   * commit's first parent, once checked, lets its tree be compared with the parent's.
   */
  private void requireCommitClosure(ObjectId start, CommitObject startCommit) {
    Map<ObjectId, CommitObject> unreached = new HashMap<>();
    List<ObjectId> order = new ArrayList<>();
    ArrayDeque<ObjectId> todo = new ArrayDeque<>();
    unreached.put(start, startCommit);
    order.add(start);
    todo.push(start);
    while (!todo.isEmpty()) {
      ObjectId id = todo.pop();
      for (ObjectId parent : unreached.get(id).parents()) {
        if (unreached.containsKey(parent) || trustedCommits.contains(parent)) {
          continue;
        }
        CommitObject commit = decodeCommit(read(parent, ObjectType.COMMIT, "stored commit "
            + id.hex() + (id.equals(start) ? "" : " (reached from stored commit " + start.hex()
            + ")") + " has parent"));
        if (reach.reaches(parent, commit.committer().epochSeconds())) {
          continue;
        }
        unreached.put(parent, commit);
        order.add(parent);
        todo.push(parent);
      }
    }
    for (int i = order.size() - 1; i >= 0; i--) {
      ObjectId id = order.get(i);
      CommitObject commit = unreached.get(id);
      ObjectId base = null;
      if (!commit.parents().isEmpty() && trusted(commit.parents().get(0))) {
        base = decodeCommit(read(commit.parents().get(0), ObjectType.COMMIT,
            "stored commit " + id.hex() + " has parent")).tree();
      }
      requireTree(commit.tree(), base, "stored commit " + id.hex() + " has tree");
      trustedCommits.add(id);
    }
  }

  /** Checks tree {@code id} and what it holds, trusting what equals trusted tree {@code base} (null: none). */
  private void requireTree(ObjectId id, ObjectId base, String what) {
    if (id.equals(base) || trustedTrees.contains(id)) {
      return;
    }
    TreeObject tree = decodeTree(read(id, ObjectType.TREE, what));
    Map<String, TreeEntry> before = new HashMap<>();
    if (base != null) {
      Optional<RawObject> baseTree = stored.read(base);
      if (baseTree.isPresent() && baseTree.get().type() == ObjectType.TREE) {
        for (TreeEntry entry : decodeTree(baseTree.get()).entries()) {
          before.put(entry.name(), entry);
        }
      }
    }
    for (TreeEntry entry : tree.entries()) {
      if (entry.mode() == EntryMode.GITLINK) {
        continue;
      }
      boolean isTree = entry.mode() == EntryMode.TREE;
      TreeEntry old = before.get(entry.name());
      boolean oldSameKind = old != null && old.mode() != EntryMode.GITLINK
          && (old.mode() == EntryMode.TREE) == isTree;
      if (oldSameKind && old.id().equals(entry.id())) {
        continue;
      }
      String entryWhat = "stored tree " + id.hex() + " has at '" + Errors.quote(entry.name()) + "'";
      if (isTree) {
        requireTree(entry.id(), oldSameKind ? old.id() : null, entryWhat);
      } else {
        requireBlob(entry.id(), entryWhat);
      }
    }
    trustedTrees.add(id);
  }

  private RawObject read(ObjectId id, ObjectType type, String what) {
    Optional<RawObject> object = stored.read(id);
    if (object.isEmpty()) {
      throw Errors.missingObjects(what + " " + id.hex() + ", which is neither in the bundle nor stored");
    }
    if (object.get().type() != type) {
      throw Errors.wrongObjectType(what + " " + id.hex() + ", which is a "
          + object.get().type().gitName() + ", not a " + type.gitName());
    }
    return object.get();
  }

  private static CommitObject decodeCommit(RawObject raw) {
    try {
      return ObjectCodec.decodeCommit(raw);
    } catch (MalformedObjectException e) {
      throw storedMalformed(raw, e);
    }
  }

  private static TreeObject decodeTree(RawObject raw) {
    try {
      return ObjectCodec.decodeTree(raw);
    } catch (MalformedObjectException e) {
      throw storedMalformed(raw, e);
    }
  }

  /** A stored object that does not decode (left by a Git push): the bundle cannot build on it. */
  private static SyncException storedMalformed(RawObject raw, MalformedObjectException e) {
    return Errors.malformedObject("the bundle refers to stored " + raw.type().gitName() + " "
        + raw.id().hex() + ", which does not decode: " + e.getMessage());
  }
}
