package io.propdesk.systemtests.console;

import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian Chromium driven through Debian's chromedriver ({@code apt-get install chromium chromium-driver};
 * {@code .ci/run} installs them), for the browser tests, the screenshots and the live-push benchmark alike. Nothing is
 * downloaded: the browser and driver are named ({@code -Dpropdesk.chromium}, {@code -Dpropdesk.chromedriver}), not
 * looked up.
 */
public final class Chromium {

    public static final Path BINARY = Path.of(System.getProperty("propdesk.chromium", "/usr/bin/chromium"));
    public static final Path DRIVER = Path.of(System.getProperty("propdesk.chromedriver", "/usr/bin/chromedriver"));

    private Chromium() {}

    /** A fresh headless browser on the profile directory given, its window {@code width}×{@code height}. */
    public static ChromeDriver start(Path profile, int width, int height, String language) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--lang=" + language,
                "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return driver;
    }
}
