package dev.grove.browser.sync;

/**
 * Turns the text of a server-sent event stream, fed in pieces of any size, into events, as the
 * HTML standard's "event stream interpretation" says: lines end in LF, CR or CRLF (also when
 * the CR and the LF arrive in different pieces); a blank line dispatches the event; a line
 * starting with {@code :} is a comment; {@code field: value} loses one leading space of the
 * value; {@code data} lines are joined with LF; an event with no data is not dispatched; the
 * event name is {@code message} when absent. {@code id} and {@code retry} are ignored (the
 * protocol does not use them), as are unknown fields. Text after the last blank line when the
 * stream ends is an incomplete event and is dropped. Not thread-safe: one stream, one feeder.
 */
final class EventStreamParser {
  /** Receives each complete event. */
  interface Sink {
    void event(String name, String data);
  }

  private final Sink sink;
  private final StringBuilder line = new StringBuilder();
  private final StringBuilder data = new StringBuilder();
  private boolean hasData;
  private String name;
  /** The last character fed was a CR: an LF right after it ends no second line. */
  private boolean afterCr;

  EventStreamParser(Sink sink) {
    this.sink = sink;
  }

  /** Feeds the next piece of the stream's text. */
  void feed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' && afterCr) {
        afterCr = false;
        continue;
      }
      afterCr = c == '\r';
      if (c == '\n' || c == '\r') {
        endLine();
      } else {
        line.append(c);
      }
    }
  }

  private void endLine() {
    if (line.length() == 0) {
      dispatch();
      return;
    }
    if (line.charAt(0) == ':') {
      line.setLength(0);
      return;
    }
    int colon = line.indexOf(":");
    String field = colon < 0 ? line.toString() : line.substring(0, colon);
    int start = colon < 0 ? line.length() : colon + 1;
    if (start < line.length() && line.charAt(start) == ' ') {
      start++;
    }
    String value = line.substring(start);
    line.setLength(0);
    if (field.equals("data")) {
      if (hasData) {
        data.append('\n');
      }
      data.append(value);
      hasData = true;
    } else if (field.equals("event")) {
      name = value;
    }
  }

  private void dispatch() {
    String eventName = name == null || name.isEmpty() ? "message" : name;
    String eventData = data.toString();
    boolean complete = hasData;
    name = null;
    data.setLength(0);
    hasData = false;
    if (complete) {
      sink.event(eventName, eventData);
    }
  }
}
