package dev.grove.store;

/**
 * The body of a transaction: reads and edits the {@link Draft}, returns a value. It runs once;
 * on a lost race the recorded edits are re-applied (or tested, or merged), not the body.
 */
@FunctionalInterface
public interface TransactionBody<T> {
  T apply(Draft draft);
}
