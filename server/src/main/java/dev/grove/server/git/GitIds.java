package dev.grove.server.git;

import dev.grove.backend.BackendException;
import dev.grove.hash.ObjectId;
import dev.grove.object.ObjectType;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;

/** Conversions between Grove's ids and types and JGit's. */
final class GitIds {
  private GitIds() {}

  /** JGit's id for {@code id}; {@link ObjectId#NONE} becomes JGit's zero id. */
  static org.eclipse.jgit.lib.ObjectId toJgit(ObjectId id) {
    return org.eclipse.jgit.lib.ObjectId.fromRaw(id.toBytes());
  }

  /** Grove's id for a JGit id. */
  static ObjectId fromJgit(AnyObjectId id) {
    byte[] raw = new byte[Constants.OBJECT_ID_LENGTH];
    id.copyRawTo(raw, 0);
    return ObjectId.fromBytes(raw);
  }

  /** JGit's type code ({@code Constants.OBJ_*}) for a Grove type. */
  static int typeCode(ObjectType type) {
    switch (type) {
      case BLOB:
        return Constants.OBJ_BLOB;
      case TREE:
        return Constants.OBJ_TREE;
      case COMMIT:
        return Constants.OBJ_COMMIT;
      default:
        throw new IllegalArgumentException("no Git type code for " + type);
    }
  }

  /**
   * The Grove type of JGit's type code. Annotated tags (and anything else) are not Grove objects:
   * they answer {@code corrupt_object}, naming the id.
   */
  static ObjectType type(int code, ObjectId id) {
    switch (code) {
      case Constants.OBJ_BLOB:
        return ObjectType.BLOB;
      case Constants.OBJ_TREE:
        return ObjectType.TREE;
      case Constants.OBJ_COMMIT:
        return ObjectType.COMMIT;
      default:
        throw new BackendException("corrupt_object", "object " + id.hex() + " is a Git "
            + typeName(code) + ", which Grove does not store (only blobs, trees and commits)");
    }
  }

  private static String typeName(int code) {
    try {
      return Constants.typeString(code);
    } catch (IllegalArgumentException e) {
      return "object of type code " + code;
    }
  }
}
