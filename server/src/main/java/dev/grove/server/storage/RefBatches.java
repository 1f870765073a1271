package dev.grove.server.storage;

import dev.grove.backend.BatchResult;
import dev.grove.backend.RefOutcome;
import dev.grove.backend.RefUpdate;
import dev.grove.backend.Watchers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The ref half of a non-atomic batch, shared by the file backends: each update on its own, in
 * order of branch name (a fixed order, so two batches never wait on each other's locks in
 * opposite orders), then the watchers told, outside any lock.
 */
public final class RefBatches {
  private RefBatches() {}

  /** One compare-and-set under the branch's lock; it enqueues an applied change on the watchers. */
  @FunctionalInterface
  public interface CompareAndSet {
    RefOutcome apply(RefUpdate update, Watchers watchers);
  }

  /** Applies {@code updates} one by one in name order; outcomes come back in the batch's order. */
  public static BatchResult apply(List<RefUpdate> updates, CompareAndSet step, Watchers watchers) {
    List<Integer> byName = new ArrayList<>();
    for (int i = 0; i < updates.size(); i++) {
      byName.add(i);
    }
    byName.sort(Comparator.comparing(i -> updates.get(i).branch()));
    RefOutcome[] outcomes = new RefOutcome[updates.size()];
    try {
      for (int i : byName) {
        outcomes[i] = step.apply(updates.get(i), watchers);
      }
    } finally {
      watchers.drain(); // after each applied change is durable, outside any lock
    }
    return new BatchResult(List.of(outcomes));
  }
}
