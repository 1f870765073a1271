package dev.grove.object;

import dev.grove.GroveException;
import dev.grove.hash.ObjectId;

/** An object's bytes are not a well-formed Git object, or do not hash to its id. */
public final class MalformedObjectException extends GroveException {
  private final ObjectId id;

  public MalformedObjectException(ObjectId id, String reason) {
    super("malformed_object", (id == null ? "malformed object" : "malformed object " + id.hex())
        + ": " + reason);
    this.id = id;
  }

  /** The id of the bad object, or null when it is not known. */
  public ObjectId id() {
    return id;
  }
}
