package dev.grove.object;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

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
   * @throws IllegalArgumentException when two entries have the same name
   */
  public static TreeObject of(List<TreeEntry> entries) {
    List<TreeEntry> sorted = new ArrayList<>(entries);
    sorted.sort(TreeEntry::gitOrder);
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).name().equals(sorted.get(i - 1).name())) {
        throw new IllegalArgumentException("duplicate tree entry '" + sorted.get(i).name() + "'");
      }
    }
    return new TreeObject(Collections.unmodifiableList(sorted));
  }

  /** The entries in Git's order. */
  public List<TreeEntry> entries() {
    return entries;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }
}
