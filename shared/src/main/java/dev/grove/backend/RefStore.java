package dev.grove.backend;

import dev.grove.hash.ObjectId;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The atomic-write half of a backend: branches, each a name pointing to a commit id. The only
 * mutable state of a store.
 *
 * <p>Branch names are checked by the core ({@link BranchNames}) before they reach a backend.
 * Every method is safe to call from several threads at once (and, where the backend says so,
 * from several processes or tabs).
 */
public interface RefStore {

  /** The commit the branch points to, or empty when the branch does not exist. */
  Optional<ObjectId> readRef(String branch);

  /** Every branch and its head, sorted by name. A consistent snapshot is not promised. */
  SortedMap<String, ObjectId> listRefs();

  /**
   * Registers a watcher, told of every ref change this backend can observe: all changes made
   * through this backend instance, and, where the backend can see them, changes made by other
   * processes or tabs. A change is reported after it is durable. Calls to one watcher never
   * overlap; changes to one branch reach it in the order they happened.
   *
   * @return a handle whose {@link Subscription#cancel()} stops further calls
   */
  Subscription watch(RefWatcher watcher);
}
