package dev.grove.tree;

import dev.grove.path.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The values that differ between two trees, in path order. Subtrees with equal ids are skipped
 * without being read, so the cost follows the size of the difference, not of the trees.
 */
public final class TreeDiff {
  private TreeDiff() {}

  /** Every value added, removed or changed from {@code before} to {@code after}. */
  public static List<Change> diff(Tree before, Tree after) {
    return diff(before, after, Path.ROOT);
  }

  /** The changes at or below {@code prefix} (a subtree or a single value). */
  public static List<Change> diff(Tree before, Tree after, Path prefix) {
    List<Change> out = new ArrayList<>();
    Optional<Node> a = before.findNode(prefix);
    Optional<Node> b = after.findNode(prefix);
    diffNodes(prefix, a.orElse(null), b.orElse(null), out);
    return out;
  }

  private static void diffNodes(Path at, Node a, Node b, List<Change> out) {
    if (a == null && b == null) {
      return;
    }
    if (a instanceof Leaf && b instanceof Leaf) {
      if (!a.equals(b)) {
        out.add(new Change(at, Change.Kind.CHANGED, (Leaf) a, (Leaf) b));
      }
      return;
    }
    if (a instanceof Tree && b instanceof Tree) {
      if (!a.id().equals(b.id())) {
        diffTrees(at, (Tree) a, (Tree) b, out);
      }
      return;
    }
    // Different kinds, or one side absent: the old side's values go, the new side's come.
    // A value at `at` sorts before everything below it, so it is reported first.
    if (a instanceof Leaf) {
      out.add(new Change(at, Change.Kind.REMOVED, (Leaf) a, null));
    }
    if (b instanceof Leaf) {
      out.add(new Change(at, Change.Kind.ADDED, null, (Leaf) b));
    }
    if (a instanceof Tree) {
      allValues(at, (Tree) a, Change.Kind.REMOVED, out);
    }
    if (b instanceof Tree) {
      allValues(at, (Tree) b, Change.Kind.ADDED, out);
    }
  }

  private static void diffTrees(Path at, Tree a, Tree b, List<Change> out) {
    Iterator<Map.Entry<String, Node>> left = a.entries().entrySet().iterator();
    Iterator<Map.Entry<String, Node>> right = b.entries().entrySet().iterator();
    Map.Entry<String, Node> x = left.hasNext() ? left.next() : null;
    Map.Entry<String, Node> y = right.hasNext() ? right.next() : null;
    while (x != null || y != null) {
      int c = x == null ? 1 : y == null ? -1 : Tree.NAME_ORDER.compare(x.getKey(), y.getKey());
      if (c < 0) {
        diffNodes(at.child(x.getKey()), x.getValue(), null, out);
        x = left.hasNext() ? left.next() : null;
      } else if (c > 0) {
        diffNodes(at.child(y.getKey()), null, y.getValue(), out);
        y = right.hasNext() ? right.next() : null;
      } else {
        diffNodes(at.child(x.getKey()), x.getValue(), y.getValue(), out);
        x = left.hasNext() ? left.next() : null;
        y = right.hasNext() ? right.next() : null;
      }
    }
  }

  private static void allValues(Path at, Tree tree, Change.Kind kind, List<Change> out) {
    for (Map.Entry<String, Node> entry : tree.entries().entrySet()) {
      Path path = at.child(entry.getKey());
      if (entry.getValue() instanceof Tree) {
        allValues(path, (Tree) entry.getValue(), kind, out);
      } else {
        Leaf leaf = (Leaf) entry.getValue();
        out.add(kind == Change.Kind.ADDED
            ? new Change(path, kind, null, leaf) : new Change(path, kind, leaf, null));
      }
    }
  }
}
