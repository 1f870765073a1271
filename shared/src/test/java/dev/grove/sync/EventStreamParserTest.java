package dev.grove.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event stream parser: the HTML standard's rules, pieces split anywhere, and its limit. */
class EventStreamParserTest {
  private final List<String> events = new ArrayList<>();
  private final EventStreamParser parser =
      new EventStreamParser((name, data) -> events.add(name + "|" + data));

  @Test
  void eventsOfTheProtocol() {
    parser.feed("event: refs\ndata: {\"branches\": {}}\n\n: ping\n\nevent: ref\n"
        + "data: {\"branch\": \"main\", \"head\": null}\n\n");
    assertEquals(List.of("refs|{\"branches\": {}}", "ref|{\"branch\": \"main\", \"head\": null}"),
        events);
  }

  @Test
  void everySplitOfTheTextGivesTheSameEvents() {
    String text = "\uFEFFevent: ref\r\ndata: a\r\ndata:  b\r\n\r\nevent:x\rdata\r\r: c\n\n"
        + "data: é€😀\n\n";
    List<String> expected = List.of("ref|a\n b", "x|", "message|é€😀");
    for (int cut = 0; cut <= text.length(); cut++) {
      events.clear();
      EventStreamParser fresh = new EventStreamParser((name, data) -> events.add(name + "|" + data));
      fresh.feed(text.substring(0, cut));
      fresh.feed(text.substring(cut));
      assertEquals(expected, events, "cut at " + cut);
    }
  }

  @Test
  void everyLineEndingAndOnlyALeadingByteOrderMarkIsDropped() {
    parser.feed("\uFEFFevent: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\revent: c\ndata: 3\n\n"
        + "data: \uFEFF\n\n");
    assertEquals(List.of("a|1", "b|2", "c|3", "message|\uFEFF"), events);
  }

  @Test
  void defaultNameOneSpaceDroppedAndFieldsWithoutColon() {
    parser.feed("data:x\n\ndata:   two spaces\n\ndata\n\ndata\ndata\ndata\n\n");
    assertEquals(List.of("message|x", "message|  two spaces", "message|", "message|\n\n"), events);
  }

  @Test
  void anEventWithoutDataIsNotDispatched() {
    parser.feed("event: refs\n\nid: 7\nretry: 10\n\n");
    assertEquals(List.of(), events);
  }

  @Test
  void anIncompleteLastEventIsNotDispatched() {
    parser.feed("event: ref\ndata: x\n");
    assertEquals(List.of(), events);
    parser.feed("\n");
    assertEquals(List.of("ref|x"), events);
  }

  @Test
  void unknownFieldsAreIgnoredAndTheNameIsReset() {
    parser.feed("event: a\nfoo: bar\ndata: 1\n\ndata: 2\n\n");
    assertEquals(List.of("a|1", "message|2"), events);
  }

  @Test
  void aLineOverTheLimitIsABadResponse() {
    EventStreamParser small = new EventStreamParser((name, data) -> events.add(data), 10);
    small.feed("data: 1234\n\n");
    SyncException e = assertThrows(SyncException.class, () -> small.feed("data: 12345"));
    assertEquals("bad_response", e.code());
    assertEquals(List.of("1234"), events);
  }

  @Test
  void anEventOverTheLimitIsABadResponseToo() {
    EventStreamParser small = new EventStreamParser((name, data) -> events.add(data), 10);
    SyncException e = assertThrows(SyncException.class,
        () -> small.feed("data: 1234\ndata: 5678\ndata: 9\n\n"));
    assertEquals("bad_response", e.code());
    assertEquals(List.of(), events);
  }

  @Test
  void theDefaultLimitAcceptsALongRefsLine() {
    String data = "x".repeat(1 << 20);
    parser.feed("data: " + data + "\n\n");
    assertEquals(List.of("message|" + data), events);
  }
}
