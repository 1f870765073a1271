package dev.grove.object;

import dev.grove.hash.ObjectId;
import java.util.List;

/**
 * A Git commit object.
 *
 * @param tree the root tree
 * @param parents zero or more parents, in order
 * @param author who wrote the change
 * @param committer who committed it
 * @param extraHeaders headers other than tree, parent, author and committer, as read from a
 *     commit that stock Git made (e.g. {@code encoding}, {@code gpgsig}), each a whole header
 *     text without the final newline; Grove writes none
 * @param message the message, any UTF-8 text, written after the blank line as is
 */
public record CommitObject(ObjectId tree, List<ObjectId> parents, Person author,
    Person committer, List<String> extraHeaders, String message) {

  public CommitObject {
    parents = List.copyOf(parents);
    extraHeaders = List.copyOf(extraHeaders);
    if (tree == null || author == null || committer == null || message == null) {
      throw new IllegalArgumentException("a commit needs a tree, an author, a committer and a message");
    }
  }

  /** A commit with no extra headers. */
  public CommitObject(ObjectId tree, List<ObjectId> parents, Person author, Person committer,
      String message) {
    this(tree, parents, author, committer, List.of(), message);
  }
}
