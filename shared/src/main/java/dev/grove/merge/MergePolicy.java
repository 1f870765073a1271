package dev.grove.merge;

import dev.grove.path.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which {@link MergeFunction} merges the value at each path: an immutable map from path
 * prefixes to functions.
 *
 * <p>{@link #functionFor} answers the function registered for the longest prefix the path
 * {@linkplain Path#startsWith starts with} (a prefix equal to the path counts; a function
 * registered for {@link Path#ROOT} covers every path), and
 * {@link MergeFunctions#defaultFunction()} when no prefix matches. Prefixes match whole
 * segments: {@code notes} covers {@code notes/a} but not {@code notes2/a}.
 *
 * <p>Immutable and thread-safe: {@link #with} returns a new policy and leaves this one as it
 * was, so one policy can be shared by every branch and merge.
 */
public final class MergePolicy {
  private static final MergePolicy DEFAULTS = new MergePolicy(new HashMap<>());

  private final Map<Path, MergeFunction> byPrefix;

  private MergePolicy(Map<Path, MergeFunction> byPrefix) {
    this.byPrefix = byPrefix;
  }

  /** The policy with no prefixes registered: every path uses the default function. */
  public static MergePolicy defaults() {
    return DEFAULTS;
  }

  /**
   * This policy with {@code function} registered for {@code prefix} and everything under it,
   * replacing any function registered for exactly that prefix.
   */
  public MergePolicy with(Path prefix, MergeFunction function) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(function, "function");
    Map<Path, MergeFunction> copy = new HashMap<>(byPrefix);
    copy.put(prefix, function);
    return new MergePolicy(copy);
  }

  /**
   * {@link #with(Path, MergeFunction)} with the prefix written {@code a/b} ({@code ""} is the
   * root).
   *
   * @throws dev.grove.path.InvalidPathException when the prefix is not a valid path
   */
  public MergePolicy with(String prefix, MergeFunction function) {
    return with(Path.parse(prefix), function);
  }

  /**
   * Whether some value at or below {@code path} is merged by a function that
   * {@linkplain MergeFunction#mergesEqualSides() merges equal sides}, so that a subtree changed
   * identically on both sides must still be merged value by value.
   */
  public boolean mergesEqualSidesAt(Path path) {
    if (functionFor(path).mergesEqualSides()) {
      return true;
    }
    for (Map.Entry<Path, MergeFunction> entry : byPrefix.entrySet()) {
      if (entry.getKey().startsWith(path) && entry.getValue().mergesEqualSides()) {
        return true;
      }
    }
    return false;
  }

  /** The function for the value at {@code path}: that of the longest matching prefix. */
  public MergeFunction functionFor(Path path) {
    for (Path prefix = path; ; prefix = prefix.parent()) {
      MergeFunction function = byPrefix.get(prefix);
      if (function != null) {
        return function;
      }
      if (prefix.isRoot()) {
        return MergeFunctions.defaultFunction();
      }
    }
  }
}
