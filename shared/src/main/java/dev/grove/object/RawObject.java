package dev.grove.object;

import dev.grove.Utf8;
import dev.grove.hash.ObjectId;
import dev.grove.hash.Sha1;

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

  /**
   * Git's header {@code "<type> <length>\0"}. Built byte by byte (it is ASCII): in TeaVM,
   * {@code getBytes(UTF_8)} makes a new charset encoder each call, the top cost of hashing
   * 50,000 received objects.
   */
  public static byte[] header(ObjectType type, int length) {
    if (length < 0) {
      throw new IllegalArgumentException("negative length " + length);
    }
    String name = type.gitName();
    int digits = 1;
    for (int rest = length / 10; rest > 0; rest /= 10) {
      digits++;
    }
    byte[] out = new byte[name.length() + 1 + digits + 1];
    for (int i = 0; i < name.length(); i++) {
      out[i] = (byte) name.charAt(i);
    }
    out[name.length()] = ' ';
    for (int i = name.length() + digits, rest = length; i > name.length(); i--, rest /= 10) {
      out[i] = (byte) ('0' + rest % 10);
    }
    return out; // the last byte is already 0
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
