package org.openchakra.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.openchakra.support.AppSession;
import org.openchakra.support.AppTest;
import org.openchakra.support.Browser;
import org.openchakra.support.Reply;
import org.openchakra.support.ServerProcess;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Two server instances on one database (inbox.md §2 "Live", §1): a session made on one is known to the
 * other, and a customer's message that arrives through the other instance appears live in a browser
 * connected to this one (PostgreSQL LISTEN/NOTIFY carries the news).
 */
class InboxTwoInstancesTest extends AppTest {

    @Autowired
    DataSource dataSource;

    @Test
    void sessionsAndLiveUpdatesHoldAcrossInstances() throws Exception {
        TestTeam team = newTeam();
        Sandbox sandbox = sandbox(team);
        UUID agent = newUser(team, "agent", uniqueEmail("two"));
        Path dataDir =
                Files.createDirectories(Path.of("target", "test-data")).resolve("inbox-second-" + System.nanoTime());
        try (ServerProcess second = new ServerProcess(
                dataDir,
                Map.of(
                        "OPENCHAKRA_DATABASE_URL", ((HikariDataSource) dataSource).getJdbcUrl(),
                        "OPENCHAKRA_DATABASE_USER", "postgres",
                        "OPENCHAKRA_DATABASE_PASSWORD",
                                Files.readString(DATA_DIR.resolve("postgres.password"))
                                        .trim(),
                        "OPENCHAKRA_SECRET_KEY",
                                Files.readString(DATA_DIR.resolve("secret.key")).trim()))) {
            second.start();

            // One sign-in, both instances: the session is in PostgreSQL.
            AppSession pages = signedIn(team, agent);
            AppSession sameCookies = new AppSession(second.api().baseUrl());
            pages.cookies()
                    .getCookieStore()
                    .getCookies()
                    .forEach(c -> sameCookies
                            .cookies()
                            .getCookieStore()
                            .add(java.net.URI.create(second.api().baseUrl()), c));
            Reply onSecond = sameCookies.get("/app");
            assertThat(onSecond.status()).isEqualTo(200);
            assertThat(onSecond.raw()).contains("Team " + team.shortName());

            try (Browser browser = Browser.open()) {
                browser.choosePassword(signInLink(team, agent), "another long password!");
                browser.await(By.id("inbox"));
                browser.await(By.cssSelector("#live"));
                // The customer writes to the other instance: its simulator, its webhook endpoint.
                Reply wrote = second.api()
                        .post(
                                "/v1/sandbox/" + sandbox.pluginId() + "/inbound",
                                team.adminToken(),
                                obj("from", "919812377777", "name", "Far Away Farah", "text", "via the other one"));
                assertThat(wrote.status()).as(wrote.toString()).isEqualTo(200);
                browser.awaitText(By.id("chat-list"), "Far Away Farah");
                assertThat(browser.find(By.id("chat-list")).getText()).contains("via the other one");
            }
        }
    }
}
