package dev.grove.merge;

import dev.grove.Utf8;
import dev.grove.Utf8Text;
import dev.grove.json.Json;
import java.util.Arrays;

/** {@link MergeFunctions#counter()}: ours + theirs - base over 64-bit decimal integers. */
final class CounterMerge {
  private CounterMerge() {}

  static ValueMerge merge(MergeInput in) {
    // Equal sides are two equal increments, not one agreed value: only an unchanged side is trivial.
    if (Arrays.equals(in.ours(), in.base())) {
      return ValueMerge.resolved(in.theirs());
    }
    if (Arrays.equals(in.theirs(), in.base())) {
      return ValueMerge.resolved(in.ours());
    }
    if (in.ours() == null && in.theirs() == null) {
      return ValueMerge.resolved(null); // deleted on both sides
    }
    if (in.ours() == null || in.theirs() == null) {
      return ValueMerge.conflict(MergeFunctions.bothChanged(in.base(), in.ours(), in.theirs()));
    }
    Long base = in.base() == null ? Long.valueOf(0) : parse(in.base());
    Long ours = parse(in.ours());
    Long theirs = parse(in.theirs());
    if (base == null || ours == null || theirs == null) {
      byte[] bad = base == null ? in.base() : ours == null ? in.ours() : in.theirs();
      String side = base == null ? "the base" : ours == null ? "our value" : "their value";
      return ValueMerge.conflict(side + " is not a 64-bit decimal integer: " + preview(bad));
    }
    Long sum = sum(ours, theirs, base);
    if (sum == null) {
      return ValueMerge.conflict("the merged counter overflows 64 bits");
    }
    return ValueMerge.resolved(Utf8.encode(Long.toString(sum)));
  }

  /**
   * {@code a + b - c}, or null when it does not fit in a long. When it fits, one of the three
   * orders of evaluation has no overflowing step.
   */
  private static Long sum(long a, long b, long c) {
    if (!subtractOverflows(a, c) && !addOverflows(a - c, b)) {
      return a - c + b;
    }
    if (!subtractOverflows(b, c) && !addOverflows(b - c, a)) {
      return b - c + a;
    }
    if (!addOverflows(a, b) && !subtractOverflows(a + b, c)) {
      return a + b - c;
    }
    return null;
  }

  private static boolean addOverflows(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0;
  }

  private static boolean subtractOverflows(long a, long b) {
    long r = a - b;
    return ((a ^ b) & (a ^ r)) < 0;
  }

  /** The integer the bytes spell, or null when they are not a decimal integer in range. */
  static Long parse(byte[] bytes) {
    int start = 0;
    int end = bytes.length;
    while (start < end && isSpace(bytes[start])) {
      start++;
    }
    while (end > start && isSpace(bytes[end - 1])) {
      end--;
    }
    boolean negative = start < end && bytes[start] == '-';
    if (negative) {
      start++;
    }
    if (start == end) {
      return null;
    }
    long value = 0; // accumulated as a negative number, to reach Long.MIN_VALUE
    for (int i = start; i < end; i++) {
      int digit = bytes[i] - '0';
      if (digit < 0 || digit > 9 || value < Long.MIN_VALUE / 10) {
        return null;
      }
      value *= 10;
      if (value < Long.MIN_VALUE + digit) {
        return null;
      }
      value -= digit;
    }
    if (!negative && value == Long.MIN_VALUE) {
      return null;
    }
    return negative ? value : -value;
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }

  /** The start of a value, quoted, for a conflict reason. */
  private static String preview(byte[] bytes) {
    String text = Utf8Text.decode(bytes);
    return text.length() <= 40 ? Json.write(text) : Json.write(text.substring(0, 40)) + "...";
  }
}
