package dev.grove.sync;

import dev.grove.hash.ObjectId;

/**
 * What a push did. A refused push is a result, not an exception.
 *
 * @param status how it ended
 * @param branch the branch pushed
 * @param remoteHead the remote branch's head after the push: the new head when pushed, the
 *     current one when refused ({@link ObjectId#NONE} when the remote branch does not exist)
 * @param objectsSent how many objects were sent
 */
public record PushResult(Status status, String branch, ObjectId remoteHead, int objectsSent) {
  /** How a push ended. */
  public enum Status {
    /** The remote branch already had the local head: nothing sent. */
    UP_TO_DATE,
    /** The remote branch did not exist and now has the local head. */
    CREATED,
    /** The remote branch moved to the local head. */
    UPDATED,
    /** Refused: the local head does not descend from the remote one (push with force, or pull first). */
    NON_FAST_FORWARD,
    /** Refused: the remote branch moved since it was read (pull, merge and push again). */
    CONFLICT
  }

  /** Whether the remote branch now has the local head. */
  public boolean succeeded() {
    return status == Status.UP_TO_DATE || status == Status.CREATED || status == Status.UPDATED;
  }
}
