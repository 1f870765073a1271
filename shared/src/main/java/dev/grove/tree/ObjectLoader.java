package dev.grove.tree;

import dev.grove.backend.BackendException;
import dev.grove.backend.ObjectStore;
import dev.grove.hash.ObjectId;
import dev.grove.object.CommitObject;
import dev.grove.object.ObjectCodec;
import dev.grove.object.ObjectType;
import dev.grove.object.RawObject;
import dev.grove.object.TreeObject;
import java.util.Optional;

/**
 * Reads and decodes objects from one {@link ObjectStore}, checking that each is the object
 * asked for and of the expected type, and keeps a bounded cache of decoded trees and commits
 * (they are immutable). Safe for several threads.
 */
public final class ObjectLoader {
  /** About how many bytes of decoded objects a loader keeps. */
  private static final long CACHE_BYTES = 32L << 20;
  /** About how many bytes a tree entry takes once decoded. */
  private static final long ENTRY_BYTES = 160;
  /** About how many bytes of encoded trees a loader keeps. */
  private static final long RAW_TREE_BYTES = 16L << 20;

  private final ObjectStore store;
  private final WeightedCache<ObjectId, Object> cache = new WeightedCache<>(CACHE_BYTES);
  private final WeightedCache<ObjectId, Object> derived = new WeightedCache<>(CACHE_BYTES);
  /** Encoded trees, read or written: the base of the next edit of the same directory. */
  private final WeightedCache<ObjectId, RawObject> rawTrees = new WeightedCache<>(RAW_TREE_BYTES);

  public ObjectLoader(ObjectStore store) {
    this.store = store;
  }

  /** The store this loader reads. */
  public ObjectStore store() {
    return store;
  }

  /**
   * Reads object {@code id}, which must be of {@code type}; {@code what} names it in errors.
   *
   * @throws MissingObjectException when it is not stored
   * @throws BackendException when the store returns another object, or one of another type
   */
  public RawObject load(ObjectId id, ObjectType type, String what) {
    Optional<RawObject> found = store.read(id);
    if (found.isEmpty()) {
      throw new MissingObjectException(id, what);
    }
    RawObject object = found.get();
    if (!object.id().equals(id)) {
      throw new BackendException("corrupt_object",
          "the store returned object " + object.id().hex() + " for " + id.hex());
    }
    if (object.type() != type) {
      throw new BackendException("wrong_object_type", what + " " + id.hex() + " is a "
          + object.type().gitName() + ", not a " + type.gitName());
    }
    return object;
  }

  /** The blob's bytes. */
  public byte[] loadBlob(ObjectId id) {
    return load(id, ObjectType.BLOB, "value").payload();
  }

  /** The decoded tree. */
  public TreeObject loadTree(ObjectId id) {
    Object cached = cached(id);
    if (cached instanceof TreeObject) {
      return (TreeObject) cached;
    }
    RawObject raw = loadRawTree(id);
    TreeObject tree = ObjectCodec.decodeTree(raw);
    cache.put(id, tree, raw.size() + tree.entries().size() * ENTRY_BYTES);
    rawTrees.put(id, raw, raw.size());
    return tree;
  }

  /** The encoded tree {@code id}, from the cache or read (and verified). */
  RawObject loadRawTree(ObjectId id) {
    RawObject known = rawTrees.get(id);
    return known != null ? known : load(id, ObjectType.TREE, "tree");
  }

  /** The encoded tree {@code id} if cached (never read), else null. */
  RawObject cachedRawTree(ObjectId id) {
    return rawTrees.get(id);
  }

  /** Remembers a tree this process just wrote, encoded. */
  void rememberRawTree(RawObject tree) {
    rawTrees.put(tree.id(), tree, tree.size());
  }

  /**
   * What {@code derive} makes of the tree {@code id}, remembered: trees are immutable, so a
   * structure built from one (such as a {@link Tree}'s entry map) can be shared by every reader.
   * {@code derive} must return an object nobody modifies.
   */
  @SuppressWarnings("unchecked")
  <T> T deriveFromTree(ObjectId id, java.util.function.Function<TreeObject, T> derive) {
    Object known = derived.get(id);
    if (known != null) {
      return (T) known;
    }
    TreeObject tree = loadTree(id);
    T value = derive.apply(tree);
    derived.put(id, value, tree.entries().size() * ENTRY_BYTES);
    return value;
  }

  /**
   * Remembers what {@link #deriveFromTree} would make of tree {@code id}, for a tree this
   * process just wrote: the next reader of it need not read and decode it again.
   */
  void rememberDerived(ObjectId id, Object value, int entries) {
    derived.put(id, value, entries * ENTRY_BYTES);
  }

  /** Remembers a commit this process just wrote, decoded. */
  public void rememberCommit(ObjectId id, CommitObject commit, int size) {
    cache.put(id, commit, size * 2L);
  }

  /** The decoded commit. */
  public CommitObject loadCommit(ObjectId id) {
    Object cached = cached(id);
    if (cached instanceof CommitObject) {
      return (CommitObject) cached;
    }
    RawObject raw = load(id, ObjectType.COMMIT, "commit");
    CommitObject commit = ObjectCodec.decodeCommit(raw);
    cache.put(id, commit, raw.size() * 2L);
    return commit;
  }

  /** The decoded commit, or empty when no such commit is stored (or it is another type). */
  public Optional<CommitObject> findCommit(ObjectId id) {
    Object cached = cached(id);
    if (cached instanceof CommitObject) {
      return Optional.of((CommitObject) cached);
    }
    Optional<RawObject> found = store.read(id);
    if (found.isEmpty() || found.get().type() != ObjectType.COMMIT) {
      return Optional.empty();
    }
    if (!found.get().id().equals(id)) {
      throw new BackendException("corrupt_object",
          "the store returned object " + found.get().id().hex() + " for " + id.hex());
    }
    CommitObject commit = ObjectCodec.decodeCommit(found.get());
    cache.put(id, commit, found.get().size() * 2L);
    return Optional.of(commit);
  }

  private Object cached(ObjectId id) {
    return cache.get(id);
  }
}
