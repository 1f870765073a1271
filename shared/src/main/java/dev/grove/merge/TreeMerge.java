package dev.grove.merge;

import dev.grove.tree.Tree;
import java.util.List;

/**
 * The result of a three-way tree merge.
 *
 * @param tree the merged tree; when there are conflicts, the conflicting paths are left out of
 *     it (so it can serve as a virtual common ancestor), and it must not be committed
 * @param conflicts the conflicting paths, in path order; empty for a clean merge
 */
public record TreeMerge(Tree tree, List<Conflict> conflicts) {
  public TreeMerge {
    conflicts = List.copyOf(conflicts);
  }

  public boolean isClean() {
    return conflicts.isEmpty();
  }
}
