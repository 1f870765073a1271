package dev.grove.backend;

import dev.grove.object.RawObject;
import java.util.List;

/**
 * Objects and ref compare-and-sets handed to a backend in one call ({@link Backend#write}).
 *
 * <p>Objects are listed children first: every object an object refers to is either stored
 * already or earlier in the list. The core builds batches this way; backends may rely on it.
 */
public record WriteBatch(List<RawObject> objects, List<RefUpdate> refUpdates) {
  /** @throws IllegalArgumentException when two updates name the same branch */
  public WriteBatch {
    objects = List.copyOf(objects);
    refUpdates = List.copyOf(refUpdates);
    java.util.Set<String> branches = new java.util.HashSet<>();
    for (RefUpdate update : refUpdates) {
      if (!branches.add(update.branch())) {
        throw new IllegalArgumentException("a batch updates branch '" + update.branch() + "' twice");
      }
    }
  }

  /** A batch of objects and one compare-and-set. */
  public static WriteBatch of(List<RawObject> objects, RefUpdate update) {
    return new WriteBatch(objects, List.of(update));
  }
}
