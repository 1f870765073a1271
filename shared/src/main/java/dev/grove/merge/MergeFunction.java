package dev.grove.merge;

/**
 * Merges the three versions of one value. Registered for a path prefix in a {@link MergePolicy}.
 *
 * <p>The tree merge calls it only when both sides changed the value differently: {@code ours}
 * and {@code theirs} differ, and neither equals {@code base}. Any of the three may be absent
 * (null): absent in the base means added on both sides, absent on one side means deleted there.
 * A function must be deterministic and should be symmetric (swapping ours and theirs gives the
 * same value), so that replicas merging in either direction agree. It never throws for a
 * conflict: it returns {@link ValueMerge#conflict}.
 */
@FunctionalInterface
public interface MergeFunction {
  ValueMerge merge(MergeInput input);
}
