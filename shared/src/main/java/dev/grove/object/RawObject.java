package dev.grove.object;

import dev.grove.hash.ObjectId;
import dev.grove.hash.Sha1;
import java.nio.charset.StandardCharsets;

/**
 * An object as stored: its type and payload bytes (the bytes after Git's header), with the id
 * they hash to. Immutable: the payload must not be modified after construction.
 */
public final class RawObject {
  private final ObjectType type;
  private final byte[] payload;
  private final ObjectId id;

  private RawObject(ObjectType type, byte[] payload, ObjectId id) {
    this.type = type;
    this.payload = payload;
    this.id = id;
  }

  /** An object of {@code type} with {@code payload}; computes its id. The array is not copied. */
  public static RawObject of(ObjectType type, byte[] payload) {
    return new RawObject(type, payload, idOf(type, payload));
  }

  /**
   * An object that claims id {@code claimed}; verifies the claim.
   *
   * @throws MalformedObjectException when the payload hashes to another id
   */
  public static RawObject verified(ObjectId claimed, ObjectType type, byte[] payload) {
    ObjectId actual = idOf(type, payload);
    if (!actual.equals(claimed)) {
      throw new MalformedObjectException(claimed,
          "content hashes to " + actual.hex() + ", not to its id " + claimed.hex());
    }
    return new RawObject(type, payload, actual);
  }

  /** SHA-1 of {@code "<type> <length>\0" + payload}. */
  public static ObjectId idOf(ObjectType type, byte[] payload) {
    Sha1 sha = new Sha1();
    sha.update(header(type, payload.length));
    sha.update(payload);
    return ObjectId.fromBytes(sha.digest());
  }

  /** Git's header {@code "<type> <length>\0"}. */
  public static byte[] header(ObjectType type, int length) {
    return (type.gitName() + " " + length + "\0").getBytes(StandardCharsets.UTF_8);
  }

  public ObjectType type() {
    return type;
  }

  public ObjectId id() {
    return id;
  }

  /** The payload itself, not a copy: do not modify it. */
  public byte[] payload() {
    return payload;
  }

  public int size() {
    return payload.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RawObject && ((RawObject) o).id.equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return type.gitName() + " " + id.hex() + " (" + payload.length + " bytes)";
  }
}
