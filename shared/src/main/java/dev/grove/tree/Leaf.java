package dev.grove.tree;

import dev.grove.hash.ObjectId;
import dev.grove.object.EntryMode;
import dev.grove.object.ObjectType;
import dev.grove.object.RawObject;

/**
 * A value in a tree: a blob, loaded lazily when it came from a store. Immutable.
 */
public final class Leaf implements Node {
  private final EntryMode mode;
  private final ObjectLoader loader;
  private volatile ObjectId id;
  private volatile byte[] bytes;

  private Leaf(EntryMode mode, ObjectLoader loader, ObjectId id, byte[] bytes) {
    this.mode = mode;
    this.loader = loader;
    this.id = id;
    this.bytes = bytes;
  }

  /**
   * A new value holding a copy of {@code bytes}.
   *
   * @throws InvalidValueException when {@code bytes} is null
   */
  public static Leaf of(byte[] bytes) {
    if (bytes == null) {
      throw new InvalidValueException("a value must not be null");
    }
    return new Leaf(EntryMode.FILE, null, null, bytes.clone());
  }

  /** A value stored in {@code loader}'s store under {@code id}. */
  static Leaf stored(EntryMode mode, ObjectLoader loader, ObjectId id) {
    return new Leaf(mode, loader, id, null);
  }

  public EntryMode mode() {
    return mode;
  }

  @Override
  public ObjectId id() {
    ObjectId known = id;
    if (known == null) { // made by of(): holds its bytes (reading none keeps this synchronous)
      known = RawObject.idOf(ObjectType.BLOB, bytes);
      id = known;
    }
    return known;
  }

  /**
   * A copy of the value's bytes; loads them on first use.
   *
   * @throws MissingObjectException when the blob is not stored
   */
  public byte[] bytes() {
    return content().clone();
  }

  /** The value's bytes themselves, never handed out. */
  private byte[] content() {
    byte[] known = bytes;
    if (known == null) {
      known = loader.loadBlob(id);
      bytes = known;
    }
    return known;
  }

  /** Whether this value's object is known to be stored where {@code target} reads. */
  boolean isStoredIn(ObjectLoader target) {
    return loader != null && loader.store() == target.store();
  }

  /** The blob object, for writing. */
  RawObject toObject() {
    RawObject object = RawObject.of(ObjectType.BLOB, content());
    if (!object.id().equals(id())) {
      throw new IllegalStateException("value " + id().hex() + " changed after it was hashed");
    }
    return object;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Leaf && ((Leaf) o).mode == mode && ((Leaf) o).id().equals(id());
  }

  @Override
  public int hashCode() {
    return id().hashCode();
  }
}
