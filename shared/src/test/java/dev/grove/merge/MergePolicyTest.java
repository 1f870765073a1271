package dev.grove.merge;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.grove.path.InvalidPathException;
import dev.grove.path.Path;
import org.junit.jupiter.api.Test;

class MergePolicyTest {
  private static final MergeFunction DEFAULT = MergeFunctions.defaultFunction();
  private static final MergeFunction JSON = MergeFunctions.json();
  private static final MergeFunction COUNTER = MergeFunctions.counter();
  private static final MergeFunction LWW = MergeFunctions.lastWriterWins();

  private static MergeFunction at(MergePolicy policy, String path) {
    return policy.functionFor(Path.parse(path));
  }

  @Test
  void defaultsUseTheDefaultFunctionEverywhere() {
    assertSame(DEFAULT, at(MergePolicy.defaults(), "a"));
    assertSame(DEFAULT, at(MergePolicy.defaults(), "a/b/c"));
  }

  @Test
  void aPrefixCoversItselfAndEverythingUnderItByWholeSegments() {
    MergePolicy policy = MergePolicy.defaults().with(Path.parse("notes"), JSON);
    assertSame(JSON, at(policy, "notes"));
    assertSame(JSON, at(policy, "notes/a"));
    assertSame(JSON, at(policy, "notes/a/b"));
    assertSame(DEFAULT, at(policy, "notes2/a"));
    assertSame(DEFAULT, at(policy, "other"));
  }

  @Test
  void theLongestMatchingPrefixWins() {
    MergePolicy policy = MergePolicy.defaults()
        .with("a/b", JSON)
        .with(Path.ROOT, LWW)
        .with("a", COUNTER);
    assertSame(JSON, at(policy, "a/b/c"));
    assertSame(JSON, at(policy, "a/b"));
    assertSame(COUNTER, at(policy, "a/x"));
    assertSame(COUNTER, at(policy, "a"));
    assertSame(LWW, at(policy, "z"));
    assertSame(LWW, at(policy, "b/a/b"));
  }

  @Test
  void withReturnsANewPolicyAndReplacesTheSamePrefix() {
    MergePolicy first = MergePolicy.defaults().with("c", COUNTER);
    MergePolicy second = first.with("c", LWW);
    assertSame(COUNTER, at(first, "c/1"));
    assertSame(LWW, at(second, "c/1"));
    assertSame(DEFAULT, at(MergePolicy.defaults(), "c/1"));
  }

  @Test
  void rejectsBadArguments() {
    assertThrows(NullPointerException.class, () -> MergePolicy.defaults().with((Path) null, JSON));
    assertThrows(NullPointerException.class, () -> MergePolicy.defaults().with("a", null));
    assertThrows(InvalidPathException.class, () -> MergePolicy.defaults().with("a//b", JSON));
  }
}
