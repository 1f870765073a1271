package dev.grove.browser.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event stream parser on the JVM: the HTML standard's rules, and pieces split anywhere. */
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
    String text = "event: ref\r\ndata: a\r\ndata:  b\r\n\r\nevent:x\rdata\r\r: c\n\ndata: é€😀\n\n";
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
}
