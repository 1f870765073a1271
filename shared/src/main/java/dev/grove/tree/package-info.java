/** Immutable, lazily loaded trees of values, and the diff between two of them. */
package dev.grove.tree;
