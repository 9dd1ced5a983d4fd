package org.relief.systemtests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.relief.kernel.testing.TestInfrastructure;

/**
 * One dispatcher's browser on the dispatch desk: Debian's headless Chromium driven through its own chromedriver (no
 * Selenium Manager, no download), a fresh profile, a 1280×900 window, English as the browser's language. Every look-up
 * goes through the page's {@code data-test} attributes and waits (WebDriverWait), since the board re-renders whenever
 * the live stream says dispatch's data changed.
 */
final class DeskBrowser implements AutoCloseable {
    static final String CHROMIUM = System.getProperty("relief.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("relief.chromedriver", "/usr/bin/chromedriver");
    static final Duration WAIT = Duration.ofSeconds(20);

    final String name;
    final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;
    private final List<LogEntry> console = new ArrayList<>();

    private DeskBrowser(String name, ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.name = name;
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    /**
     * Starts Chromium on {@code url}. A browser that cannot start fails the test with what to install: the desk's
     * test is never skipped.
     */
    static DeskBrowser open(String name, String url) throws IOException {
        for (String file : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!new File(file).canExecute()) {
                throw new IllegalStateException(
                        file + " is missing: the dispatch desk's browser test needs Debian's "
                                + "chromium and chromium-driver (apt-get install -y chromium chromium-driver; .ci/run installs them)");
            }
        }
        // Selenium Manager is never asked: the driver and the browser are named here
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        Path logs = TestInfrastructure.projectRoot().resolve("system-tests/target/desk");
        Files.createDirectories(logs);
        Path profile = Files.createTempDirectory("desk-chromium-" + name + "-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile,
                "--window-size=1280,900",
                "--lang=en-US");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .withLogFile(logs.resolve(name + "-chromedriver.log").toFile())
                .build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            service.stop();
            throw new IllegalStateException(
                    "Chromium (" + CHROMIUM + ") did not start through " + CHROMEDRIVER + "; see "
                            + logs.resolve(name + "-chromedriver.log") + ": " + e.getMessage(),
                    e);
        }
        DeskBrowser browser = new DeskBrowser(name, service, driver, profile);
        driver.get(url);
        browser.resize(1280, 900);
        return browser;
    }

    // ------------------------------------------------------------------ waiting and finding

    /** Waits until {@code condition} gives a value (not null, not false), looking again when the board re-rendered. */
    <T> T await(String what, Function<WebDriver, T> condition) {
        return await(what, WAIT, condition);
    }

    <T> T await(String what, Duration max, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, max)
                .pollingEvery(Duration.ofMillis(100))
                .ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .withMessage(() -> name + ": " + what)
                .until(condition);
    }

    static By test(String name) {
        return By.cssSelector("[data-test='" + name + "']");
    }

    static By row(String section, String tripId) {
        return By.cssSelector("[data-test='" + section + "'] tr[data-trip-id='" + tripId + "']");
    }

    static By action(String section, String tripId, String action) {
        return By.cssSelector(
                "[data-test='" + section + "'] tr[data-trip-id='" + tripId + "'] button[data-action='" + action + "']");
    }

    boolean present(By by) {
        return !driver.findElements(by).isEmpty();
    }

    boolean visible(By by) {
        return fresh(() -> driver.findElements(by).stream().anyMatch(WebElement::isDisplayed));
    }

    /** The text of the first element {@code by} finds, or null. */
    String text(By by) {
        return fresh(() -> {
            List<WebElement> found = driver.findElements(by);
            return found.isEmpty() ? null : found.get(0).getText().strip();
        });
    }

    /**
     * Reads the page again when the board re-rendered between finding an element and reading it (a board event
     * replaces the sections' elements at any moment; CI met it on the first read after signing in).
     */
    private static <T> T fresh(java.util.function.Supplier<T> read) {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (StaleElementReferenceException rerendered) {
                if (attempt == 10) {
                    throw rerendered;
                }
            }
        }
    }

    WebElement awaitVisible(By by) {
        return await("visible: " + by, d -> {
            WebElement e = d.findElement(by);
            return e.isDisplayed() ? e : null;
        });
    }

    void awaitGone(By by) {
        await("gone: " + by, d -> d.findElements(by).isEmpty());
    }

    /** Clicks what {@code by} finds, finding it again if the board re-rendered under the click. */
    void click(By by) {
        await("click " + by, d -> {
            WebElement e = d.findElement(by);
            if (!e.isDisplayed() || !e.isEnabled()) {
                return false;
            }
            e.click();
            return true;
        });
    }

    void type(By by, String text) {
        WebElement e = awaitVisible(by);
        e.clear();
        e.sendKeys(text);
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    // ------------------------------------------------------------------ the desk

    /** Pastes {@code token} into the sign-in box and signs in. */
    void signIn(String token) {
        WebElement box = awaitVisible(test("token-input"));
        box.clear();
        // pasted as a whole, as a person pastes: typing 700 characters key by key adds nothing to the test
        js("arguments[0].value = arguments[1];", box, token);
        click(test("sign-in"));
    }

    void awaitBoard() {
        awaitVisible(test("board"));
        await("the live stream connects", d -> "live"
                .equals(d.findElement(test("live")).getAttribute("data-state")));
    }

    boolean dialogOpen() {
        return Boolean.TRUE.equals(js("return document.getElementById('dialog').open;"));
    }

    void awaitDialog(String kind) {
        await(
                "the " + kind + " dialog opens",
                d -> dialogOpen()
                        && kind.equals(d.findElement(By.id("dialog-form")).getAttribute("data-kind")));
    }

    /** Submits the open dialog and waits until it closes; an error it shows instead fails the test with its text. */
    void submitDialog() {
        click(test("dialog-submit"));
        await("the dialog closes after submit", d -> {
            if (!dialogOpen()) {
                return true;
            }
            String error = text(test("dialog-error"));
            if (visible(test("dialog-error")) && error != null && !error.isEmpty()) {
                throw new AssertionError(name + ": the dialog answered " + error);
            }
            if (visible(test("conflict"))) {
                throw new AssertionError(name + ": the dialog answered " + text(test("conflict")));
            }
            return false;
        });
    }

    void pressEscape() {
        driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
    }

    void setLanguage(String lang) {
        click(test("lang-" + lang));
        await("the page speaks " + lang, d -> ("zh".equals(lang) ? "zh-CN" : "en")
                .equals(d.findElement(By.tagName("html")).getAttribute("lang")));
    }

    /** The page's viewport (not the window around it) becomes {@code width}×{@code height}. */
    void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        await("the viewport is " + width + "×" + height, d -> {
            int w = ((Number) js("return window.innerWidth;")).intValue();
            int h = ((Number) js("return window.innerHeight;")).intValue();
            if (w == width && h == height) {
                return true;
            }
            Dimension outer = driver.manage().window().getSize();
            driver.manage()
                    .window()
                    .setSize(new Dimension(outer.getWidth() + width - w, outer.getHeight() + height - h));
            return false;
        });
    }

    /** A picture of the page for the docs: from its top, no focus ring. */
    void picture(Path file) throws IOException {
        js("window.scrollTo(0, 0); if (document.activeElement) { document.activeElement.blur(); }");
        screenshot(file);
    }

    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    /**
     * The browser console's errors so far, less the failed requests the page answers on purpose (a refused token, a
     * 403, a 412): a blocked inline script or style (CSP) or an uncaught exception shows here.
     */
    List<String> consoleErrors() {
        console.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
        return console.stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.contains("Failed to load resource"))
                .toList();
    }

    /** What a failed test leaves for reading: the screen, the page's DOM and the console. */
    void dump(Path dir, String label) {
        try {
            Files.createDirectories(dir);
            screenshot(dir.resolve(label + "-" + name + ".png"));
            Files.writeString(
                    dir.resolve(label + "-" + name + ".html"), driver.getPageSource(), StandardCharsets.UTF_8);
            console.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
            Files.write(
                    dir.resolve(label + "-" + name + "-console.txt"),
                    console.stream().map(LogEntry::toString).toList(),
                    StandardCharsets.UTF_8);
        } catch (RuntimeException | IOException e) {
            System.err.println(name + ": could not keep the page after a failure: " + e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .map(Path::toFile)
                        .forEach(File::delete);
            }
        }
    }
}
