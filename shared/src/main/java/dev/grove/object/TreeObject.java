package dev.grove.object;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A Git tree object: entries in Git's order ({@link TreeEntry#gitOrder}), names unique.
 * Immutable.
 */
public final class TreeObject {
  private final List<TreeEntry> entries;

  private TreeObject(List<TreeEntry> entries) {
    this.entries = entries;
  }

  /**
   * A tree of {@code entries} in any order; sorts them into Git's order.
   *
   * @throws IllegalArgumentException when two entries have the same name (even a value and a
   *     subtree, which Git's order does not place side by side)
   */
  public static TreeObject of(List<TreeEntry> entries) {
    Set<String> names = new HashSet<>();
    for (TreeEntry entry : entries) {
      if (!names.add(entry.name())) {
        throw new IllegalArgumentException("duplicate tree entry '" + entry.name() + "'");
      }
    }
    List<TreeEntry> sorted = new ArrayList<>(entries);
    sorted.sort(TreeEntry::gitOrder);
    return new TreeObject(Collections.unmodifiableList(sorted));
  }

  /** A tree of {@code entries} already in Git's order without duplicate names, as decoding checks. */
  static TreeObject ofOrdered(List<TreeEntry> entries) {
    return new TreeObject(Collections.unmodifiableList(entries));
  }

  /** The entries in Git's order. */
  public List<TreeEntry> entries() {
    return entries;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }
}
