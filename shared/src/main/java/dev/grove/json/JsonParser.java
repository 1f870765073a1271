package dev.grove.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The strict recursive-descent parser behind {@link Json#parse(String)}. One use per text. */
final class JsonParser {
  private final String text;
  private int pos;

  private JsonParser(String text) {
    this.text = text;
  }

  static Object parse(String text) {
    JsonParser parser = new JsonParser(text);
    parser.skipWhitespace();
    Object value = parser.value(0);
    parser.skipWhitespace();
    if (parser.pos < text.length()) {
      throw parser.fail("unexpected " + parser.describeNext() + " after the value");
    }
    return value;
  }

  private Object value(int depth) {
    if (pos >= text.length()) {
      throw fail("unexpected end of input, expected a value");
    }
    char c = text.charAt(pos);
    if (c == '{') {
      return object(depth + 1);
    }
    if (c == '[') {
      return array(depth + 1);
    }
    if (c == '"') {
      return string();
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      int start = pos;
      pos = JsonNumber.scan(text, pos);
      return new JsonNumber(text.substring(start, pos));
    }
    if (text.startsWith("true", pos)) {
      pos += 4;
      return Boolean.TRUE;
    }
    if (text.startsWith("false", pos)) {
      pos += 5;
      return Boolean.FALSE;
    }
    if (text.startsWith("null", pos)) {
      pos += 4;
      return Json.NULL;
    }
    throw fail("unexpected " + describeNext() + ", expected a value");
  }

  private Map<String, Object> object(int depth) {
    checkDepth(depth);
    pos++;
    Map<String, Object> map = new LinkedHashMap<>();
    skipWhitespace();
    if (next('}')) {
      return map;
    }
    while (true) {
      skipWhitespace();
      if (pos >= text.length() || text.charAt(pos) != '"') {
        throw fail("unexpected " + describeNext() + ", expected a string key");
      }
      int keyStart = pos;
      String key = string();
      if (map.containsKey(key)) {
        throw new JsonException("duplicate key " + Json.write(key) + " in an object", keyStart);
      }
      skipWhitespace();
      expect(':');
      skipWhitespace();
      map.put(key, value(depth));
      skipWhitespace();
      if (next('}')) {
        return map;
      }
      expect(',');
    }
  }

  private List<Object> array(int depth) {
    checkDepth(depth);
    pos++;
    List<Object> list = new ArrayList<>();
    skipWhitespace();
    if (next(']')) {
      return list;
    }
    while (true) {
      skipWhitespace();
      list.add(value(depth));
      skipWhitespace();
      if (next(']')) {
        return list;
      }
      expect(',');
    }
  }

  private String string() {
    int start = pos;
    pos++;
    StringBuilder out = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw new JsonException("unterminated string", start);
      }
      char c = text.charAt(pos);
      if (c == '"') {
        pos++;
        return out.toString();
      }
      if (c == '\\') {
        out.append(escape());
      } else if (c < 0x20) {
        throw fail("control character " + describeNext() + " must be escaped in a string");
      } else {
        out.append(c);
        pos++;
      }
    }
  }

  /** Reads one escape sequence starting at the backslash. */
  private char escape() {
    int start = pos;
    pos++;
    if (pos >= text.length()) {
      throw new JsonException("unterminated string", start);
    }
    char c = text.charAt(pos++);
    switch (c) {
      case '"': return '"';
      case '\\': return '\\';
      case '/': return '/';
      case 'b': return '\b';
      case 'f': return '\f';
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'u': return unicodeEscape(start);
      default: throw new JsonException("invalid escape '\\" + c + "'", start);
    }
  }

  private char unicodeEscape(int start) {
    int code = 0;
    for (int i = 0; i < 4; i++) {
      int digit = pos < text.length() ? hexDigit(text.charAt(pos)) : -1;
      if (digit < 0) {
        throw new JsonException("invalid \\u escape: expected four hex digits", start);
      }
      code = code * 16 + digit;
      pos++;
    }
    return (char) code;
  }

  private static int hexDigit(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private void checkDepth(int depth) {
    if (depth > Json.MAX_DEPTH) {
      throw fail("nesting deeper than " + Json.MAX_DEPTH);
    }
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private boolean next(char c) {
    if (pos < text.length() && text.charAt(pos) == c) {
      pos++;
      return true;
    }
    return false;
  }

  private void expect(char c) {
    if (!next(c)) {
      throw fail("unexpected " + describeNext() + ", expected '" + c + "'");
    }
  }

  private String describeNext() {
    if (pos >= text.length()) {
      return "end of input";
    }
    char c = text.charAt(pos);
    if (c > 0x20 && c < 0x7f) {
      return "'" + c + "'";
    }
    String hex = Integer.toHexString(c).toUpperCase();
    return "character U+" + "0000".substring(hex.length()) + hex;
  }

  private JsonException fail(String reason) {
    return new JsonException(reason, pos);
  }
}
