package io.paygate.server.browser;

import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's headless Chromium, driven through Debian's ChromeDriver. Both are found at their package
 * paths, so Selenium Manager never runs and nothing is downloaded.
 *
 * <p>Where the packages are missing the browser tests skip themselves with one line saying how to
 * install them, so {@code ./mvnw verify} passes on a newcomer's machine; with {@code CI=true} they
 * fail instead, since CI installs the packages and must run them. Set {@code
 * PAYGATE_SKIP_BROWSER_TESTS=true} (environment variable or {@code -D} system property) to skip
 * them knowingly.
 */
final class HeadlessChromium {

  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  static final String SKIP = "PAYGATE_SKIP_BROWSER_TESTS";

  private HeadlessChromium() {}

  /**
   * Skips (when asked to, or on a newcomer's machine without the packages) or, under CI, fails with
   * what to install; call before starting anything.
   */
  static void requireInstalled() {
    String skip = System.getProperty(SKIP, System.getenv(SKIP));
    Assumptions.assumeFalse(
        "true".equalsIgnoreCase(skip), SKIP + "=true: the browser tests are skipped");
    for (String binary : new String[] {CHROMIUM, CHROMEDRIVER}) {
      if (!Files.isExecutable(Path.of(binary))) {
        String why =
            binary
                + " is missing, so the browser tests cannot run. Install Debian's Chromium and"
                + " ChromeDriver: apt-get update && apt-get install -y chromium chromium-driver";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
          // CI must run them: a missing browser there is a broken build, not a skip.
          fail(why + " (CI=true: the browser tests must run)");
        }
        System.out.println("Browser tests skipped: " + why);
        Assumptions.abort(why);
      }
    }
  }

  static ChromeDriver start(Path userDataDir) {
    // Belt and braces: nothing below consults Selenium Manager, and it must never phone home.
    System.setProperty("SE_AVOID_STATS", "true");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-quic",
        "--lang=zh-CN",
        "--window-size=1280,900",
        "--user-data-dir=" + userDataDir);
    // The page's console (errors, refused inline style or script, missing files) for the tests.
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return driver;
  }

  /**
   * The errors the browser's console logged since the last call, on any page of ours: a file that
   * failed to load (a missing favicon), a refused inline style or script, a script that threw. The
   * sandbox's pages stand in for Alipay's and are not ours.
   */
  static List<String> consoleErrors(ChromeDriver driver) {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .filter(message -> !message.contains("/sandbox/"))
        .toList();
  }

  /** The whole page as a PNG (not only the window), for people to look at. */
  static void screenshot(ChromeDriver driver, Path file) {
    try {
      Files.createDirectories(file.getParent());
      byte[] png;
      try {
        Number width = (Number) driver.executeScript("return document.documentElement.scrollWidth");
        Number height =
            (Number) driver.executeScript("return document.documentElement.scrollHeight");
        Map<String, Object> shot =
            driver.executeCdpCommand(
                "Page.captureScreenshot",
                Map.of(
                    "format",
                    "png",
                    "captureBeyondViewport",
                    true,
                    "clip",
                    Map.of(
                        "x", 0,
                        "y", 0,
                        "width", width.intValue(),
                        "height", height.intValue(),
                        "scale", 1)));
        png = Base64.getDecoder().decode((String) shot.get("data"));
      } catch (WebDriverException | ClassCastException noFullPage) {
        png = driver.getScreenshotAs(OutputType.BYTES);
      }
      Files.write(file, png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
