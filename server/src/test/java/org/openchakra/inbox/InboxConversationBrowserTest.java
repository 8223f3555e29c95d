package org.openchakra.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.openchakra.support.Json.obj;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openchakra.support.AppTest;
import org.openchakra.support.Browser;
import org.openchakra.support.Reply;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** A person works a sandbox customer's chat in the browser (inbox.md §2, §3 "Tested as people use it"). */
class InboxConversationBrowserTest extends AppTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void replyAttachAnImageSeeTheCustomersImageAndSendATemplateOnceTheWindowCloses() throws IOException {
        TestTeam team = newTeam();
        Sandbox sandbox = sandbox(team);
        UUID asha = newUser(team, "manager", uniqueEmail("asha"));
        String customer = "919812355501";
        customerWrites(team, sandbox, customer, "Meera Shah", "Hi, is my order on its way?");
        UUID chatId = awaitChat(team, customer);
        try (Browser browser = Browser.open()) {
            browser.choosePassword(signInLink(team, asha), PASSWORD);
            browser.click(By.cssSelector("#chat-" + chatId + " a"));
            browser.awaitText(By.id("messages"), "is my order on its way?");

            // A reply, sent with Enter: it goes out and its status comes back.
            WebElement text = browser.await(By.id("text"));
            text.sendKeys("Yes, it ships *today*");
            text.sendKeys(Keys.ENTER);
            browser.awaitText(By.cssSelector("#messages li.msg.out .text"), "Yes, it ships today");
            // The live update may replace the message under the test's feet: read it again until it is there.
            browser.awaitMatch(By.cssSelector("#messages li.msg.out .text strong"), "today");
            // Meta's statuses come back (the sandbox reports delivered, then read, unless told otherwise).
            browser.awaitMatch(By.cssSelector("#messages li.msg.out .status"), "Delivered|Read");
            assertThat(browser.find(By.id("text")).getAttribute("value")).isEmpty();

            // The API sees an ordinary chat message, sent by the person from the inbox.
            Reply history = api().post("/v1/ext/chat/" + chatId + "/message", team.adminToken(), obj("limit", 10));
            JsonNode sent = history.data().get(0);
            assertThat(sent.path("direction").asString()).isEqualTo("OUTBOUND");
            assertThat(sent.path("source").path("sourceType").asString()).isEqualTo("INBOX");
            assertThat(sent.path("user").asString()).isEqualTo(asha.toString());
            assertThat(sent.path("text").asString()).isEqualTo("Yes, it ships *today*");

            // An image from the computer, with a caption.
            Path picture = Files.createTempFile("label", ".png");
            Files.write(picture, png(Color.ORANGE));
            browser.find(By.id("file")).sendKeys(picture.toAbsolutePath().toString());
            browser.find(By.id("text")).sendKeys("Here is your shipping label");
            browser.click(By.id("send"));
            awaitImageLoaded(browser, "#messages li.msg.out[data-kind=image] img.media");
            browser.awaitText(
                    By.cssSelector("#messages li.msg.out[data-kind=image] .caption"), "Here is your shipping label");

            // The customer sends a photo: it arrives live and shows.
            Reply photo = api().post(
                            "/v1/sandbox/" + sandbox.pluginId() + "/inbound",
                            team.adminToken(),
                            obj(
                                    "from",
                                    customer,
                                    "name",
                                    "Meera Shah",
                                    "type",
                                    "image",
                                    "image",
                                    obj("caption", "the parcel I got"),
                                    "mediaBase64",
                                    Base64.getEncoder().encodeToString(png(Color.BLUE))));
            assertThat(photo.status()).as(photo.toString()).isEqualTo(200);
            awaitImageLoaded(browser, "#messages li.msg.in[data-kind=image] img.media");
            browser.screenshot("conversation-desktop");
            browser.resize(Browser.PHONE);
            browser.screenshot("conversation-phone");
            browser.resize(Browser.DESKTOP);

            // A day later the window has closed: the composer offers templates instead.
            jdbc.sql("UPDATE customer_window SET last_inbound_at = now() - interval '25 hours'"
                            + " WHERE team_id = :team AND contact_identifier = :customer")
                    .param("team", team.id())
                    .param("customer", customer)
                    .update();
            browser.get(baseUrl() + "/app/chats/" + chatId);
            assertThat(browser.await(By.cssSelector("#composer .closed-note")).isDisplayed())
                    .isTrue();
            assertThat(browser.find(By.id("text")).isEnabled()).isFalse();
            assertThat(browser.find(By.id("send")).isEnabled()).isFalse();

            browser.click(By.id("open-templates"));
            browser.click(By.cssSelector("button.template-choice[data-template=order_update]"));
            browser.await(By.id("body-1")).sendKeys("Meera");
            browser.find(By.id("body-2")).sendKeys("#1234");
            browser.find(By.id("body-3")).sendKeys("Monday");
            browser.awaitText(
                    By.id("preview-body"), "Hi Meera, your order #1234 has shipped and will arrive on Monday.");
            browser.screenshot("template-picker");
            browser.click(By.id("send-template"));
            browser.awaitText(
                    By.cssSelector("#messages li.msg.out[data-kind=template]"),
                    "Hi Meera, your order #1234 has shipped and will arrive on Monday.");
            browser.awaitGone(By.id("template-form"));
            browser.screenshot("template-sent");
        }
    }

    @Test
    void assignToAnotherAgentWhoThenSeesItLiveThenCloseAndReopen() {
        TestTeam team = newTeam();
        Sandbox sandbox = sandbox(team);
        UUID ravi = newUser(team, "agent", uniqueEmail("ravi"));
        UUID neha = newUser(team, "agent", uniqueEmail("neha"));
        customerWrites(team, sandbox, "919812355502", "Kabir", "Can someone call me?");
        UUID chatId = awaitChat(team, "919812355502");
        // Neha's own chat, so that her list is not empty when Ravi's arrives.
        customerWrites(team, sandbox, "919812355503", "Zoya", "Hello");
        UUID nehas = awaitChat(team, "919812355503");
        assign(team, nehas, neha);
        try (Browser ravis = Browser.open();
                Browser nehasBrowser = Browser.open()) {
            nehasBrowser.choosePassword(signInLink(team, neha), PASSWORD);
            nehasBrowser.get(baseUrl() + "/app?who=mine");
            nehasBrowser.await(By.id("chat-" + nehas));
            nehasBrowser.await(By.cssSelector("#live"));

            ravis.choosePassword(signInLink(team, ravi), PASSWORD);
            ravis.click(By.cssSelector("#chat-" + chatId + " a"));
            ravis.awaitText(By.id("messages"), "Can someone call me?");
            ravis.click(By.id("assign-me"));
            ravis.awaitText(By.id("conversation-header"), "→");
            ravis.click(By.cssSelector("#assignee option[value='" + neha + "']"));
            ravis.click(By.id("assign"));
            // Ravi no longer sees the chat: his page goes back to the list, without it.
            ravis.awaitGone(By.id("chat-" + chatId));
            assertThat(ravis.findAll(By.id("messages"))).isEmpty();

            // Neha's list gets it without a reload.
            nehasBrowser.awaitText(By.id("chat-" + chatId), "Kabir");
            nehasBrowser.click(By.cssSelector("#chat-" + chatId + " a"));
            nehasBrowser.awaitText(By.id("messages"), "Can someone call me?");
            nehasBrowser.click(By.id("close-chat"));
            nehasBrowser.awaitText(By.cssSelector("#conversation-header .badge"), "Closed");
            // Closed chats leave the list of open ones.
            nehasBrowser.awaitGone(By.id("chat-" + chatId));
            nehasBrowser.screenshot("chat-closed");
            nehasBrowser.click(By.id("reopen-chat"));
            nehasBrowser.awaitText(By.cssSelector("#conversation-header .badge"), "Open");
            nehasBrowser.await(By.id("chat-" + chatId));
        }
        Reply chat = api().get("/v1/ext/chat/" + chatId, team.adminToken());
        assertThat(chat.data().path("assignedTo").asString()).isEqualTo(neha.toString());
        assertThat(chat.data().path("status").asString()).isEqualTo("OPEN");
    }

    @Test
    void aLongChatOpensAtItsLatestMessagesAndEarlierOnesComeInPagesEachOnceWhereTheyBelong() {
        TestTeam team = newTeam();
        Sandbox sandbox = sandbox(team);
        UUID asha = newUser(team, "manager", uniqueEmail("asha"));
        String customer = "919812355504";
        customerWrites(team, sandbox, customer, "Long Talker", "And one more thing");
        UUID chatId = awaitChat(team, customer);
        // 449 earlier messages, 5 minutes apart (so over several days), every tenth at the same instant as the one
        // before it: pages must split ties by id, neither losing nor repeating one.
        jdbc.sql("""
                        INSERT INTO chat_message (team_id, chat_id, plugin_id, whatsapp_phone_number_id,
                                                  contact_identifier, external_id, data_type, body, text,
                                                  delivery_status, direction, timestamp, source_type)
                        SELECT m.team_id, m.chat_id, m.plugin_id, m.whatsapp_phone_number_id, m.contact_identifier,
                               'wamid.earlier-' || i, 'text',
                               jsonb_build_object('type', 'text', 'text', jsonb_build_object('body', 'Earlier ' || i)),
                               'Earlier ' || i, 'RECEIVED', 'INBOUND',
                               m.timestamp - make_interval(mins => 5 * (450 - i - CASE WHEN i % 10 = 0 THEN 1 ELSE 0 END)),
                               'INBOUND'
                        FROM chat_message m, generate_series(1, 449) AS i
                        WHERE m.chat_id = :chat
                        """).param("chat", chatId).update();
        List<String> all = jdbc.sql(
                        "SELECT 'msg-' || id FROM chat_message WHERE chat_id = :chat ORDER BY timestamp, id")
                .param("chat", chatId)
                .query(String.class)
                .list();
        assertThat(all).hasSize(450);
        try (Browser browser = Browser.open()) {
            browser.choosePassword(signInLink(team, asha), PASSWORD);
            browser.get(baseUrl() + "/app/chats/" + chatId);
            browser.awaitText(By.id("messages"), "And one more thing");
            assertThat(shownIds(browser)).isEqualTo(all.subList(250, 450));

            // Each click brings the 200 before, above; the message that was at the top stays where it was seen.
            int[] expected = {400, 450};
            for (int count : expected) {
                String top = shownIds(browser).get(0);
                double before = atTheTop(browser, top);
                browser.click(By.cssSelector("#messages li.earlier button"));
                org.awaitility.Awaitility.await()
                        .atMost(Duration.ofSeconds(20))
                        .until(() -> shownIds(browser).size() == count);
                org.awaitility.Awaitility.await()
                        .atMost(Duration.ofSeconds(5))
                        .untilAsserted(() -> assertThat(topOf(browser, top)).isCloseTo(before, within(2.0)));
                assertThat(shownIds(browser)).isEqualTo(all.subList(450 - count, 450));
            }
            assertThat(browser.findAll(By.cssSelector("#messages li.earlier"))).isEmpty();
            // One separator a day, however the pages split the days.
            @SuppressWarnings("unchecked")
            List<String> days = (List<String>) browser.script(
                    "return Array.from(document.querySelectorAll('#messages > li.day')).map(d => d.textContent);");
            assertThat(days).doesNotHaveDuplicates().hasSizeGreaterThan(1);
            browser.screenshot("conversation-earlier-messages");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> shownIds(Browser browser) {
        return (List<String>)
                browser.script("return Array.from(document.querySelectorAll('#messages li.msg')).map(li => li.id);");
    }

    /**
     * Scrolls the conversation to its top and answers where the message is once the page stopped moving (messages
     * are laid out as they scroll into view; the live stream's first connection may reload the conversation).
     */
    private static double atTheTop(Browser browser, String id) {
        browser.await(By.id("live"));
        double[] last = {Double.NaN};
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    browser.script("document.getElementById('messages').scrollTop = 0;");
                    double now = topOf(browser, id);
                    boolean still = now == last[0];
                    last[0] = now;
                    return still;
                });
        return last[0];
    }

    private static double topOf(Browser browser, String id) {
        return ((Number)
                        browser.script("return document.getElementById(arguments[0]).getBoundingClientRect().top;", id))
                .doubleValue();
    }

    /** The image is on the page and its bytes decoded (a broken image has no natural width). */
    private static void awaitImageLoaded(Browser browser, String selector) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(20))
                .ignoreExceptions()
                .until(() -> ((Number) browser.script(
                                        "var i = document.querySelector(arguments[0]);"
                                                + " return i && i.complete ? i.naturalWidth : 0;",
                                        selector))
                                .intValue()
                        > 0);
    }

    static byte[] png(Color color) throws IOException {
        BufferedImage image = new BufferedImage(120, 80, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 120, 80);
        g.setColor(Color.WHITE);
        g.fillOval(30, 10, 60, 60);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
