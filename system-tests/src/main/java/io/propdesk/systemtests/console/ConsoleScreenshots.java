package io.propdesk.systemtests.console;

import io.propdesk.standalone.CommandLine;
import io.propdesk.standalone.DemoLoader;
import io.propdesk.standalone.Options;
import io.propdesk.standalone.PropDeskStandalone;
import io.propdesk.standalone.Running;
import io.propdesk.standalone.ServiceClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Screenshots of each console screen in Chinese (zh-CN), 1280×800, for the README: starts the standalone system with
 * the demo estate and tickets ({@code --demo}'s {@link DemoLoader}), signs in as the demo users in headless Debian
 * Chromium and saves {@code docs/console/<screen>.png}. Chinese needs a CJK font on the machine ({@code apt-get install
 * fonts-noto-cjk}). Not a test: run from the repository root, after {@code ./mvnw -q package -DskipTests}: {@code java
 * -cp "system-tests/target/classes:$(cat system-tests/target/classpath.txt)"
 * io.propdesk.systemtests.console.ConsoleScreenshots [--out=docs/console]}.
 */
public final class ConsoleScreenshots {

    private ConsoleScreenshots() {}

    public static void main(String[] argv) throws Exception {
        Path out;
        try {
            Set<String> options = Set.of("out");
            out = Path.of(CommandLine.parse(argv, options).only(options).text("out", "docs/console"));
        } catch (IllegalArgumentException e) {
            System.err.println("console-screenshots: " + e.getMessage() + "; options: --out=DIR");
            System.exit(2);
            return;
        }
        Files.createDirectories(out);
        Path dataDir = Files.createTempDirectory("propdesk-screenshots");
        Path profile = Files.createTempDirectory("propdesk-chromium");
        try (Running system = PropDeskStandalone.start(Options.randomPorts(dataDir))) {
            List<DemoLoader.Step> steps = new DemoLoader().load(ServiceClient.of(system));
            steps.forEach(step -> System.out.println("  " + step));
            String ticketId = steps.stream()
                    .filter(s -> s.ok()
                            && s.path().equals("/api/tickets")
                            && s.body().contains("\"ticketId\""))
                    .map(s -> s.body().replaceAll("(?s).*\"ticketId\"\\s*:\\s*\"([^\"]+)\".*", "$1"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("the demo opened no ticket"));
            Thread.sleep(5_000); // the demo tickets reach dispatch and the ledger

            ChromeOptions chrome = new ChromeOptions();
            chrome.setBinary(System.getProperty("propdesk.chromium", "/usr/bin/chromium"));
            chrome.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--hide-scrollbars",
                    "--lang=zh-CN",
                    "--user-data-dir=" + profile,
                    "--window-size=1280,800");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(Path.of(System.getProperty("propdesk.chromedriver", "/usr/bin/chromedriver"))
                            .toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, chrome);
            // the page itself 1280×800 (a headless window's size includes what a browser's frame would take)
            driver.executeCdpCommand(
                    "Emulation.setDeviceMetricsOverride",
                    Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", false));
            String base = system.consoleUrl();
            try {
                driver.get(base + "/login");
                shoot(driver, out, "login");
                signIn(driver, base, "desk", "desk-demo");
                Map<String, String> desk = new LinkedHashMap<>();
                desk.put("queues", "/queues?tab=new");
                desk.put("queues-due-soon", "/queues?tab=soon");
                desk.put("intake", "/intake?number=13800000001&callId=screenshot-call-1");
                desk.put("ticket", "/tickets/" + ticketId);
                desk.put("handover", "/handover?estateId=sunrise-garden");
                for (Map.Entry<String, String> screen : desk.entrySet()) {
                    driver.get(base + screen.getValue());
                    shoot(driver, out, screen.getKey());
                }
                driver.findElement(By.id("logout")).click();
                new WebDriverWait(driver, Duration.ofSeconds(30))
                        .until(d -> d.getCurrentUrl().contains("/login"));
                signIn(driver, base, "engineering", "engineering-demo");
                driver.get(base + "/board");
                shoot(driver, out, "board");
            } finally {
                driver.quit();
            }
        } finally {
            for (Path dir : List.of(dataDir, profile)) {
                try (var files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder())
                            .forEach(f -> f.toFile().delete());
                }
            }
        }
        System.exit(0);
    }

    private static void signIn(ChromeDriver driver, String base, String user, String password) {
        driver.get(base + "/login");
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> !d.getCurrentUrl().contains("/login"));
    }

    private static void shoot(ChromeDriver driver, Path out, String name) throws Exception {
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> "complete".equals(driver.executeScript("return document.readyState")));
        Thread.sleep(500); // fonts and the first htmx swap
        Path file = out.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        System.out.println("screenshot: " + file);
    }
}
