package dev.grove.tree;

import dev.grove.GroveException;
import dev.grove.hash.ObjectId;

/** An object that should be readable is not stored (an unknown id, or a broken store). */
public final class MissingObjectException extends GroveException {
  private final ObjectId id;

  public MissingObjectException(ObjectId id, String what) {
    super("missing_object", "no " + what + " " + id.hex() + " in this store");
    this.id = id;
  }

  /** The id that was not found. */
  public ObjectId id() {
    return id;
  }
}
