package dev.grove.server.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.grove.sync.Transport;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event stream format as the HTML standard defines it, line endings and all. */
class EventStreamParserTest {

  private static List<String> parse(String text) throws IOException {
    List<String> events = new ArrayList<>();
    EventStreamParser.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
        new Transport.EventListener() {
          @Override
          public void event(String name, String data) {
            events.add(name + "|" + data);
          }

          @Override
          public void closed(RuntimeException error) {
            throw new AssertionError("the parser does not close");
          }
        }, () -> true);
    return events;
  }

  @Test
  void namedEventsCommentsAndMultiLineData() throws IOException {
    String stream = ": hello\n\nevent: refs\ndata: {\"branches\": {}}\n\n: ping\n\n"
        + "event: ref\ndata: one\ndata: two\n\n";
    assertEquals(List.of("refs|{\"branches\": {}}", "ref|one\ntwo"), parse(stream));
  }

  @Test
  void everyLineEndingAndTheByteOrderMark() throws IOException {
    assertEquals(List.of("a|1", "b|2", "c|3"),
        parse("\uFEFFevent: a\r\ndata: 1\r\n\r\nevent: b\rdata: 2\r\revent: c\ndata: 3\n\n"));
  }

  @Test
  void defaultNameOneSpaceDroppedAndFieldsWithoutColon() throws IOException {
    assertEquals(List.of("message|x", "message|  two spaces", "message|", "message|\n\n"),
        parse("data:x\n\ndata:   two spaces\n\ndata\n\ndata\ndata\ndata\n\n"));
  }

  @Test
  void eventsWithoutDataAndUnfinishedEventsAreNotDispatched() throws IOException {
    assertEquals(List.of("b|kept"),
        parse("event: a\nid: 7\nretry: 10\n\nevent: b\ndata: kept\nunknown: x\n\nevent: c\ndata: cut"));
  }

  @Test
  void theEventNameResetsAfterEachDispatch() throws IOException {
    assertEquals(List.of("ref|1", "message|2"), parse("event: ref\ndata: 1\n\ndata: 2\n\n"));
  }

  @Test
  void utf8Data() throws IOException {
    assertEquals(List.of("message|café ☕"), parse("data: café ☕\n\n"));
  }
}
