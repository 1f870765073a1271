package dev.grove.backend;

/**
 * Where a store keeps its objects and branches: an {@link ObjectStore} plus a {@link RefStore},
 * and one way to change them together, {@link #write}. Backends are deliberately dumb: policy
 * (fast-forward checks, retries, merging, validation) lives in the core.
 *
 * <h2>The closure invariant</h2>
 *
 * Once a ref points to a commit, every object reachable from that commit is readable, after
 * any crash. {@link #write} keeps it: objects first, then refs, and a ref update whose new head
 * is not stored fails with {@link RefOutcome#MISSING_OBJECTS}.
 */
public interface Backend extends AutoCloseable {

  ObjectStore objects();

  RefStore refs();

  /**
   * Applies a batch: stores every object, then performs each compare-and-set.
   *
   * <ul>
   *   <li>Objects first: no ref update is applied before every object of the batch is durable.
   *   <li>Each update compares the branch's current value with {@code expected}; on mismatch it
   *       is {@link RefOutcome#CAS_FAILED} and the branch is untouched.
   *   <li>An update to a new head that is not stored (in the batch or before) is
   *       {@link RefOutcome#MISSING_OBJECTS} and the branch is untouched.
   *   <li>With {@link Capabilities#atomicMultiRefBatch()}, the updates apply all or nothing:
   *       when one fails, the others report {@link RefOutcome#ABORTED} (or their own failure)
   *       and nothing changes. Without it, they apply in order of branch name, each on its own.
   *   <li>Watchers are told of each applied change after it is durable.
   * </ul>
   *
   * A lost race is an outcome, not an exception.
   *
   * @throws BackendException on a fault; then no ref was changed by this batch unless the
   *     backend is not atomic across refs, in which case the updates that completed before the
   *     fault stay (each of them complete)
   */
  BatchResult write(WriteBatch batch);

  Capabilities capabilities();

  /** Releases resources. Further calls may fail with a {@link BackendException}. */
  @Override
  void close();
}
