package dev.grove.sync;

import dev.grove.hash.ObjectId;
import dev.grove.merge.Conflict;
import java.util.List;

/**
 * What a sync (pull, merge, push, retried on a lost race) did.
 *
 * @param status how it ended
 * @param branch the branch synced
 * @param head the local branch's head afterwards (equal to the remote one unless a conflict)
 * @param conflicts the merge conflicts, empty unless {@link Status#CONFLICT}
 * @param attempts how many rounds it took (1 unless the push lost a race)
 * @param objectsReceived objects fetched, over all rounds
 * @param objectsSent objects pushed, over all rounds
 */
public record SyncResult(Status status, String branch, ObjectId head, List<Conflict> conflicts,
    int attempts, int objectsReceived, int objectsSent) {

  public SyncResult {
    conflicts = List.copyOf(conflicts);
  }

  /** How a sync ended. */
  public enum Status {
    /** Local and remote already had the same head: nothing moved. */
    UP_TO_DATE,
    /** Something moved (locally, remotely or both); local and remote now have the same head. */
    SYNCED,
    /** The remote changes conflict with the local ones: nothing was merged or pushed. */
    CONFLICT
  }
}
