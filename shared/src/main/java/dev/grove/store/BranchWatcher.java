package dev.grove.store;

import dev.grove.hash.ObjectId;

/**
 * Told when a watched branch moves ({@link ObjectId#NONE} for "absent": created or deleted).
 * Called after the change is durable, never concurrently with itself; it must not throw.
 */
@FunctionalInterface
public interface BranchWatcher {
  void onBranchChanged(String branch, ObjectId oldHead, ObjectId newHead);
}
