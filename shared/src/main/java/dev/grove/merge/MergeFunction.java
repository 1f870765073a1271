package dev.grove.merge;

/**
 * Merges the three versions of one value. Registered for a path prefix in a {@link MergePolicy}.
 *
 * <p>The tree merge calls it only when both sides changed the value: neither {@code ours} nor
 * {@code theirs} equals {@code base}, and (unless {@link #mergesEqualSides()}) they differ. Any of the three may be absent
 * (null): absent in the base means added on both sides, absent on one side means deleted there.
 * A function must be deterministic and should be symmetric (swapping ours and theirs gives the
 * same value), so that replicas merging in either direction agree. It never throws for a
 * conflict: it returns {@link ValueMerge#conflict}.
 */
@FunctionalInterface
public interface MergeFunction {
  ValueMerge merge(MergeInput input);

  /**
   * Whether two sides that changed a value to the same bytes still need merging: true for a
   * counter (5 → 6 on both sides is two increments: 7), false (the default) when equal sides
   * simply agree. When true, the tree merge calls {@link #merge} for such values too.
   */
  default boolean mergesEqualSides() {
    return false;
  }
}
