package dev.grove.backend;

import dev.grove.hash.ObjectId;

/**
 * A branch moved.
 *
 * @param branch the branch name
 * @param oldHead the previous head, {@link ObjectId#NONE} when the branch was created
 * @param newHead the new head, {@link ObjectId#NONE} when the branch was deleted
 */
public record RefChange(String branch, ObjectId oldHead, ObjectId newHead) {}
