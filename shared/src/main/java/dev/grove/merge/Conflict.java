package dev.grove.merge;

import dev.grove.path.Path;

/**
 * A path the merge could not resolve, and why.
 *
 * @param path the value (or subtree) in conflict
 * @param reason a sentence a person can read, e.g. "changed on both sides"
 */
public record Conflict(Path path, String reason) {
  @Override
  public String toString() {
    return path + ": " + reason;
  }
}
