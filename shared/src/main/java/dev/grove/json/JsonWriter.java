package dev.grove.json;

import java.util.List;
import java.util.Map;

/** The compact writer behind {@link Json#write(Object)}. */
final class JsonWriter {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonWriter() {}

  static void write(StringBuilder out, Object value) {
    if (value == Json.NULL) {
      out.append("null");
    } else if (value instanceof String) {
      writeString(out, (String) value);
    } else if (value instanceof JsonNumber
        || value instanceof Boolean || value instanceof Long || value instanceof Integer) {
      out.append(value);
    } else if (value instanceof Map) {
      writeObject(out, (Map<?, ?>) value);
    } else if (value instanceof List) {
      writeArray(out, (List<?>) value);
    } else if (value == null) {
      throw new IllegalArgumentException("not a JSON value: null (use Json.NULL)");
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
  }

  private static void writeObject(StringBuilder out, Map<?, ?> map) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (!(entry.getKey() instanceof String)) {
        throw new IllegalArgumentException("a JSON object key must be a String: " + entry.getKey());
      }
      if (!first) {
        out.append(',');
      }
      first = false;
      writeString(out, (String) entry.getKey());
      out.append(':');
      write(out, entry.getValue());
    }
    out.append('}');
  }

  private static void writeArray(StringBuilder out, List<?> list) {
    out.append('[');
    for (int i = 0; i < list.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      write(out, list.get(i));
    }
    out.append(']');
  }

  /** Escapes as JavaScript's {@code JSON.stringify} does, so both sides write the same text. */
  private static void writeString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        default:
          if (c < 0x20 || isLoneSurrogate(s, i)) {
            unicodeEscape(out, c);
          } else {
            out.append(c);
          }
      }
    }
    out.append('"');
  }

  private static boolean isLoneSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }

  private static void unicodeEscape(StringBuilder out, char c) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
        .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
  }
}
