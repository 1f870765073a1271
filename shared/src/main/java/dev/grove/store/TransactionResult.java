package dev.grove.store;

import dev.grove.hash.ObjectId;
import dev.grove.merge.Conflict;
import java.util.List;

/**
 * What a transaction did.
 *
 * @param status committed, unchanged (the tree was the same: no commit), or conflict
 * @param value what the body returned
 * @param head the branch head after the transaction: the new commit when committed, the
 *     current head otherwise ({@link ObjectId#NONE} for a branch that does not exist)
 * @param conflicts why it failed, for a conflict; empty otherwise
 * @param attempts how many compare-and-sets it took (at least 1 when committed), not counting
 *     a simple write's first one from a stale remembered head (see {@link Branch})
 */
public record TransactionResult<T>(Status status, T value, ObjectId head, List<Conflict> conflicts,
    int attempts) {

  public TransactionResult {
    conflicts = List.copyOf(conflicts);
  }

  /** The outcome of a transaction. */
  public enum Status { COMMITTED, UNCHANGED, CONFLICT }

  public boolean committed() {
    return status == Status.COMMITTED;
  }

  public boolean isConflict() {
    return status == Status.CONFLICT;
  }
}
