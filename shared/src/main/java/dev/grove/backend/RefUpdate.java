package dev.grove.backend;

import dev.grove.hash.ObjectId;

/**
 * One compare-and-set of a branch: from {@code expected} to {@code next}.
 *
 * @param branch the branch name
 * @param expected the head the branch must have now; {@link ObjectId#NONE} means "must not exist"
 * @param next the head to set; {@link ObjectId#NONE} means "delete the branch"
 */
public record RefUpdate(String branch, ObjectId expected, ObjectId next) {
  public RefUpdate {
    if (branch == null || expected == null || next == null) {
      throw new IllegalArgumentException("a ref update needs a branch, an expected and a next id");
    }
  }
}
