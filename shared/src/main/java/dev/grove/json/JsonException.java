package dev.grove.json;

import dev.grove.GroveException;

/**
 * Text is not valid JSON (RFC 8259) or not valid UTF-8. The code is {@code invalid_json}; the
 * message names the problem and the {@link #offset()} where it was found.
 */
public final class JsonException extends GroveException {
  private final int offset;

  public JsonException(String reason, int offset) {
    super("invalid_json", "invalid JSON at offset " + offset + ": " + reason);
    this.offset = offset;
  }

  /**
   * Where the problem was found: a character offset into the text, or a byte offset into the
   * input when the bytes are not valid UTF-8.
   */
  public int offset() {
    return offset;
  }
}
