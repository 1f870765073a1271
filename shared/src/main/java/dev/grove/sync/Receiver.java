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
import java.io.IOException;
import java.util.ArrayList;
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
 * So after the pass, everything the received objects reach is present: writing them keeps the
 * closure invariant.
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

  private final ObjectStore stored;
  private final Map<ObjectId, RawObject> received = new LinkedHashMap<>();
  /** References to stored objects, with the type their referrer says; checked after the pass. */
  private final Map<ObjectId, ObjectType> storedReferences = new LinkedHashMap<>();
  private final Map<ObjectId, TreeObject> receivedTrees = new HashMap<>();
  private final Map<ObjectId, CommitObject> receivedCommits = new LinkedHashMap<>();
  private final Set<String> compared = new HashSet<>();

  Receiver(ObjectStore stored) {
    this.stored = stored;
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
    resolveByParents();
    int checked = 0;
    progress.update("checking", 0, storedReferences.size());
    for (Map.Entry<ObjectId, ObjectType> reference : storedReferences.entrySet()) {
      checkStoredType(reference.getKey(), reference.getValue());
      checked++;
      if ((checked & 255) == 0 || checked == storedReferences.size()) {
        progress.update("checking", checked, storedReferences.size());
      }
    }
    return new Received(new ArrayList<>(received.values()), received);
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
        TreeObject tree = ObjectCodec.decodeTree(object);
        receivedTrees.put(object.id(), tree);
        for (TreeEntry entry : tree.entries()) {
          if (entry.mode() != EntryMode.GITLINK) {
            require(entry.id(), entry.mode() == EntryMode.TREE ? ObjectType.TREE : ObjectType.BLOB,
                object, "entry '" + entry.name() + "'");
          }
        }
      } else if (object.type() == ObjectType.COMMIT) {
        CommitObject commit = ObjectCodec.decodeCommit(object);
        receivedCommits.put(object.id(), commit);
        require(commit.tree(), ObjectType.TREE, object, "tree");
        for (ObjectId parent : commit.parents()) {
          require(parent, ObjectType.COMMIT, object, "parent");
        }
      }
    } catch (MalformedObjectException e) {
      throw Errors.malformedObject(e.getMessage());
    }
    received.put(object.id(), object);
  }

  private void require(ObjectId id, ObjectType type, RawObject referrer, String what) {
    RawObject inBundle = received.get(id);
    if (inBundle != null) {
      if (inBundle.type() != type) {
        throw wrongType(id, type, "it is a " + inBundle.type().gitName(), referrer, what);
      }
      return;
    }
    ObjectType referredAs = storedReferences.get(id);
    if (referredAs == null) {
      if (!stored.contains(id)) {
        throw Errors.missingObjects(referrer.type().gitName() + " " + referrer.id().hex()
            + " refers to " + id.hex() + " (its " + what
            + "), which is neither earlier in the bundle nor stored");
      }
      storedReferences.put(id, type);
    } else if (referredAs != type) {
      throw wrongType(id, type, "another object refers to it as a " + referredAs.gitName(),
          referrer, what);
    }
  }

  /**
   * Settles the type of stored objects that received trees refer to, without reading them,
   * where a stored tree at the same path of a parent commit has the same entry (same name, same
   * kind, same id): stored trees are trusted, so the type is right. So a commit that changes one
   * value in a large directory costs reading the parent's trees on its path, not every value
   * beside it. What this does not settle is read one by one.
   */
  private void resolveByParents() {
    for (CommitObject commit : receivedCommits.values()) {
      for (ObjectId parent : commit.parents()) {
        if (storedReferences.isEmpty()) {
          return;
        }
        ObjectId parentTree = treeOf(parent);
        if (parentTree != null) {
          resolve(commit.tree(), parentTree);
        }
      }
    }
  }

  private void resolve(ObjectId tree, ObjectId base) {
    TreeObject received = receivedTrees.get(tree);
    if (received == null || tree.equals(base) || !compared.add(tree.hex() + base.hex())) {
      return;
    }
    boolean baseStored = !receivedTrees.containsKey(base);
    TreeObject before = baseStored ? storedTree(base) : receivedTrees.get(base);
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
        ObjectType type = isTree ? ObjectType.TREE : ObjectType.BLOB;
        if (storedReferences.get(entry.id()) == type) {
          storedReferences.remove(entry.id());
        }
      }
    }
  }

  /** The tree of commit {@code id}, received or stored, or null when it cannot be read. */
  private ObjectId treeOf(ObjectId id) {
    CommitObject commit = receivedCommits.get(id);
    if (commit != null) {
      return commit.tree();
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

  private void checkStoredType(ObjectId id, ObjectType type) {
    Optional<RawObject> object = stored.read(id);
    if (object.isEmpty()) {
      throw Errors.missingObjects("object " + id.hex() + " is not stored");
    }
    if (object.get().type() != type) {
      throw Errors.wrongObjectType("an object of the bundle refers to " + id.hex() + " as a "
          + type.gitName() + ", but it is a " + object.get().type().gitName());
    }
  }

  private static SyncException wrongType(ObjectId id, ObjectType expected, String but,
      RawObject referrer, String what) {
    return Errors.wrongObjectType(referrer.type().gitName() + " " + referrer.id().hex()
        + " refers to " + id.hex() + " (its " + what + ") as a " + expected.gitName() + ", but "
        + but);
  }
}
