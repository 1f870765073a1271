package dev.grove.store;

import dev.grove.backend.ObjectStore;
import dev.grove.hash.ObjectId;
import dev.grove.tree.ObjectLoader;

/**
 * Ancestry questions on any object store, such as one that overlays received objects on a
 * repository's before they are written (the sync server's fast-forward check).
 */
public final class Ancestry {
  private Ancestry() {}

  /**
   * Whether {@code ancestor} is {@code descendant} or reachable from it, walking commits read
   * from {@code objects} (Git's paint-down: the cost follows the commits newer than the answer).
   *
   * @throws dev.grove.tree.MissingObjectException when a commit on the way is not stored
   */
  public static boolean isAncestor(ObjectStore objects, ObjectId ancestor, ObjectId descendant) {
    ObjectLoader loader = new ObjectLoader(objects);
    loader.loadCommit(ancestor);
    loader.loadCommit(descendant);
    return new History(loader).isAncestor(ancestor, descendant);
  }
}
