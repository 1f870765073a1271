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
import dev.grove.object.TreeScan;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads and verifies a bundle against what a store holds, in one pass, before anything is
 * written (docs/PROTOCOL.md, "Bundles"): every object's bytes hash to its id
 * ({@code bad_object_id}); trees and commits decode strictly, entry names included
 * ({@code malformed_object}); every reference is earlier in the bundle or stored
 * ({@code missing_objects}) and of the type its referrer says ({@code wrong_object_type}).
 *
 * <p>A stored object is trusted to be complete only when a branch of the receiving repository
 * reaches it ({@link StoredClosure}): stored commits the bundle refers to must be reachable
 * from a branch head or have their closure checked; stored trees must have their closure
 * checked, except those settled by matching a trusted parent's tree at the same path. So after
 * the pass, everything the received objects reach is present: writing them keeps the closure
 * invariant.
 *
 * <p>Memory: the received objects are kept (they are written afterwards); of decoded objects,
 * only each received commit's tree and parents are kept, trees are decoded again when needed.
 */
final class Receiver {
  /** Verified objects, children first, each once, also by id. */
  record Received(List<RawObject> objects, Map<ObjectId, RawObject> byId) {
    /** The type of {@code id} when it came in the bundle, else null. */
    ObjectType typeOf(ObjectId id) {
      RawObject object = byId.get(id);
      return object == null ? null : object.type();
    }
  }

  /** What the parent matching needs of a received commit. */
  private record Links(ObjectId tree, List<ObjectId> parents) {}

  private final ObjectStore stored;
  private final StoredClosure closure;
  private final Map<ObjectId, RawObject> received = new LinkedHashMap<>();
  /** References to stored objects, with the type their referrer says; checked after the pass. */
  private final Map<ObjectId, ObjectType> storedReferences = new LinkedHashMap<>();
  private final Map<ObjectId, Links> receivedCommits = new LinkedHashMap<>();
  /**
   * References the pass found neither received nor known stored, with their first referrer:
   * looked up in the store together after the pass ({@link ObjectStore#containsAll}).
   */
  private final Map<ObjectId, Referrer> unconfirmed = new LinkedHashMap<>();
  private final Set<String> compared = new HashSet<>();

  /**
   * Who refers to an object: entry {@code entry} of a tree, or (entry -1) a commit as its
   * {@code what} ("tree", "parent"). The entry's name is read only for a message.
   */
  private record Referrer(RawObject object, int entry, String what) {
    String describe() {
      return entry < 0 ? what : "entry '"
          + Errors.quote(ObjectCodec.decodeTree(object).entries().get(entry).name()) + "'";
    }
  }

  /**
   * A receiver for {@code stored}, whose repository's branches point at {@code branchHeads}
   * (what is trusted to be complete).
   */
  Receiver(ObjectStore stored, Collection<ObjectId> branchHeads) {
    this.stored = stored;
    this.closure = new StoredClosure(stored, new BranchReach(stored, branchHeads));
  }

  /** Reads every object of {@code reader} (whose header is read) and verifies them. */
  Received receive(BundleReader reader, Progress progress) throws IOException {
    int count = reader.count();
    int done = 0;
    progress.update("receiving", 0, count);
    for (BundleReader.Frame frame = reader.next(); frame != null; frame = reader.next()) {
      accept(frame);
      done++;
      if ((done & 255) == 0 || done == count) {
        progress.update("receiving", done, count);
      }
    }
    requireUnconfirmedStored();
    int total = storedReferences.size();
    progress.update("checking", 0, total);
    // Commits first: once they are known complete, their trees can settle others.
    List<ObjectId> commits = new ArrayList<>();
    for (Map.Entry<ObjectId, ObjectType> reference : storedReferences.entrySet()) {
      if (reference.getValue() == ObjectType.COMMIT) {
        commits.add(reference.getKey());
      }
    }
    for (ObjectId commit : commits) {
      closure.requireCommit(commit, "the bundle names stored parent");
      storedReferences.remove(commit);
    }
    resolveByParents();
    int checked = total - storedReferences.size();
    for (Map.Entry<ObjectId, ObjectType> reference : storedReferences.entrySet()) {
      String what = "the bundle names stored object";
      if (reference.getValue() == ObjectType.TREE) {
        closure.requireTree(reference.getKey(), what);
      } else {
        closure.requireBlob(reference.getKey(), what);
      }
      checked++;
      if ((checked & 255) == 0 || checked == total) {
        progress.update("checking", checked, total);
      }
    }
    return new Received(new ArrayList<>(received.values()), received);
  }

  /**
   * Checks that {@code head} (a pushed head, a fetched want) is a commit of the bundle, or a
   * stored commit whose closure is complete; {@code what} names it for errors ("the pushed
   * head"). Call after {@link #receive}.
   */
  void requireHead(ObjectId head, String what) {
    RawObject inBundle = received.get(head);
    if (inBundle == null) {
      closure.requireCommit(head, what + " is");
    } else if (inBundle.type() != ObjectType.COMMIT) {
      throw Errors.wrongObjectType(what + " " + head.hex() + " is a "
          + inBundle.type().gitName() + ", not a commit");
    }
  }

  private void accept(BundleReader.Frame frame) {
    RawObject object;
    try {
      object = RawObject.verified(frame.id(), frame.type(), frame.payload());
    } catch (MalformedObjectException e) {
      throw Errors.badObjectId(e.getMessage());
    }
    if (received.containsKey(object.id())) {
      return;
    }
    try {
      if (object.type() == ObjectType.TREE) {
        RawObject tree = object;
        TreeScan.entries(tree, (index, mode, id) -> {
          if (mode != EntryMode.GITLINK) {
            require(id, mode == EntryMode.TREE ? ObjectType.TREE : ObjectType.BLOB, tree, index,
                null);
          }
        });
      } else if (object.type() == ObjectType.COMMIT) {
        CommitObject commit = ObjectCodec.decodeCommit(object);
        receivedCommits.put(object.id(), new Links(commit.tree(), commit.parents()));
        require(commit.tree(), ObjectType.TREE, object, -1, "tree");
        for (ObjectId parent : commit.parents()) {
          require(parent, ObjectType.COMMIT, object, -1, "parent");
        }
      }
    } catch (MalformedObjectException e) {
      throw Errors.malformedObject(e.getMessage());
    }
    received.put(object.id(), object);
  }

  /**
   * Requires {@code id}, referred to as a {@code type} by {@code referrer} (through its entry
   * number {@code entry}, else as its {@code what}), to be earlier in the bundle or stored.
   * Stored is confirmed after the pass, for all such references at once
   * ({@link #requireUnconfirmedStored}).
   */
  private void require(ObjectId id, ObjectType type, RawObject referrer, int entry,
      String what) {
    RawObject inBundle = received.get(id);
    if (inBundle != null) {
      if (inBundle.type() != type) {
        throw wrongType(id, type, "it is a " + inBundle.type().gitName(), referrer,
            new Referrer(referrer, entry, what).describe());
      }
      return;
    }
    ObjectType referredAs = storedReferences.get(id);
    if (referredAs == null) {
      storedReferences.put(id, type);
      unconfirmed.put(id, new Referrer(referrer, entry, what));
    } else if (referredAs != type) {
      throw wrongType(id, type, "another object refers to it as a " + referredAs.gitName(),
          referrer, new Referrer(referrer, entry, what).describe());
    }
  }

  /**
   * Checks that every object the pass found referred to, but not earlier in the bundle, is
   * stored: one look-up for all ({@code missing_objects} naming the first absent one, in the
   * order the pass met them). An object that came in the bundle only after a reference to it
   * still has to be stored, as the one-pass rule says.
   */
  private void requireUnconfirmedStored() {
    if (unconfirmed.isEmpty() || stored.containsAll(unconfirmed.keySet())) {
      unconfirmed.clear();
      return;
    }
    for (Map.Entry<ObjectId, Referrer> reference : unconfirmed.entrySet()) {
      ObjectId id = reference.getKey();
      if (!stored.contains(id)) {
        RawObject referrer = reference.getValue().object();
        throw Errors.missingObjects(referrer.type().gitName() + " " + referrer.id().hex()
            + " refers to " + id.hex() + " (its " + reference.getValue().describe()
            + "), which is neither earlier in the bundle nor stored");
      }
    }
    throw Errors.missingObjects("an object the bundle refers to is neither earlier in it nor"
        + " stored");
  }

  /**
   * Settles stored objects that received trees refer to, without reading them, where the tree
   * of a stored parent commit (checked complete by now) has the same entry at the same path
   * (same name, same kind, same id): it is complete, so the object is present and of the right
   * type. So a commit that changes one value in a large directory costs reading the parent's
   * trees on its path, not every value beside it. What this does not settle is checked with
   * its closure.
   */
  private void resolveByParents() {
    for (Links commit : receivedCommits.values()) {
      for (ObjectId parent : commit.parents()) {
        if (storedReferences.isEmpty()) {
          return;
        }
        ObjectId parentTree = treeOf(parent);
        if (parentTree == null) {
          continue;
        }
        if (parentTree.equals(commit.tree()) && !receivedCommits.containsKey(parent)) {
          storedReferences.remove(parentTree, ObjectType.TREE);
        } else {
          resolve(commit.tree(), parentTree);
        }
      }
    }
  }

  private void resolve(ObjectId tree, ObjectId base) {
    TreeObject received = receivedTree(tree);
    if (received == null || tree.equals(base) || !compared.add(tree.hex() + base.hex())) {
      return;
    }
    TreeObject receivedBase = receivedTree(base);
    boolean baseStored = receivedBase == null;
    TreeObject before = baseStored ? storedTree(base) : receivedBase;
    if (before == null) {
      return;
    }
    Map<String, TreeEntry> byName = new HashMap<>();
    for (TreeEntry entry : before.entries()) {
      byName.put(entry.name(), entry);
    }
    for (TreeEntry entry : received.entries()) {
      TreeEntry old = byName.get(entry.name());
      if (old == null || entry.mode() == EntryMode.GITLINK || old.mode() == EntryMode.GITLINK) {
        continue;
      }
      boolean isTree = entry.mode() == EntryMode.TREE;
      if (isTree != (old.mode() == EntryMode.TREE)) {
        continue;
      }
      if (!entry.id().equals(old.id())) {
        if (isTree) {
          resolve(entry.id(), old.id());
        }
      } else if (baseStored) {
        storedReferences.remove(entry.id(), isTree ? ObjectType.TREE : ObjectType.BLOB);
      }
    }
  }

  /** A received tree, decoded again (decoded trees are not kept), or null when not received. */
  private TreeObject receivedTree(ObjectId id) {
    RawObject object = received.get(id);
    return object == null || object.type() != ObjectType.TREE ? null
        : ObjectCodec.decodeTree(object);
  }

  /**
   * The tree of commit {@code id}: received, or stored and trusted (so its trees may settle
   * others); else null.
   */
  private ObjectId treeOf(ObjectId id) {
    Links commit = receivedCommits.get(id);
    if (commit != null) {
      return commit.tree();
    }
    if (!closure.trusted(id)) {
      return null;
    }
    Optional<RawObject> stored = this.stored.read(id);
    if (stored.isEmpty() || stored.get().type() != ObjectType.COMMIT) {
      return null;
    }
    return ObjectCodec.decodeCommit(stored.get()).tree();
  }

  private TreeObject storedTree(ObjectId id) {
    Optional<RawObject> object = stored.read(id);
    if (object.isEmpty() || object.get().type() != ObjectType.TREE) {
      return null;
    }
    return ObjectCodec.decodeTree(object.get());
  }

  private static SyncException wrongType(ObjectId id, ObjectType expected, String but,
      RawObject referrer, String what) {
    return Errors.wrongObjectType(referrer.type().gitName() + " " + referrer.id().hex()
        + " refers to " + id.hex() + " (its " + what + ") as a " + expected.gitName() + ", but "
        + but);
  }
}
