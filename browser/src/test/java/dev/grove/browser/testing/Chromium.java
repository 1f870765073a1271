package dev.grove.browser.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium driven by Selenium, with the machine's own {@code chromium} and
 * {@code chromedriver} (Debian's {@code chromium} and {@code chromium-driver} packages): never
 * a download. Each instance has a fresh profile directory, deleted on {@link #close()}.
 *
 * <p>Paths can be overridden with the system properties {@code grove.chromium} and
 * {@code grove.chromedriver}.
 */
public final class Chromium implements AutoCloseable {
  /** How to install what is missing, for error messages. */
  public static final String INSTALL_HINT = "install Debian's packages: apt-get update &&"
      + " apt-get install -y chromium chromium-driver (./run-tests does it when run as root)";

  private static final List<String> BROWSERS = List.of("/usr/lib/chromium/chromium",
      "/usr/bin/chromium", "/usr/bin/chromium-browser");
  private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver",
      "/usr/lib/chromium/chromedriver");
  /** Selenium's WARNING about a missing CDP implementation is noise: no CDP events are used. */
  private static final Logger SELENIUM_LOG = Logger.getLogger("org.openqa.selenium");

  private final ChromeDriver driver;
  private final Path profile;

  private Chromium(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** The Chromium binary. @throws MissingBrowserException when there is none */
  public static Path browserBinary() {
    return find("grove.chromium", BROWSERS, "chromium", "Chromium");
  }

  /** The ChromeDriver binary. @throws MissingBrowserException when there is none */
  public static Path driverBinary() {
    return find("grove.chromedriver", DRIVERS, "chromedriver", "ChromeDriver");
  }

  /** Starts headless Chromium with a fresh profile. */
  public static Chromium start() throws IOException {
    return start(List.of());
  }

  /** Starts headless Chromium with a fresh profile and {@code extraArguments}. */
  public static Chromium start(List<String> extraArguments) throws IOException {
    Path browser = browserBinary();
    Path driverBinary = driverBinary();
    SELENIUM_LOG.setLevel(Level.SEVERE);
    Path profile = Files.createTempDirectory("grove-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(browser.toFile());
    List<String> arguments = new ArrayList<>(List.of("--headless=new", "--no-sandbox",
        "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profile));
    arguments.addAll(extraArguments);
    options.addArguments(arguments);
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logging);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(driverBinary.toFile())
        .usingAnyFreePort()
        .withSilent(true)
        .build();
    try {
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().scriptTimeout(Duration.ofMinutes(5));
      return new Chromium(driver, profile);
    } catch (RuntimeException e) {
      service.stop();
      deleteTree(profile);
      throw new IllegalStateException("cannot start headless Chromium (" + browser + " with "
          + driverBinary + "): " + e.getMessage(), e);
    }
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** Opens {@code url} in the current tab. */
  public void open(String url) {
    driver.get(url);
  }

  /** Runs {@code script} in the page (its {@code return} value, converted by Selenium). */
  public Object eval(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /** A Chrome DevTools Protocol command, through ChromeDriver (no CDP client needed). */
  public Map<String, Object> cdp(String command, Map<String, Object> parameters) {
    return driver.executeCdpCommand(command, parameters);
  }

  /** The browser console's messages since the last call, one line each. */
  public List<String> console() {
    List<String> lines = new ArrayList<>();
    try {
      for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
        lines.add(entry.getLevel() + " " + entry.getMessage());
      }
    } catch (RuntimeException unsupported) {
      lines.add("(the browser console is not available: " + unsupported.getMessage() + ")");
    }
    return lines;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteTree(profile);
    }
  }

  /** Chromium or ChromeDriver is not installed. */
  public static final class MissingBrowserException extends IllegalStateException {
    MissingBrowserException(String message) {
      super(message);
    }
  }

  private static Path find(String property, List<String> candidates, String command,
      String what) {
    String configured = System.getProperty(property);
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured);
      if (Files.isExecutable(path)) {
        return path;
      }
      throw new MissingBrowserException(what + " not found at " + path + " (system property "
          + property + "): " + INSTALL_HINT);
    }
    for (String candidate : candidates) {
      Path path = Path.of(candidate);
      if (Files.isExecutable(path)) {
        return path;
      }
    }
    String pathVariable = System.getenv("PATH");
    if (pathVariable != null) {
      for (String dir : pathVariable.split(File.pathSeparator)) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
          return Path.of(dir, command);
        }
      }
    }
    throw new MissingBrowserException(what + " is not installed (looked for " + candidates
        + " and '" + command + "' on the PATH); the browser tests need it: " + INSTALL_HINT);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temp directory is harmless
    }
  }
}
