package dev.grove.tree;

import dev.grove.hash.ObjectId;

/** An entry of a {@link Tree}: a value ({@link Leaf}) or a subtree ({@link Tree}). Immutable. */
public sealed interface Node permits Leaf, Tree {
  /** The id of the node's Git object (computed, for a node built in memory). */
  ObjectId id();
}
