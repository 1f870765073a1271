package dev.grove.browser.api;

import dev.grove.backend.BranchNames;
import dev.grove.hash.ObjectId;
import dev.grove.store.NotFoundException;
import dev.grove.store.Repository;

/** What a revision names: the head of a branch, else a commit by its full id. */
final class Revisions {
  private Revisions() {}

  /**
   * The commit {@code rev} names: the head of the branch of that name when it exists, else the
   * commit whose id is {@code rev} (40 hex digits, either case).
   *
   * @throws NotFoundException {@code not_found} when it is neither
   * @throws dev.grove.tree.MissingObjectException {@code missing_object} when it is an id of no
   *     stored commit
   */
  static ObjectId resolve(Repository repo, String rev) {
    if (BranchNames.problem(rev) == null) {
      ObjectId head = repo.head(rev);
      if (!head.isNone()) {
        return head;
      }
    }
    if (ObjectId.isHex(rev)) {
      ObjectId id = ObjectId.fromHex(rev);
      repo.commit(id);
      return id;
    }
    throw new NotFoundException("no branch or commit '" + rev + "'");
  }

  /** {@link #resolve}, or "none" (the empty tree) for a null revision. */
  static ObjectId resolveOrNone(Repository repo, String rev) {
    return rev == null ? ObjectId.NONE : resolve(repo, rev);
  }
}
