package dev.grove.server.http;

import dev.grove.GroveException;
import dev.grove.hash.ObjectId;
import dev.grove.object.ObjectCodec;
import dev.grove.object.ObjectType;
import dev.grove.object.RawObject;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectChecker;

/**
 * JGit's object checks plus Grove's: every commit and tree a Git push sends must also decode
 * with the core's strict decoder ({@link ObjectCodec}), which is stricter than Git's fsck (tree
 * modes such as {@code 100664} are refused, as DESIGN §1 says). Without it a push over Git could
 * store objects that the sync protocol and the store then cannot read. A refused object fails
 * the whole pack, so nothing of it is stored and no ref moves.
 */
final class GitStrictObjectChecker extends ObjectChecker {

  @Override
  public void check(AnyObjectId id, int objType, byte[] raw) throws CorruptObjectException {
    super.check(id, objType, raw);
    if (objType == Constants.OBJ_TREE) {
      strictly(id, ObjectType.TREE, raw);
    } else if (objType == Constants.OBJ_COMMIT) {
      strictly(id, ObjectType.COMMIT, raw);
    }
  }

  private static void strictly(AnyObjectId id, ObjectType type, byte[] raw) throws CorruptObjectException {
    try {
      RawObject object = id == null ? RawObject.of(type, raw)
          : RawObject.verified(ObjectId.fromHex(id.name()), type, raw);
      if (type == ObjectType.TREE) {
        ObjectCodec.decodeTree(object);
      } else {
        ObjectCodec.decodeCommit(object);
      }
    } catch (GroveException e) {
      throw new CorruptObjectException("Grove cannot store this " + type.gitName()
          + (id == null ? "" : " " + id.name()) + ": " + e.getMessage());
    }
  }
}
