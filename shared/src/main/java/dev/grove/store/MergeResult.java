package dev.grove.store;

import dev.grove.hash.ObjectId;
import dev.grove.merge.Conflict;
import java.util.List;

/**
 * What merging into a branch did. A conflict changes nothing: no half-merged branch is ever
 * written.
 *
 * @param status how it ended
 * @param head the branch head afterwards (unchanged for a conflict)
 * @param conflicts the conflicting paths with reasons, in path order; empty unless a conflict
 */
public record MergeResult(Status status, ObjectId head, List<Conflict> conflicts) {
  public MergeResult {
    conflicts = List.copyOf(conflicts);
  }

  /** How a merge ended. */
  public enum Status {
    /** The other commit was already in the branch's history: nothing to do. */
    UP_TO_DATE,
    /** The branch was behind (or absent) and now points to the other commit. */
    FAST_FORWARD,
    /** A merge commit with both heads as parents was written. */
    MERGED,
    /** Nothing was written; see {@link #conflicts()}. */
    CONFLICT
  }

  public boolean isConflict() {
    return status == Status.CONFLICT;
  }
}
