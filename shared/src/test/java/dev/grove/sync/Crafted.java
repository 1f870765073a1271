package dev.grove.sync;

import dev.grove.backend.RefUpdate;
import dev.grove.backend.WriteBatch;
import dev.grove.hash.ObjectId;
import dev.grove.object.CommitObject;
import dev.grove.object.ObjectCodec;
import dev.grove.object.ObjectType;
import dev.grove.object.Person;
import dev.grove.object.RawObject;
import dev.grove.store.Repository;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Git objects made by hand (so they may be anything stock Git can leave in a store), and ways
 * to put them straight into a repository's object store, as a Git push through JGit does.
 */
final class Crafted {
  private Crafted() {}

  static RawObject blob(String text) {
    return RawObject.of(ObjectType.BLOB, text.getBytes(StandardCharsets.UTF_8));
  }

  /** A tree of entries given as mode, name, id triples, in the order given (Git order is the caller's job). */
  static RawObject tree(Object... modeNameId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < modeNameId.length; i += 3) {
      out.writeBytes((modeNameId[i] + " " + modeNameId[i + 1]).getBytes(StandardCharsets.UTF_8));
      out.write(0);
      out.writeBytes(((ObjectId) modeNameId[i + 2]).toBytes());
    }
    return RawObject.of(ObjectType.TREE, out.toByteArray());
  }

  /** A commit of {@code tree} with {@code parents}, at {@code time} (epoch seconds). */
  static RawObject commit(ObjectId tree, long time, ObjectId... parents) {
    Person person = new Person("T", "t@example.com", time, 0);
    return ObjectCodec.encodeCommit(new CommitObject(tree, List.of(parents), person, person,
        "crafted\n"));
  }

  /** Stores objects in {@code repo}'s object store, as they are, moving no branch. */
  static void store(Repository repo, RawObject... objects) {
    repo.backend().objects().add(List.of(objects));
  }

  /** Points {@code branch} (absent) at {@code head}, with no check of what it reaches. */
  static void createBranch(Repository repo, String branch, ObjectId head) {
    repo.backend().write(new WriteBatch(List.of(),
        List.of(new RefUpdate(branch, ObjectId.NONE, head))));
  }
}
