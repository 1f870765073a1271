package dev.grove.merge;

import dev.grove.tree.Tree;
import java.util.List;

/**
 * The result of a three-way tree merge.
 *
 * @param tree the merged tree; when there are conflicts, each conflicting path holds a marker
 *     value unlike any real version (so the tree can serve as a virtual common ancestor, as in
 *     Git's recursive merge: either side's version there counts as a change), and it must not be
 *     committed
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
