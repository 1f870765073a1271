package dev.grove.sync;

/**
 * Turns the text of a server-sent event stream, fed in pieces of any size, into events, as the
 * HTML standard's "event stream interpretation" says: a byte order mark at the very start is
 * dropped; lines end in LF, CR or CRLF (also when the CR and the LF arrive in different
 * pieces); a blank line dispatches the event; a line starting with {@code :} is a comment;
 * {@code field: value} loses one leading space of the value; {@code data} lines are joined with
 * LF; an event with no data is not dispatched; the event name is {@code message} when absent.
 * {@code id} and {@code retry} are ignored (the protocol does not use them), as are unknown
 * fields. Text after the last blank line when the stream ends is an incomplete event and is
 * dropped.
 *
 * <p>A line, or an event's data, longer than {@link #MAX_CHARS} characters is not a Grove
 * stream (the largest event, {@code refs}, holds the branches): {@link #feed} fails with
 * {@code bad_response} rather than buffer it. Shared by both transports and the server's tests;
 * not thread-safe: one stream, one feeder.
 */
public final class EventStreamParser {
  /** The longest line or event data accepted: 8 Mi characters (about 100,000 branches in a refs event). */
  public static final int MAX_CHARS = 8 << 20;

  /** Receives each complete event. */
  public interface Sink {
    void event(String name, String data);
  }

  private final Sink sink;
  private final int maxChars;
  private final StringBuilder line = new StringBuilder();
  private final StringBuilder data = new StringBuilder();
  private boolean hasData;
  private String name;
  private boolean started;
  /** The last character fed was a CR: an LF right after it ends no second line. */
  private boolean afterCr;

  public EventStreamParser(Sink sink) {
    this(sink, MAX_CHARS);
  }

  /** A parser with another limit on lines and event data (for tests). */
  public EventStreamParser(Sink sink, int maxChars) {
    this.sink = sink;
    this.maxChars = maxChars;
  }

  /**
   * Feeds the next piece of the stream's text; complete events go to the sink before it returns.
   *
   * @throws SyncException {@code bad_response} when a line or an event's data is too long
   */
  public void feed(String text) {
    int i = 0;
    if (!started && !text.isEmpty()) {
      started = true;
      if (text.charAt(0) == '\uFEFF') {
        i = 1;
      }
    }
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' && afterCr) {
        afterCr = false;
        continue;
      }
      afterCr = c == '\r';
      if (c == '\n' || c == '\r') {
        endLine();
      } else {
        if (line.length() >= maxChars) {
          throw tooLong("a line");
        }
        line.append(c);
      }
    }
  }

  private SyncException tooLong(String what) {
    line.setLength(0);
    data.setLength(0);
    return Errors.badResponse("the event stream has " + what + " longer than " + maxChars
        + " characters: not a Grove watch stream");
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
      if (data.length() + value.length() + 1 > maxChars) {
        throw tooLong("an event");
      }
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
