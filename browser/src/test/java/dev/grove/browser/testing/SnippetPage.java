package dev.grove.browser.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The page {@code src/test/js/sync.html} in headless Chromium, served with grove.js by a
 * {@link StaticServer} (its own origin, so every request to a Grove server is cross-origin).
 * {@link #run} runs a snippet there: the body of an async function of {@code (grove, t, args)}.
 */
public final class SnippetPage implements AutoCloseable {
  private static final String CALL = "const done = arguments[arguments.length - 1];"
      + " const body = arguments[0]; const args = arguments[1]; const start = Date.now();"
      + " (function poll() {"
      + "   if (typeof window.runSnippet === 'function') {"
      + "     window.runSnippet(body, args).then(v => done({value: v === undefined ? null : v}),"
      + "       e => done({error: String(e && e.stack || e) + (e && e.code ? ' (code ' + e.code"
      + "         + ')' : '')}));"
      + "   } else if (Date.now() - start > 20000) {"
      + "     done({error: 'the page did not load sync.mjs and grove.js within 20 s'});"
      + "   } else { setTimeout(poll, 20); }"
      + " })();";

  private final Path site;
  private final StaticServer server;
  private final Chromium chromium;

  private SnippetPage(Path site, StaticServer server, Chromium chromium) {
    this.site = site;
    this.server = server;
    this.chromium = chromium;
  }

  /** Serves grove.js and the page from a new directory and starts Chromium. */
  public static SnippetPage start() throws IOException {
    File grove = new File(System.getProperty("grove.js.dir", "target/javascript"), "grove");
    if (!new File(grove, "grove.js").isFile()) {
      fail("No grove.js in " + grove.getAbsolutePath()
          + ": build it first: mvn -pl browser -am package -DskipTests");
    }
    Path tests = Path.of(System.getProperty("basedir", "."), "src", "test", "js");
    Path site = Files.createTempDirectory("grove-sync-");
    Files.copy(grove.toPath().resolve("grove.js"), site.resolve("grove.js"));
    for (String page : List.of("sync.html", "sync.mjs")) {
      Files.copy(tests.resolve(page), site.resolve(page));
    }
    StaticServer server = StaticServer.serve(site);
    try {
      return new SnippetPage(site, server, Chromium.start());
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /** The origin the page is served from, {@code http://127.0.0.1:PORT}. */
  public String origin() {
    String url = server.url("");
    return url.substring(0, url.length() - 1);
  }

  /** The directory served: another server of it is another origin. */
  public Path site() {
    return site;
  }

  public Chromium chromium() {
    return chromium;
  }

  /** Loads the page afresh (IndexedDB stays: same origin). */
  public void load() {
    load(server.url("sync.html"));
  }

  public void load(String url) {
    chromium.open(url);
  }

  /** Runs {@code body} in the page and returns what it resolves to (converted by Selenium). */
  public Object run(String body, Object... args) {
    Object result = chromium.driver().executeAsyncScript(CALL, body, List.of(args));
    if (!(result instanceof Map)) {
      fail("the page answered " + result);
    }
    Map<?, ?> answer = (Map<?, ?>) result;
    if (answer.containsKey("error")) {
      fail("the page failed: " + answer.get("error") + "\nconsole:\n"
          + String.join("\n", chromium.console()));
    }
    return answer.get("value");
  }

  /** {@link #run} of a snippet that resolves to an object. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> object(String body, Object... args) {
    return (Map<String, Object>) run(body, args);
  }

  @Override
  public void close() {
    try {
      chromium.close();
    } finally {
      server.close();
      try (Stream<Path> files = Files.walk(site)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a leftover temp directory is harmless
      }
    }
  }
}
