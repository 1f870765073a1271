package dev.grove.store;

import dev.grove.tree.Change;
import java.util.List;

/**
 * Told when values under a watched prefix change on a branch: the changes between the old and
 * the new head at or below the prefix, never empty. Called after the change is durable, never
 * concurrently with itself; it must not throw.
 */
@FunctionalInterface
public interface KeyWatcher {
  void onChanges(String branch, List<Change> changes);
}
