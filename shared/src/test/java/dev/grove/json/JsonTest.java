package dev.grove.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
  @Test
  void parsesEveryKindOfValue() {
    Object value = Json.parse(
        " {\"s\":\"x\",\"n\":-1.5e3,\"t\":true,\"f\":false,\"z\":null,\"a\":[1,{}],\"o\":{}} ");
    Map<?, ?> map = assertInstanceOf(LinkedHashMap.class, value);
    assertEquals(List.of("s", "n", "t", "f", "z", "a", "o"), new ArrayList<>(map.keySet()));
    assertEquals("x", map.get("s"));
    assertEquals(new JsonNumber("-1.5e3"), map.get("n"));
    assertEquals(Boolean.TRUE, map.get("t"));
    assertEquals(Boolean.FALSE, map.get("f"));
    assertSame(Json.NULL, map.get("z"));
    assertNull(map.get("missing"));
    List<?> array = assertInstanceOf(ArrayList.class, map.get("a"));
    assertEquals(List.of(new JsonNumber("1"), Map.of()), array);
    assertEquals(Map.of(), map.get("o"));
  }

  @Test
  void parsesScalarsAtTheTopLevel() {
    assertEquals("a", Json.parse("\"a\""));
    assertEquals(new JsonNumber("0"), Json.parse("0"));
    assertSame(Json.NULL, Json.parse("null"));
    assertEquals(Boolean.TRUE, Json.parse("\ttrue\r\n"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"b\":1,\"a\":[1,2.50,-0,1E+3,1e-7,0.0],\"c\":{\"d\":null,\"e\":[]}}",
      "[]", "{}", "\"\"", "[[[]]]", "[true,false,null]", "123456789012345678901234567890",
      "{\"\":\"empty key\"}"})
  void compactTextRoundTripsExactly(String text) {
    assertEquals(text, Json.write(Json.parse(text)));
  }

  @Test
  void writeIsCompact() {
    assertEquals("{\"a\":[1,2],\"b\":{}}", Json.write(Json.parse(" { \"a\" : [ 1 , 2 ] ,\n\"b\":{ } } ")));
  }

  @Test
  void numbersKeepTheirExactText() {
    assertEquals("[1.50,1E2,-0.0e+0]", Json.write(Json.parse("[1.50, 1E2, -0.0e+0]")));
    assertNotEquals(Json.parse("1.0"), Json.parse("1"));
    assertEquals("42", Json.write(JsonNumber.of(42)));
  }

  @Test
  void equalityIsStructuralAndIgnoresKeyOrder() {
    assertEquals(Json.parse("{\"a\":1,\"b\":[true,null]}"), Json.parse("{\"b\":[true,null],\"a\":1}"));
    assertNotEquals(Json.parse("[1,2]"), Json.parse("[2,1]"));
    assertNotEquals(Json.parse("{\"a\":null}"), Json.parse("{}"));
  }

  @Test
  void decodesEscapes() {
    assertEquals("\"\\/\b\f\n\r\t\u00e9\u0000", Json.parse("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00E9\\u0000\""));
    assertEquals("\uD83D\uDE00", Json.parse("\"\\ud83d\\ude00\""));
    assertEquals("a\uD800b", Json.parse("\"a\\uD800b\""), "lone surrogates are allowed");
  }

  @Test
  void escapesStringsAsJavaScriptDoes() {
    assertEquals("\"q\\\"b\\\\s/\\n\\t\\r\\b\\f\\u0001\\u001f\u007f\u00e9\u2028\uD83D\uDE00\"",
        Json.write("q\"b\\s/\n\t\r\b\f\u0001\u001f\u007f\u00e9\u2028\uD83D\uDE00"));
    assertEquals("\"\\ud800x\\udc00\"", Json.write("\uD800x\uDC00"));
    String tricky = "\uD800\uD800\uDC00\uDC00";
    assertEquals("\"\\ud800\uD800\uDC00\\udc00\"", Json.write(tricky));
    assertEquals(tricky, Json.parse(Json.write(tricky)));
  }

  @Test
  void writesMapsListsAndIntegers() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("z", 1);
    map.put("a", List.of(2L, "x", Json.NULL, false));
    assertEquals("{\"z\":1,\"a\":[2,\"x\",null,false]}", Json.write(map));
  }

  @Test
  void writeRejectsWhatIsNotJson() {
    assertThrows(IllegalArgumentException.class, () -> Json.write(null));
    assertThrows(IllegalArgumentException.class, () -> Json.write(1.5));
    assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(new Object())));
    assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of(1, 2)));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "", " ", "01", "-01", "00", "1.", ".5", "-", "+1", "1e", "1e+", "0x10", "NaN", "Infinity",
      "[1,]", "[,1]", "[1 2]", "{\"a\":1,}", "{a:1}", "{\"a\" 1}", "{\"a\":}", "{1:2}", "'a'",
      "\"\\x\"", "\"\\u12G4\"", "\"\\u12\"", "\"\\", "\"abc", "\"a\nb\"", "\"tab\there\"",
      "[1] x", "[1]]", "tru", "nul", "True", "[", "{", "{\"a\":1", "// c\n1", "/* c */ 1",
      "\uFEFF1", "1\u00a0", "\"\\U0041\""})
  void rejectsInvalidJson(String text) {
    JsonException e = assertThrows(JsonException.class, () -> Json.parse(text));
    assertEquals("invalid_json", e.code());
    assertTrue(e.getMessage().startsWith("invalid JSON at offset " + e.offset() + ": "),
        e.getMessage());
  }

  @Test
  void errorsSayWhere() {
    assertEquals(4, assertThrows(JsonException.class, () -> Json.parse("[1, x]")).offset());
    assertEquals(5, assertThrows(JsonException.class, () -> Json.parse("[1]  2")).offset());
    JsonException zero = assertThrows(JsonException.class, () -> Json.parse("[10, 01]"));
    assertEquals(5, zero.offset());
    assertTrue(zero.getMessage().contains("leading zero"), zero.getMessage());
  }

  @Test
  void rejectsDuplicateKeys() {
    JsonException e = assertThrows(JsonException.class,
        () -> Json.parse("{\"a\":1,\"b\":{\"a\":1},\"a\":2}"));
    assertEquals("invalid_json", e.code());
    assertEquals(19, e.offset());
    assertTrue(e.getMessage().contains("duplicate key \"a\""), e.getMessage());
  }

  @Test
  void limitsNestingTo512() {
    String ok = "[".repeat(512) + "]".repeat(512);
    assertEquals(ok, Json.write(Json.parse(ok)));
    String deep = "{\"a\":".repeat(300) + "[".repeat(213) + "]".repeat(213) + "}".repeat(300);
    JsonException e = assertThrows(JsonException.class, () -> Json.parse(deep));
    assertTrue(e.getMessage().contains("nesting deeper than 512"), e.getMessage());
    String veryDeep = "[".repeat(100_000);
    assertThrows(JsonException.class, () -> Json.parse(veryDeep));
  }

  @Test
  void parsesUtf8Bytes() {
    byte[] bytes = "{\"k\":\"h\u00e9llo \uD83D\uDE00\"}".getBytes(StandardCharsets.UTF_8);
    assertEquals(Map.of("k", "h\u00e9llo \uD83D\uDE00"), Json.parse(bytes));
    assertEquals("[1]", new String(Json.writeUtf8(Json.parse("[1]")), StandardCharsets.UTF_8));
  }

  @Test
  void rejectsInvalidUtf8() {
    byte[][] bad = {
        {'"', (byte) 0xC3, '(', '"'},                // truncated sequence
        {'"', (byte) 0xC0, (byte) 0xAF, '"'},         // overlong
        {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, // encoded surrogate
        {'"', 'a', (byte) 0xFF, '"'},
        {'"', (byte) 0xE2, (byte) 0x82}};              // cut at the end
    for (byte[] bytes : bad) {
      JsonException e = assertThrows(JsonException.class, () -> Json.parse(bytes));
      assertEquals("invalid_json", e.code());
      assertTrue(e.getMessage().contains("invalid UTF-8"), e.getMessage());
      assertTrue(e.offset() >= 1 && e.offset() <= bytes.length, e.getMessage());
    }
  }

  @Test
  void jsonNumberValidatesItsText() {
    assertEquals("-1.5E-3", new JsonNumber("-1.5E-3").text());
    for (String bad : new String[] {"", "1.", "01", "1 ", "+1", "abc", "1e"}) {
      assertEquals("invalid_json",
          assertThrows(JsonException.class, () -> new JsonNumber(bad)).code(), bad);
    }
  }

  @Test
  void nullIsNotAString() {
    assertFalse(Json.NULL instanceof String);
    assertEquals("null", Json.write(Json.NULL));
  }
}
