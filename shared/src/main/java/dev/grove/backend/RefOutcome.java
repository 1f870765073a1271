package dev.grove.backend;

/**
 * What a compare-and-set did. Callers must treat a value they do not know as a failure.
 */
public enum RefOutcome {
  /** The branch did not exist and now points to the new head. */
  CREATED,
  /** The branch pointed to the expected head and now points to the new head. */
  UPDATED,
  /** The branch existed as expected and is now deleted. */
  DELETED,
  /** Expected and next were equal, and the branch had that value: nothing changed. */
  NO_CHANGE,
  /** The branch's current value was not the expected one: nothing changed. */
  CAS_FAILED,
  /** The new head is not a stored object: nothing changed (closure invariant). */
  MISSING_OBJECTS,
  /** Not applied because another update of the same atomic batch failed. */
  ABORTED;

  /** Whether the branch now has the requested value. */
  public boolean succeeded() {
    return this == CREATED || this == UPDATED || this == DELETED || this == NO_CHANGE;
  }
}
