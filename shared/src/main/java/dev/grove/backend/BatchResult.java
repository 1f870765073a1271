package dev.grove.backend;

import java.util.List;

/** The outcome of each ref update of a {@link WriteBatch}, in the batch's order. */
public record BatchResult(List<RefOutcome> outcomes) {
  public BatchResult {
    outcomes = List.copyOf(outcomes);
  }

  /** Whether every update succeeded. */
  public boolean succeeded() {
    for (RefOutcome outcome : outcomes) {
      if (!outcome.succeeded()) {
        return false;
      }
    }
    return true;
  }

  /** The outcome of the only update; for one-update batches. */
  public RefOutcome single() {
    if (outcomes.size() != 1) {
      throw new IllegalStateException("batch had " + outcomes.size() + " ref updates");
    }
    return outcomes.get(0);
  }
}
