package dev.grove.store;

/** What a write does when its branch moved between reading the head and committing. */
public enum Strategy {
  /** Re-apply the same changes on the new head: last writer wins per key. */
  SET,
  /** Fail with a conflict if any key the transaction read or wrote changed meanwhile. */
  TEST_AND_SET,
  /** Three-way merge the transaction's tree with the new head, from the head it started on. */
  MERGE
}
