package dev.grove.json;

import dev.grove.Utf8;
import dev.grove.Utf8Text;

/**
 * Strict JSON (RFC 8259): parse text to plain Java values and write them back compactly.
 *
 * <p>The values: an object is a {@code LinkedHashMap<String, Object>} (keys in document
 * order), an array an {@code ArrayList<Object>}, a string a {@link String}, a number a
 * {@link JsonNumber} (its exact text), {@code true}/{@code false} a {@link Boolean}, and
 * {@code null} the sentinel {@link #NULL}, so that {@code map.get(key) == null} still means
 * "absent". Values compare structurally with {@code equals} (object key order does not
 * matter; numbers compare by text).
 *
 * <p>The parser accepts any value at the top level, surrounded by optional whitespace, and
 * rejects everything RFC 8259 does not allow (trailing text, leading zeros, invalid escapes,
 * raw control characters in strings, comments, trailing commas), plus duplicate keys in an
 * object and nesting deeper than {@link #MAX_DEPTH}. {@code &#92;u} escapes of lone surrogates
 * are accepted. Stateless and thread-safe.
 */
public final class Json {
  /** JSON {@code null}. Distinct from Java null, which means "absent" in a map lookup. */
  public static final Object NULL = new Null();

  /** The deepest nesting of objects and arrays that {@link #parse} accepts. */
  public static final int MAX_DEPTH = 512;

  private Json() {}

  /**
   * Parses one JSON text.
   *
   * @return the value, as described on {@link Json}
   * @throws JsonException (code {@code invalid_json}) when the text is not valid JSON; its
   *     message and {@link JsonException#offset()} say where
   */
  public static Object parse(String text) {
    if (text == null) {
      throw new NullPointerException("text");
    }
    return JsonParser.parse(text);
  }

  /**
   * Parses one JSON text encoded in UTF-8 (no byte order mark).
   *
   * @throws JsonException when the bytes are not valid UTF-8 (the offset is then a byte
   *     offset) or the text is not valid JSON
   */
  public static Object parse(byte[] utf8) {
    String text = Utf8Text.decode(utf8);
    byte[] again = Utf8.encode(text);
    int n = Math.min(utf8.length, again.length);
    for (int i = 0; i <= n; i++) {
      if (i == n ? utf8.length != again.length : utf8[i] != again[i]) {
        throw new JsonException("invalid UTF-8", i);
      }
    }
    return JsonParser.parse(text);
  }

  /**
   * Writes a value as compact JSON: no whitespace, object keys in the map's iteration order,
   * numbers as their text, strings escaped as JavaScript's {@code JSON.stringify} does
   * ({@code \"}, {@code \\}, {@code \n}-style short escapes, {@code &#92;u00XX} for other control
   * characters and for lone surrogates; everything else as is). Besides the values
   * {@link #parse} returns, any {@code Map} with {@code String} keys, any {@code List},
   * {@code Integer} and {@code Long} are accepted.
   *
   * @throws IllegalArgumentException for anything else, including Java null (use {@link #NULL})
   */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    JsonWriter.write(out, value);
    return out.toString();
  }

  /** {@link #write} encoded as UTF-8. */
  public static byte[] writeUtf8(Object value) {
    return Utf8.encode(write(value));
  }

  private static final class Null {
    @Override
    public String toString() {
      return "null";
    }
  }
}
