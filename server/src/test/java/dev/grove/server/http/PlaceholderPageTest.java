package dev.grove.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page at {@code /}: until the web app lands, the commands to use this server, with its real
 * address (from {@code location}) and the token from the page's {@code #token=} fragment. Checked
 * as served and, when Chromium is installed, as a headless Chromium renders it.
 */
class PlaceholderPageTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  @TempDir
  Path data;

  @TempDir
  Path profile;

  private TestServer t;

  @AfterEach
  void stop() {
    if (t != null) {
      t.close();
    }
  }

  @Test
  void thePageFillsInTheAddressAndTokenAsTextOnly() {
    t = TestServer.start(data);
    HttpResponse<String> page = t.get("/", null);
    assertEquals(200, page.statusCode());
    String html = page.body();
    assertTrue(html.contains("location.host") && html.contains("location.hash"), html);
    assertTrue(html.contains("token=") && html.contains("textContent"), html);
    assertFalse(html.contains("innerHTML") || html.contains("document.write"), "the fragment is never markup");
    assertTrue(html.contains("export GROVE_TOKEN="), html);
  }

  @Test
  void chromiumShowsTheRealCommands() throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM), "no Chromium at " + CHROMIUM);
    t = TestServer.start(data);
    String base = "http://127.0.0.1:" + t.server.port();
    String dom = render(base + "/#token=" + t.writeToken);
    assertTrue(dom.contains("export GROVE_TOKEN=" + t.writeToken + "\n"), dom);
    assertTrue(dom.contains("grove clone " + base + "/repos/notes phone"), dom);
    assertTrue(dom.contains("remote add origin " + base + "/repos/notes"), dom);
    assertTrue(dom.contains("git clone http://x:" + t.writeToken + "@127.0.0.1:" + t.server.port()
        + "/git/notes.git"), dom);
    assertFalse(dom.contains("HOST:PORT"), dom);

    String without = render(base + "/");
    assertTrue(without.contains("export GROVE_TOKEN=TOKEN"), without);
    assertTrue(without.contains("grove clone " + base + "/repos/notes"), without);

    String hostile = render(base + "/#token=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E");
    assertTrue(hostile.contains("GROVE_TOKEN=&lt;img src=x onerror=alert(1)&gt;"), hostile);
    assertFalse(renderDom(base + "/#token=%3Cimg%20src%3Dx%3E").contains("<img"), "the fragment is text, not markup");
  }

  /** The text of {@code url} (its DOM without tags) once headless Chromium has run its script. */
  private String render(String url) throws IOException, InterruptedException {
    return renderDom(url).replaceAll("<[^>]*>", "");
  }

  /** The DOM of {@code url} once headless Chromium has loaded it and run its script. */
  private String renderDom(String url) throws IOException, InterruptedException {
    Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--user-data-dir=" + profile, "--dump-dom", url)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = chromium.getInputStream().readAllBytes();
    assertTrue(chromium.waitFor(60, TimeUnit.SECONDS), "Chromium did not finish");
    assertEquals(0, chromium.exitValue());
    return new String(out, StandardCharsets.UTF_8);
  }
}
