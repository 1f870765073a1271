package dev.grove.sync;

import dev.grove.hash.ObjectId;
import dev.grove.store.MergeResult;

/**
 * What a pull did.
 *
 * @param branch the branch pulled (the same name locally and remotely)
 * @param remoteHead the remote branch's head that was fetched and merged
 * @param merge what merging it into the local branch did (a conflict wrote nothing)
 * @param objectsReceived how many objects the fetch received
 */
public record PullResult(String branch, ObjectId remoteHead, MergeResult merge, int objectsReceived) {}
