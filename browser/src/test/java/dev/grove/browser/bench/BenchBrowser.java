package dev.grove.browser.bench;

import dev.grove.browser.testing.Chromium;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.http.ClientConfig;

/**
 * Headless Chromium on a profile directory the caller keeps, so that a store survives a restart
 * of the browser (the test helper {@link Chromium} always makes a fresh profile and deletes it).
 * The machine's own {@code chromium} and {@code chromedriver}, found as {@link Chromium} finds
 * them: never a download.
 */
final class BenchBrowser implements AutoCloseable {
  /** Calls {@code window.bench[fn](arg)} once the page has it, and waits for its Promise. */
  private static final String CALL = "const done = arguments[arguments.length - 1];"
      + " const fn = arguments[0]; const arg = arguments[1]; const start = Date.now();"
      + " (function poll() {"
      + "   if (window.bench) {"
      + "     window.bench[fn](arg).then(v => done({value: v === undefined ? null : v}),"
      + "       e => done({error: String(e && e.stack || e) + (e && e.code ? ' (code ' + e.code"
      + "         + ')' : '')}));"
      + "   } else if (Date.now() - start > 30000) {"
      + "     done({error: 'the page did not load bench.mjs and grove.js within 30 s'});"
      + "   } else { setTimeout(poll, 10); }"
      + " })();";

  private final ChromeDriver driver;

  private BenchBrowser(ChromeDriver driver) {
    this.driver = driver;
  }

  /** Starts headless Chromium on profile directory {@code profile} (made when absent). */
  static BenchBrowser start(Path profile) {
    Logger.getLogger("org.openqa.selenium").setLevel(Level.SEVERE);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(Chromium.browserBinary().toFile());
    options.addArguments(List.of("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profile.toAbsolutePath()));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Chromium.driverBinary().toFile())
        .usingAnyFreePort()
        .withSilent(true)
        .build();
    // A measurement may run for many minutes: Selenium's HTTP client waits as long (its
    // default read timeout is 3 minutes).
    ChromeDriver driver = new ChromeDriver(service, options,
        ClientConfig.defaultConfig().readTimeout(Duration.ofMinutes(30)));
    driver.manage().timeouts().scriptTimeout(Duration.ofMinutes(30));
    return new BenchBrowser(driver);
  }

  /** The browser's version, as ChromeDriver reports it. */
  String version() {
    return driver.getCapabilities().getBrowserVersion();
  }

  /** Loads {@code url} as a new document (a fresh JavaScript context). */
  void load(String url) {
    driver.get("about:blank");
    driver.get(url);
  }

  /** {@code window.bench[fn](argument)} in the current page: what its Promise resolved to. */
  @SuppressWarnings("unchecked")
  Map<String, Object> call(String fn, Map<String, Object> argument) {
    Object result = driver.executeAsyncScript(CALL, fn, argument);
    if (!(result instanceof Map)) {
      throw new IllegalStateException("bench." + fn + " answered " + result);
    }
    Map<String, Object> answer = (Map<String, Object>) result;
    if (answer.get("error") != null) {
      throw new IllegalStateException("bench." + fn + " failed in the page: "
          + answer.get("error"));
    }
    return (Map<String, Object>) answer.get("value");
  }

  /** {@code window.bench[fn]({})} in the current page, for a function that resolves to an array. */
  List<?> list(String fn) {
    Object result = driver.executeAsyncScript(CALL, fn, Map.of());
    if (!(result instanceof Map<?, ?> answer) || !(answer.get("value") instanceof List<?> value)) {
      throw new IllegalStateException("bench." + fn + " answered " + result);
    }
    return value;
  }

  @Override
  public void close() {
    driver.quit();
  }
}
