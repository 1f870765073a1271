package dev.grove.merge;

import dev.grove.Utf8;
import dev.grove.path.Path;
import dev.grove.tree.Leaf;
import dev.grove.tree.Node;
import dev.grove.tree.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Three-way merge of trees. Where one side left a path as it was in the base, the other side's
 * version is taken (whole subtrees at once, unread); where both sides agree, that version is
 * taken; where both changed a value differently, the {@link MergeFunction} that the
 * {@link MergePolicy} gives for its path decides. A value on one side where the other has a
 * subtree is a conflict. Never throws for a conflict; a fault reading a value (a missing object)
 * propagates as the exception it is.
 */
public final class TreeMerger {
  private final MergePolicy policy;
  private final long oursTime;
  private final long theirsTime;
  private final List<Conflict> conflicts = new ArrayList<>();

  private TreeMerger(MergePolicy policy, long oursTime, long theirsTime) {
    this.policy = policy;
    this.oursTime = oursTime;
    this.theirsTime = theirsTime;
  }

  /**
   * Merges {@code ours} and {@code theirs}, which both descend from {@code base} (the empty
   * tree for unrelated histories).
   *
   * @param oursTime commit time of our head, for functions that order writers
   * @param theirsTime commit time of their head
   */
  public static TreeMerge merge(Tree base, Tree ours, Tree theirs, MergePolicy policy,
      long oursTime, long theirsTime) {
    TreeMerger merger = new TreeMerger(policy, oursTime, theirsTime);
    Node merged = merger.mergeNodes(Path.ROOT, base, ours, theirs);
    Tree tree = merged instanceof Tree ? (Tree) merged : Tree.empty();
    return new TreeMerge(tree, merger.conflicts);
  }

  private Node mergeNodes(Path at, Node base, Node ours, Node theirs) {
    if (same(base, ours)) {
      return theirs;
    }
    if (same(base, theirs)) {
      return ours;
    }
    if (same(ours, theirs) && (ours == null || !policy.mergesEqualSidesAt(at))) {
      return ours; // both sides made the same change
    }
    boolean oursTree = ours instanceof Tree || (ours == null && theirs instanceof Tree);
    boolean theirsTree = theirs instanceof Tree || (theirs == null && ours instanceof Tree);
    if (oursTree && theirsTree) {
      return mergeTrees(at, asTree(base), asTree(ours), asTree(theirs));
    }
    if (ours instanceof Tree || theirs instanceof Tree) {
      return conflict(at, "a value on one side, a subtree on the other", ours, theirs);
    }
    return mergeValues(at, base instanceof Leaf ? (Leaf) base : null, (Leaf) ours, (Leaf) theirs);
  }

  private Node mergeTrees(Path at, Tree base, Tree ours, Tree theirs) {
    TreeSet<String> names = new TreeSet<>(Tree.NAME_ORDER);
    names.addAll(ours.entries().keySet());
    names.addAll(theirs.entries().keySet());
    names.addAll(base.entries().keySet());
    Map<String, Node> merged = new TreeMap<>(Tree.NAME_ORDER);
    for (String name : names) {
      Node node = mergeNodes(at.child(name), base.entries().get(name), ours.entries().get(name),
          theirs.entries().get(name));
      if (node != null) {
        merged.put(name, node);
      }
    }
    Tree tree = Tree.of(merged);
    return tree.isEmpty() ? null : tree;
  }

  private Node mergeValues(Path at, Leaf base, Leaf ours, Leaf theirs) {
    // Reading the values may fail (a missing object): that is a fault, not a conflict.
    MergeInput input = new MergeInput(at, bytes(base), bytes(ours), bytes(theirs), oursTime,
        theirsTime);
    ValueMerge result;
    try {
      result = policy.functionFor(at).merge(input);
    } catch (RuntimeException e) {
      result = ValueMerge.conflict("the merge function failed: " + e.getMessage());
    }
    if (result.isConflict()) {
      return conflict(at, result.reason(), ours, theirs);
    }
    return result.value() == null ? null : Leaf.of(result.value());
  }

  /**
   * Records a conflict; the merged tree gets a marker value there that differs from every real
   * version (as Git's conflict markers do), so that, used as a virtual common ancestor, it makes
   * any side's version count as a change.
   */
  private Node conflict(Path at, String reason, Node ours, Node theirs) {
    conflicts.add(new Conflict(at, reason));
    String marker = "grove merge conflict at " + at + ": " + reason + "\nours: "
        + (ours == null ? "absent" : ours.id().hex()) + "\ntheirs: "
        + (theirs == null ? "absent" : theirs.id().hex()) + "\n";
    return Leaf.of(Utf8.encode(marker));
  }

  private static boolean same(Node a, Node b) {
    return a == b || (a != null && b != null && a.getClass() == b.getClass() && a.equals(b));
  }

  private static Tree asTree(Node node) {
    return node instanceof Tree ? (Tree) node : Tree.empty();
  }

  private static byte[] bytes(Leaf leaf) {
    return leaf == null ? null : leaf.bytes();
  }
}
