package dev.grove.tree;

import dev.grove.path.InvalidPathException;
import dev.grove.path.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Applies many edits to a tree at the cost of one: each directory on an edited path is copied
 * once, however many edits touch it, and the new immutable tree is built once by
 * {@link #build()}, sharing every untouched subtree with the original. Edits apply in order, with
 * the meaning of {@link Tree#withNode}. Not thread-safe; for one writer; done once built.
 */
public final class TreeEditor {
  private final Tree base;
  private Dir root;
  private Tree result;

  /**
   * A directory being edited: a copy of a tree's entries, whose values are nodes or dirs, and
   * the names whose entries may differ from that tree's.
   */
  private static final class Dir {
    final Tree from;
    final TreeMap<String, Object> entries;
    final Set<String> changed = new HashSet<>();

    Dir(Tree from) {
      this.from = from;
      this.entries = new TreeMap<>(from.sortedEntries()); // linear: no comparisons
    }
  }

  public TreeEditor(Tree base) {
    this.base = base;
  }

  /**
   * Puts {@code node} at {@code path}: null or an empty tree removes what is there; a value on
   * the way to {@code path} is replaced by a subtree. At the root, {@code node} must be a tree.
   *
   * @throws InvalidPathException when a value is put at the root
   */
  public TreeEditor put(Path path, Node node) {
    if (result != null) {
      throw new IllegalStateException("the editor was built; start a new one on its result");
    }
    if (node instanceof Tree && ((Tree) node).isEmpty()) {
      node = null;
    }
    if (path.isRoot()) {
      if (node instanceof Leaf) {
        throw new InvalidPathException("", "the root holds a tree, not a value");
      }
      root = new Dir(node == null ? Tree.empty() : (Tree) node);
      return this;
    }
    Dir dir = root != null ? root : new Dir(base);
    Dir top = dir;
    for (int i = 0; i < path.size() - 1; i++) {
      String segment = path.segment(i);
      Object child = dir.entries.get(segment);
      if (child instanceof Dir) {
        dir = (Dir) child;
        continue;
      }
      if (node == null && !(child instanceof Tree)) {
        return this; // nothing below a value or an absent entry to remove
      }
      Dir next = new Dir(child instanceof Tree ? (Tree) child : Tree.empty());
      dir.entries.put(segment, next);
      dir.changed.add(segment);
      dir = next;
    }
    String name = path.name();
    Object before = dir.entries.get(name);
    if (node == null ? before == null : (before instanceof Leaf && before.equals(node))) {
      if (root == null) {
        return this; // a no-op first edit leaves the base untouched
      }
    }
    if (node == null) {
      dir.entries.remove(name);
    } else {
      dir.entries.put(name, node);
    }
    dir.changed.add(name);
    root = top;
    return this;
  }

  /** The edited tree; the base itself when no edit changed anything. Ends the editing. */
  public Tree build() {
    if (result == null) {
      result = root == null ? base : freeze(root);
      root = null;
    }
    return result;
  }

  /** Turns a dir into a tree, in place (linear: the sorted map is reused, not rebuilt). */
  @SuppressWarnings("unchecked")
  private static Tree freeze(Dir dir) {
    for (String name : dir.changed) { // dirs are only ever put at changed names
      Object value = dir.entries.get(name);
      if (value instanceof Dir) {
        Tree edited = freeze((Dir) value);
        if (edited.isEmpty()) {
          dir.entries.remove(name);
        } else {
          dir.entries.put(name, edited);
        }
      } // a node is never an empty tree: put() turns those into removals
    }
    Object nodes = dir.entries; // now holds only nodes
    return Tree.built((TreeMap<String, Node>) nodes, dir.from, dir.changed);
  }
}
