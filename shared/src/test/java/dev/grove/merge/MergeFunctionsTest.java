package dev.grove.merge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.path.Path;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MergeFunctionsTest {
  private static final Path KEY = Path.parse("k");

  // ---- helpers: every merge is run both ways round and must give the same answer ----

  private static byte[] bytes(String text) {
    return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
  }

  private static ValueMerge merge(MergeFunction f, byte[] base, byte[] ours, byte[] theirs,
      long oursTime, long theirsTime) {
    ValueMerge one = f.merge(new MergeInput(KEY, base, ours, theirs, oursTime, theirsTime));
    ValueMerge other = f.merge(new MergeInput(KEY, base, theirs, ours, theirsTime, oursTime));
    assertEquals(one.isConflict(), other.isConflict(), "symmetric outcome");
    if (!one.isConflict()) {
      assertArrayEquals(one.value(), other.value(), "symmetric value");
    }
    return one;
  }

  private static ValueMerge merge(MergeFunction f, String base, String ours, String theirs) {
    return merge(f, bytes(base), bytes(ours), bytes(theirs), 0, 0);
  }

  private static void assertResolved(String expected, ValueMerge result) {
    assertFalse(result.isConflict(), () -> "unexpected conflict: " + result.reason());
    assertEquals(expected, result.value() == null ? null
        : new String(result.value(), StandardCharsets.UTF_8));
  }

  private static void assertConflict(String reasonPart, ValueMerge result) {
    assertTrue(result.isConflict(), "expected a conflict");
    assertTrue(result.reason().contains(reasonPart), result.reason());
  }

  // ---- trivial rules, shared by all four ----

  @Test
  void everyFunctionTakesTheChangedSideWhenTheOtherIsUnchanged() {
    MergeFunction[] all = {MergeFunctions.defaultFunction(), MergeFunctions.json(),
        MergeFunctions.counter(), MergeFunctions.lastWriterWins()};
    for (MergeFunction f : all) {
      assertResolved("2", merge(f, "1", "1", "2"));
      if (!f.mergesEqualSides()) {
        assertResolved("2", merge(f, "1", "2", "2"));
      }
      assertResolved(null, merge(f, "1", null, "1"));
      assertResolved(null, merge(f, "1", null, null));
      assertResolved("7", merge(f, null, "7", null));
    }
  }

  @Test
  void counterAddsEqualIncrementsOfBothSides() {
    assertTrue(MergeFunctions.counter().mergesEqualSides());
    assertResolved("7", merge(MergeFunctions.counter(), "5", "6", "6"));
    assertResolved(null, merge(MergeFunctions.counter(), "5", null, null));
  }

  // ---- default ----

  @Test
  void defaultConflictsWhenBothChanged() {
    MergeFunction f = MergeFunctions.defaultFunction();
    assertConflict("changed on both sides", merge(f, "a", "b", "c"));
    assertConflict("deleted on one side, changed on the other", merge(f, "a", null, "c"));
    assertConflict("added on both sides with different values", merge(f, null, "b", "c"));
  }

  // ---- json ----

  @Test
  void jsonMergesDisjointFieldChanges() {
    assertResolved("{\"a\":10,\"b\":20,\"c\":3}", merge(MergeFunctions.json(),
        "{\"a\":1,\"b\":2}", "{\"a\":10,\"b\":2}", "{\"a\":1,\"b\":20,\"c\":3}"));
  }

  @Test
  void jsonMergesNestedObjectsRecursively() {
    MergeFunction f = MergeFunctions.json();
    // Their bytes sort first ({"n":{"x":1 < {"n":{"x":2), so their field order leads.
    assertResolved("{\"n\":{\"x\":2,\"y\":2,\"m\":{\"q\":2,\"p\":1}},\"t\":\"keep\"}",
        merge(f, "{\"n\":{\"x\":1,\"y\":1,\"m\":{}},\"t\":\"keep\"}",
            "{\"n\":{\"x\":2,\"y\":1,\"m\":{\"p\":1}},\"t\":\"keep\"}",
            "{\"n\":{\"x\":1,\"y\":2,\"m\":{\"q\":2}},\"t\":\"keep\"}"));
  }

  @Test
  void jsonNamesTheConflictingFieldPath() {
    MergeFunction f = MergeFunctions.json();
    ValueMerge nested = merge(f, "{\"n\":{\"x\":1},\"ok\":1}", "{\"n\":{\"x\":2},\"ok\":1}",
        "{\"n\":{\"x\":3},\"ok\":2}");
    assertConflict("field \"n.x\" changed on both sides", nested);
    assertFalse(nested.reason().contains("ok"), nested.reason());
    assertConflict("field \"a\" deleted on one side, changed on the other",
        merge(f, "{\"a\":1,\"b\":1}", "{\"b\":2}", "{\"a\":5,\"b\":1}"));
    assertConflict("field \"a\" added on both sides with different values",
        merge(f, "{}", "{\"a\":1}", "{\"a\":2}"));
    ValueMerge two = merge(f, "{}", "{\"a\":1,\"b\":[1]}", "{\"a\":2,\"b\":[2]}");
    assertConflict("field \"a\"", two);
    assertConflict("field \"b\"", two);
  }

  @Test
  void jsonRemovesAFieldRemovedOnOneSideAndUnchangedOnTheOther() {
    assertResolved("{\"a\":5}", merge(MergeFunctions.json(),
        "{\"a\":1,\"b\":2}", "{\"a\":1}", "{\"a\":5,\"b\":2}"));
    assertResolved("{\"c\":3}", merge(MergeFunctions.json(),
        "{\"a\":1,\"b\":2}", "{\"b\":2}", "{\"a\":1,\"c\":3}"));
  }

  @Test
  void jsonTreatsAnAbsentBaseAsAnEmptyObject() {
    MergeFunction f = MergeFunctions.json();
    assertResolved("{\"a\":1,\"b\":2}", merge(f, null, "{\"a\":1}", "{\"b\":2}"));
    assertResolved("{\"o\":{\"x\":1,\"y\":2}}", merge(f, null, "{\"o\":{\"x\":1}}", "{\"o\":{\"y\":2}}"));
  }

  @Test
  void jsonKeepsOneSidesOrderThenTheOtherSidesAdditions() {
    // {"x":1} sorts before {"z":1,...}, so its fields come first whichever side it is on.
    assertResolved("{\"x\":1,\"z\":1,\"y\":1}",
        merge(MergeFunctions.json(), null, "{\"z\":1,\"y\":1}", "{\"x\":1}"));
  }

  @Test
  void jsonKeepsNumberTextAndNullsAndComparesNumbersByText() {
    MergeFunction f = MergeFunctions.json();
    assertResolved("{\"p\":2.50e0,\"q\":2,\"z\":null}", merge(f,
        "{\"p\":1.50,\"q\":1,\"z\":0}", "{\"p\":1.50,\"q\":2,\"z\":null}", "{\"p\":2.50e0,\"q\":1,\"z\":0}"));
    assertConflict("field \"a\" changed on both sides",
        merge(f, "{\"a\":0}", "{\"a\":1.0}", "{\"a\":1}"));
  }

  @Test
  void jsonComparesStructurallyNotByBytes() {
    // Our bytes sort first ("{ " < "{\""), so our field order leads.
    assertResolved("{\"b\":{\"c\":[1,2]},\"a\":1}", merge(MergeFunctions.json(),
        "{\"a\":0,\"b\":{\"c\":[1,2]}}",
        "{ \"b\" : { \"c\" : [1, 2] },\n  \"a\" : 0 }",
        "{\"a\":1,\"b\":{\"c\":[1,2]}}"));
  }

  @Test
  void jsonConflictsOnArraysAndScalarsChangedOnBothSides() {
    MergeFunction f = MergeFunctions.json();
    assertConflict("field \"l\" changed on both sides",
        merge(f, "{\"l\":[1]}", "{\"l\":[1,2]}", "{\"l\":[1,3]}"));
    assertConflict("field \"o\" changed on both sides",
        merge(f, "{\"o\":\"s\"}", "{\"o\":{\"a\":1}}", "{\"o\":{\"b\":1}}"));
  }

  @Test
  void jsonConflictsOnDeletionAndOnValuesThatAreNotObjects() {
    MergeFunction f = MergeFunctions.json();
    assertConflict("deleted on one side", merge(f, "{\"a\":1}", null, "{\"a\":2}"));
    assertConflict("not a JSON object", merge(f, "{}", "[1]", "{\"a\":1}"));
    assertConflict("not a JSON object", merge(f, "[]", "{\"b\":1}", "{\"a\":1}"));
    assertConflict("not valid JSON", merge(f, "{}", "{\"a\":", "{\"a\":1}"));
    assertConflict("duplicate key", merge(f, "{}", "{\"a\":1,\"a\":2}", "{\"a\":1}"));
    assertConflict("invalid UTF-8",
        merge(f, bytes("{}"), new byte[] {'{', '"', (byte) 0xff, '"', ':', '1', '}'}, bytes("{}1"), 0, 0));
  }

  // ---- counter ----

  @Test
  void counterAddsBothDeltas() {
    MergeFunction f = MergeFunctions.counter();
    assertResolved("17", merge(f, "10", "15", "12"));
    assertResolved("7", merge(f, null, "3", "4"));
    assertResolved("-2", merge(f, "0", "-5", "3"));
    assertResolved("17", merge(f, " 10\n", "15\n", "\t12 "));
    assertResolved("0", merge(f, "7", "-0", "007"));
  }

  @Test
  void counterUsesTheFull64BitRange() {
    MergeFunction f = MergeFunctions.counter();
    assertResolved("9223372036854775803", merge(f, "-1", "9223372036854775807", "-5"));
    assertResolved("-9223372036854775808", merge(f, "0", "-9223372036854775807", "-1"));
    assertConflict("overflows", merge(f, "0", "9223372036854775807", "1"));
    assertConflict("overflows", merge(f, "5", "-9223372036854775808", "0"));
  }

  @Test
  void counterConflictsOnDeletionAndOnNonIntegers() {
    MergeFunction f = MergeFunctions.counter();
    assertConflict("deleted on one side", merge(f, "1", null, "2"));
    assertConflict("deleted on one side", merge(f, "1", "3", null));
    String[] bad = {"abc", "1.5", "+1", "", " ", "1 2", "--1", "\u0661", "9223372036854775808",
        "1e3"};
    for (String value : bad) {
      assertConflict("their value is not a 64-bit decimal integer",
          f.merge(new MergeInput(KEY, bytes("1"), bytes("2"), bytes(value), 0, 0)));
    }
    assertConflict("the base is not a 64-bit decimal integer: \"x\"", merge(f, "x", "1", "2"));
  }

  // ---- last writer wins ----

  @Test
  void lastWriterWinsTakesTheLaterCommit() {
    MergeFunction f = MergeFunctions.lastWriterWins();
    assertResolved("new", merge(f, bytes("base"), bytes("new"), bytes("old"), 200, 100));
    assertResolved(null, merge(f, bytes("base"), null, bytes("old"), 300, 100));
    assertResolved("b", merge(f, null, bytes("a"), bytes("b"), 100, 101));
  }

  @Test
  void lastWriterWinsBreaksTiesByGreaterBytes() {
    MergeFunction f = MergeFunctions.lastWriterWins();
    assertResolved("b", merge(f, "base", "a", "b"));
    assertResolved("ab", merge(f, "base", "ab", "a"));
    assertResolved("x", merge(f, "base", null, "x"));
    ValueMerge unsigned = merge(f, new byte[] {0}, new byte[] {(byte) 0xff}, new byte[] {1}, 5, 5);
    assertArrayEquals(new byte[] {(byte) 0xff}, unsigned.value());
  }

  @Test
  void lastWriterWinsIgnoresTheTimeOfAnUnchangedSide() {
    assertResolved("t", merge(MergeFunctions.lastWriterWins(),
        bytes("o"), bytes("o"), bytes("t"), 999, 1));
  }

  // ---- robustness ----

  @Test
  void noFunctionThrowsOnAnyInput() {
    MergeFunction[] all = {MergeFunctions.defaultFunction(), MergeFunctions.json(),
        MergeFunctions.counter(), MergeFunctions.lastWriterWins()};
    String[] samples = {null, "", "{", "}", "{}", "[]", "null", "1", "-", "{\"a\":{}}",
        "{\"a\":[", "[".repeat(100_000), "{\"a\":".repeat(600) + "1" + "}".repeat(600),
        "99999999999999999999", "\uD800", "{\"a\":1}\u0000"};
    Random random = new Random(42);
    for (int round = 0; round < 3000; round++) {
      byte[][] three = new byte[3][];
      for (int i = 0; i < 3; i++) {
        if (random.nextBoolean()) {
          three[i] = bytes(samples[random.nextInt(samples.length)]);
        } else if (random.nextInt(4) > 0) {
          three[i] = new byte[random.nextInt(8)];
          random.nextBytes(three[i]);
        }
      }
      for (MergeFunction f : all) {
        merge(f, three[0], three[1], three[2], random.nextInt(3), random.nextInt(3));
      }
    }
  }
}
