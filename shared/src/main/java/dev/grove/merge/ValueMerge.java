package dev.grove.merge;

/**
 * What a {@link MergeFunction} decided: a merged value (null: the value is removed), or a
 * conflict with a reason a person can read.
 */
public final class ValueMerge {
  private final byte[] value;
  private final String conflict;

  private ValueMerge(byte[] value, String conflict) {
    this.value = value;
    this.conflict = conflict;
  }

  /** The merged value; null means the key is removed. */
  public static ValueMerge resolved(byte[] value) {
    return new ValueMerge(value, null);
  }

  public static ValueMerge conflict(String reason) {
    if (reason == null || reason.isEmpty()) {
      throw new IllegalArgumentException("a conflict needs a reason");
    }
    return new ValueMerge(null, reason);
  }

  public boolean isConflict() {
    return conflict != null;
  }

  /** The merged value (null: removed). Only for a resolved merge. */
  public byte[] value() {
    if (conflict != null) {
      throw new IllegalStateException("a conflict has no value: " + conflict);
    }
    return value;
  }

  /** Why it conflicts. Only for a conflict. */
  public String reason() {
    if (conflict == null) {
      throw new IllegalStateException("not a conflict");
    }
    return conflict;
  }
}
