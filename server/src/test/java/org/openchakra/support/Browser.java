package org.openchakra.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through chromedriver, for tests that use the web app as a person does.
 * Skips the calling test where Chromium or its driver is not installed ({@code .ci/run} installs both).
 * Screenshots go to {@code target/screenshots/}. Close it (try-with-resources) to end the browser.
 */
public final class Browser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    public static final Dimension DESKTOP = new Dimension(1280, 860);
    public static final Dimension PHONE = new Dimension(390, 844);
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final ChromeDriver driver;

    private Browser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** A new headless browser at desktop size; the test is skipped where there is none. */
    public static Browser open() {
        Optional<Path> chromium = executable("chromium", "chromium-browser");
        Optional<Path> chromedriver = executable("chromedriver");
        assumeTrue(chromium.isPresent() && chromedriver.isPresent(), "Chromium or chromedriver is not installed");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.get().toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        // The flags this machine (and CI) needs: no sandbox as root, /tmp for shared memory, no GPU.
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=" + DESKTOP.width + "," + DESKTOP.height,
                "--lang=en-US");
        return new Browser(new ChromeDriver(service, options));
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void get(String url) {
        driver.get(url);
    }

    public String title() {
        return driver.getTitle();
    }

    public String currentUrl() {
        return driver.getCurrentUrl();
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    public WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    /** The element once it is on the page (a click returns before the next page or fragment arrives). */
    public WebElement await(By by) {
        until(() -> !driver.findElements(by).isEmpty(), "no " + by);
        return driver.findElement(by);
    }

    /** Waits until the element's text contains {@code text}. */
    public WebElement awaitText(By by, String text) {
        until(() -> driver.findElement(by).getText().contains(text), "no '" + text + "' in " + by);
        return driver.findElement(by);
    }

    /**
     * Clicks the element once it is there; live updates replace elements under the test's feet, so a click
     * on an element that was just replaced is tried again on its successor.
     */
    public void click(By by) {
        until(
                () -> {
                    driver.findElement(by).click();
                    return true;
                },
                "could not click " + by);
    }

    /** Waits until the element's whole text matches {@code regex}. */
    public WebElement awaitMatch(By by, String regex) {
        until(() -> driver.findElement(by).getText().matches(regex), "no text matching " + regex + " in " + by);
        return driver.findElement(by);
    }

    public void awaitGone(By by) {
        until(() -> driver.findElements(by).isEmpty(), "still " + by);
    }

    /** Waits; when the wait fails, the page as it was goes to {@code target/screenshots/failed-*.png}. */
    private void until(java.util.concurrent.Callable<Boolean> condition, String what) {
        try {
            org.awaitility.Awaitility.await()
                    .atMost(PATIENCE)
                    .ignoreExceptions()
                    .until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Path shot = screenshot("failed-" + System.currentTimeMillis());
            throw new AssertionError(what + " within " + PATIENCE.toSeconds() + " s; the page: " + shot, e);
        }
    }

    public void resize(Dimension size) {
        driver.manage().window().setSize(size);
    }

    public Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Saves a screenshot as {@code target/screenshots/<name>.png} and answers its path. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a sign-in link and chooses a password there: the browser is signed in afterwards. */
    public void choosePassword(String linkUrl, String password) {
        get(linkUrl);
        await(By.id("password")).sendKeys(password);
        byId("confirmation").sendKeys(password);
        byId("save-password").click();
        // Until the answer's page has come: a caller's next get() issued while the form's POST is in flight was
        // overtaken by its redirect to the inbox (InboxConversationBrowserTest, CI of 4e17d17).
        awaitGone(By.id("save-password"));
    }

    /** Signs in through the sign-in page. */
    public void signIn(String baseUrl, String login, String password) {
        get(baseUrl + "/app/sign-in");
        await(By.id("login")).sendKeys(login);
        byId("password").sendKeys(password);
        byId("sign-in").click();
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static Optional<Path> executable(String... names) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.of(names)
                .flatMap(name -> Stream.of(path.split(":")).map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
