package org.openchakra.whatsapp.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.openchakra.support.Json.obj;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openchakra.metasim.BusinessAccountSpec;
import org.openchakra.support.Reply;
import org.openchakra.whatsapp.MetaSimulatorTest;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import tools.jackson.databind.JsonNode;

/**
 * The connect page as a partner's client meets it: Debian's headless Chromium, driven through
 * chromedriver, from the link to a connected plugin, with a mistyped token on the way. Screenshots are
 * kept in {@code target/screenshots/}. Skipped only where Chromium or its driver is not installed
 * ({@code .ci/run} installs both).
 */
class ConnectPageBrowserTest extends MetaSimulatorTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Test
    void aClientConnectsACloudAccountFromTheLink() throws IOException {
        Optional<Path> chromium = executable("chromium", "chromium-browser");
        Optional<Path> chromedriver = executable("chromedriver");
        assumeTrue(chromium.isPresent() && chromedriver.isPresent(), "Chromium or chromedriver is not installed");

        TestTeam team = newTeam();
        String waba = nextId();
        String number = nextId();
        meta.registerBusiness(BusinessAccountSpec.builder(waba)
                .accessToken("EAAB-browser")
                .appSecret("b-secret")
                .phoneNumber(number, "+1 555-030-0001")
                .build());
        Reply issued = api().post(
                        PartnerConnectTest.CREATE,
                        team.adminToken(),
                        obj(
                                "newPluginName",
                                "Bakery on Main",
                                "clientName",
                                "Bakery <on> Main",
                                "graphBaseUrl",
                                meta.baseUrl()));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
        String url = issued.data().path("connectUrl").asString();

        Files.createDirectories(SCREENSHOTS);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.get().toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=900,1400",
                "--lang=en-US");
        WebDriver browser = new ChromeDriver(service, options);
        try {
            browser.get(url);
            assertThat(browser.getTitle()).startsWith("Connect WhatsApp");
            assertThat(browser.findElement(By.tagName("main")).getText())
                    .contains("Bakery <on> Main")
                    .contains("Bakery on Main");
            screenshot(browser, "connect-page.png");

            browser.findElement(By.id("wabaId")).sendKeys(waba);
            browser.findElement(By.id("accessToken")).sendKeys("EAAB-mistyped");
            browser.findElement(By.id("appSecret")).sendKeys("b-secret");
            browser.findElement(By.id("connect")).click();
            awaitElement(browser, "errors");
            assertThat(browser.findElement(By.id("errors")).getText()).contains("Meta refused");
            // What was typed stays, except the secrets.
            assertThat(browser.findElement(By.id("wabaId")).getAttribute("value"))
                    .isEqualTo(waba);
            assertThat(browser.findElement(By.id("accessToken")).getAttribute("value"))
                    .isEmpty();
            screenshot(browser, "connect-page-refused.png");

            browser.findElement(By.id("accessToken")).sendKeys("EAAB-browser");
            browser.findElement(By.id("appSecret")).sendKeys("b-secret");
            browser.findElement(By.id("connect")).click();
            awaitElement(browser, "plugin-id");
            assertThat(browser.getTitle()).startsWith("WhatsApp connected");
            String pluginId = browser.findElement(By.id("plugin-id")).getText();
            assertThat(browser.findElement(By.cssSelector(".phone-number-id")).getText())
                    .isEqualTo(number);
            screenshot(browser, "connect-page-connected.png");

            JsonNode plugin = api().get("/v1/admin/plugins/whatsapp/" + pluginId, team.adminToken())
                    .data();
            assertThat(plugin.path("isActive").asBoolean()).isTrue();
            assertThat(plugin.path("mode").asString()).isEqualTo("CLOUD_API");
            assertThat(plugin.path("wabas").get(0).path("id").asString()).isEqualTo(waba);

            browser.get(url);
            assertThat(browser.findElement(By.id("refusal")).getText()).contains("already used");
            screenshot(browser, "connect-page-used.png");
        } finally {
            browser.quit();
        }
    }

    /** The next page, once the browser has it: a click submits and returns before the answer is loaded. */
    private static void awaitElement(WebDriver browser, String id) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !browser.findElements(By.id(id)).isEmpty());
    }

    private static void screenshot(WebDriver browser, String name) throws IOException {
        byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name), png);
    }

    private static Optional<Path> executable(String... names) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.of(names)
                .flatMap(name -> Stream.of(path.split(":")).map(dir -> Path.of(dir, name)))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
