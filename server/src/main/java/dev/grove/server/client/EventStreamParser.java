package dev.grove.server.client;

import dev.grove.sync.Transport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * Reads a server-sent event stream (the HTML "event stream" format) and dispatches its events:
 * lines end with CR, LF or CRLF; a blank line dispatches the event gathered so far; a line
 * starting with {@code :} is a comment; {@code event:} names the event, {@code data:} lines are
 * joined with newlines; one space after the colon is dropped; other fields ({@code id},
 * {@code retry}) and unknown ones are ignored. An event without data is not dispatched, nor is
 * one the stream ends in the middle of.
 */
final class EventStreamParser {
  private EventStreamParser() {}

  /**
   * Reads {@code stream} (UTF-8) to its end, handing each event to {@code listener} while
   * {@code open} says so. Returns at the end of the stream or as soon as {@code open} is false.
   *
   * @throws IOException when reading fails
   */
  static void read(InputStream stream, Transport.EventListener listener, BooleanSupplier open)
      throws IOException {
    BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
    String name = "";
    StringBuilder data = new StringBuilder();
    boolean hasData = false;
    boolean first = true;
    for (String line = lines.readLine(); line != null && open.getAsBoolean(); line = lines.readLine()) {
      if (first && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      first = false;
      if (line.isEmpty()) {
        if (hasData) {
          listener.event(name.isEmpty() ? "message" : name, data.toString());
        }
        name = "";
        data.setLength(0);
        hasData = false;
        continue;
      }
      if (line.charAt(0) == ':') {
        continue;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      if (field.equals("event")) {
        name = value;
      } else if (field.equals("data")) {
        if (hasData) {
          data.append('\n');
        }
        data.append(value);
        hasData = true;
      }
    }
  }
}
