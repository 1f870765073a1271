package dev.grove.tree;

import dev.grove.path.Path;

/**
 * One difference between two trees, at a value's path.
 *
 * @param path the value's path
 * @param kind added, removed or changed
 * @param before the value before (null when added)
 * @param after the value after (null when removed)
 */
public record Change(Path path, Kind kind, Leaf before, Leaf after) {
  /** What happened to the value. */
  public enum Kind { ADDED, REMOVED, CHANGED }

  @Override
  public String toString() {
    return kind.name().toLowerCase() + " " + path;
  }
}
