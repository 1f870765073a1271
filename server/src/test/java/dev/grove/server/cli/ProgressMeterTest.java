package dev.grove.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressMeterTest {
  @Test
  void drawsInPlaceOncePerPercentAndEndsEachPhaseWithANewline() {
    StringWriter text = new StringWriter();
    ProgressMeter meter = new ProgressMeter(new PrintWriter(text), () -> 1_000_000_000L);
    meter.update("receiving", 0, 200);
    meter.update("receiving", 1, 200);
    meter.update("receiving", 2, 200);
    meter.update("receiving", 200, 200);
    meter.update("checking", 0, 0);
    meter.update("writing", 5, -1);
    meter.finish();
    meter.finish();
    assertEquals("\rReceiving objects:   0% (0/200)"
        + "\rReceiving objects:   1% (2/200)"
        + "\rReceiving objects: 100% (200/200)"
        + "\rReceiving objects: 100% (200/200), done.\n"
        + "\rWriting objects: 5"
        + "\rWriting objects: 5\n", text.toString());
  }
}
