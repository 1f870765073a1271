package dev.grove.store;

/** What {@link Repository#fastForward} did. */
public enum FastForward {
  /** The branch moved forward to the target (or was created at it). */
  MOVED,
  /** The branch already contained the target: nothing changed. */
  UP_TO_DATE,
  /** The target does not descend from the branch head: nothing changed. */
  NOT_FAST_FORWARD
}
