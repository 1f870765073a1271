package dev.grove.merge;

import java.util.Arrays;

/**
 * The merge functions Grove provides. Each one is deterministic, symmetric (swapping ours and
 * theirs, with their times, gives the same bytes, so replicas merging in either direction
 * agree), never throws, and first applies the trivial rules: equal sides give that value, and
 * a side equal to the base gives the other side.
 */
public final class MergeFunctions {
  private static final MergeFunction DEFAULT = MergeFunctions::mergeDefault;
  private static final MergeFunction JSON = JsonMerge::merge;
  private static final MergeFunction COUNTER = new MergeFunction() {
    @Override
    public ValueMerge merge(MergeInput input) {
      return CounterMerge.merge(input);
    }

    @Override
    public boolean mergesEqualSides() {
      return true;
    }
  };
  private static final MergeFunction LAST_WRITER_WINS = MergeFunctions::mergeLastWriterWins;

  private MergeFunctions() {}

  /**
   * Conflicts whenever both sides changed the value differently, with a reason: "changed on
   * both sides", "deleted on one side, changed on the other" or "added on both sides with
   * different values".
   */
  public static MergeFunction defaultFunction() {
    return DEFAULT;
  }

  /**
   * Merges UTF-8 JSON objects field by field, recursively; an absent base counts as
   * {@code {}}. Per field: equal sides, or one side equal to the base, decide; when both sides
   * changed a field to objects (and the base has an object or nothing there) the objects are
   * merged in turn; otherwise the field conflicts, and the reason names its dotted path (such
   * as {@code field "a.b" changed on both sides}). A field removed on one side and unchanged
   * on the other is removed. Values compare structurally, numbers by their exact text.
   *
   * <p>The result is compact JSON. Its fields follow one side's order, then the fields only
   * the other side added, in that side's order; the first side is the one whose bytes compare
   * smaller, so the result does not depend on which side is "ours". A deletion on either side,
   * or a side (or base) that is not a JSON object, is a conflict.
   */
  public static MergeFunction json() {
    return JSON;
  }

  /**
   * Merges counters: values are ASCII decimal integers that fit in 64 bits (optional leading
   * {@code -}, surrounding spaces, tabs and newlines ignored); an absent base counts as 0. The
   * result is {@code ours + theirs - base}, written in decimal without whitespace. A deletion
   * on either side, a value that is not such an integer, or an overflow is a conflict.
   */
  public static MergeFunction counter() {
    return COUNTER;
  }

  /**
   * The side with the later commit time wins; on equal times the side whose bytes compare
   * greater (unsigned, lexicographically; a deletion is smallest) wins. A deletion can win,
   * removing the key. Never conflicts.
   */
  public static MergeFunction lastWriterWins() {
    return LAST_WRITER_WINS;
  }

  private static ValueMerge mergeDefault(MergeInput in) {
    ValueMerge trivial = trivial(in);
    if (trivial != null) {
      return trivial;
    }
    return ValueMerge.conflict(bothChanged(in.base(), in.ours(), in.theirs()));
  }

  private static ValueMerge mergeLastWriterWins(MergeInput in) {
    ValueMerge trivial = trivial(in);
    if (trivial != null) {
      return trivial;
    }
    boolean oursWins = in.oursTime() != in.theirsTime()
        ? in.oursTime() > in.theirsTime()
        : compareUnsigned(in.ours(), in.theirs()) > 0;
    return ValueMerge.resolved(oursWins ? in.ours() : in.theirs());
  }

  /** The merge when the sides are equal or one side is unchanged; null when both changed. */
  static ValueMerge trivial(MergeInput in) {
    if (Arrays.equals(in.ours(), in.theirs()) || Arrays.equals(in.theirs(), in.base())) {
      return ValueMerge.resolved(in.ours());
    }
    if (Arrays.equals(in.ours(), in.base())) {
      return ValueMerge.resolved(in.theirs());
    }
    return null;
  }

  /**
   * Why three versions conflict when both sides changed differently; null stands for absent.
   */
  static String bothChanged(Object base, Object ours, Object theirs) {
    if (base == null) {
      return "added on both sides with different values";
    }
    if (ours == null || theirs == null) {
      return "deleted on one side, changed on the other";
    }
    return "changed on both sides";
  }

  /** Unsigned lexicographic order of byte strings, null (absent) before everything. */
  static int compareUnsigned(byte[] a, byte[] b) {
    if (a == null || b == null) {
      return a == b ? 0 : a == null ? -1 : 1;
    }
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      int c = (a[i] & 0xff) - (b[i] & 0xff);
      if (c != 0) {
        return c;
      }
    }
    return a.length - b.length;
  }
}
