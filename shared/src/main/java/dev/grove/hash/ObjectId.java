package dev.grove.hash;

import dev.grove.GroveException;
import java.util.Arrays;

/**
 * The id of a Git object: the SHA-1 of {@code "<type> <length>\0" + payload}, exactly what
 * {@code git hash-object} prints. Immutable. {@link #NONE} (forty zeros, as in Git's own
 * protocols) means "no object": an absent branch in a compare-and-set.
 */
public final class ObjectId implements Comparable<ObjectId> {
  /** Forty zeros: "absent". Never the id of a stored object. */
  public static final ObjectId NONE = new ObjectId(new byte[20]);

  private final byte[] bytes;
  private int hash;

  private ObjectId(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * The id written as 40 hex digits, either case.
   *
   * @throws InvalidIdException when the text is not 40 hex digits
   */
  public static ObjectId fromHex(String hex) {
    if (hex == null || hex.length() != 40) {
      throw new InvalidIdException(hex, "an object id is 40 hex digits");
    }
    try {
      return new ObjectId(Hex.decode(hex));
    } catch (IllegalArgumentException e) {
      throw new InvalidIdException(hex, e.getMessage());
    }
  }

  /** The id of 20 raw bytes (copied). */
  public static ObjectId fromBytes(byte[] raw) {
    return fromBytes(raw, 0);
  }

  /** The id of the 20 raw bytes at {@code offset} (copied). */
  public static ObjectId fromBytes(byte[] raw, int offset) {
    if (offset < 0 || raw.length - offset < 20) {
      throw new InvalidIdException(null, "an object id is 20 bytes");
    }
    return new ObjectId(Arrays.copyOfRange(raw, offset, offset + 20));
  }

  /** Whether {@code text} is 40 hex digits. */
  public static boolean isHex(String text) {
    if (text == null || text.length() != 40) {
      return false;
    }
    for (int i = 0; i < 40; i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  public boolean isNone() {
    return equals(NONE);
  }

  /** 40 lower-case hex digits. */
  public String hex() {
    return Hex.encode(bytes);
  }

  /** The 20 raw bytes (a copy). */
  public byte[] toBytes() {
    return bytes.clone();
  }

  /** Writes the 20 raw bytes into {@code out} at {@code offset}. */
  public void copyTo(byte[] out, int offset) {
    System.arraycopy(bytes, 0, out, offset, 20);
  }

  @Override
  public int compareTo(ObjectId other) {
    for (int i = 0; i < 20; i++) {
      int c = (bytes[i] & 0xff) - (other.bytes[i] & 0xff);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ObjectId && Arrays.equals(bytes, ((ObjectId) o).bytes);
  }

  @Override
  public int hashCode() {
    if (hash == 0) {
      hash = Arrays.hashCode(bytes);
    }
    return hash;
  }

  @Override
  public String toString() {
    return hex();
  }

  /** Text that should have been an object id is not one. */
  public static final class InvalidIdException extends GroveException {
    public InvalidIdException(String text, String reason) {
      super("invalid_id", "invalid object id '" + text + "': " + reason);
    }
  }
}
