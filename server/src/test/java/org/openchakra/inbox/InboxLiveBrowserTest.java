package org.openchakra.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openchakra.support.AppTest;
import org.openchakra.support.Browser;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

/** A sandbox customer writes, and the message appears in the open inbox without a reload (inbox.md §2 "Live"). */
class InboxLiveBrowserTest extends AppTest {

    @Test
    void aCustomersMessagesAppearLiveInTheListAndTheOpenConversation() {
        TestTeam team = newTeam();
        Sandbox sandbox = sandbox(team);
        UUID agent = newUser(team, "agent", uniqueEmail("neha"));
        String link = signInLink(team, agent);
        try (Browser browser = Browser.open()) {
            browser.choosePassword(link, PASSWORD);
            browser.await(By.id("inbox"));
            assertThat(browser.find(By.id("chat-list")).getText()).contains("No chats here");
            browser.await(By.cssSelector("#live"));

            customerWrites(
                    team,
                    sandbox,
                    "919812300001",
                    "Meera <script>alert(1)</script>",
                    "Hello *there*, see https://example.com/a_b");
            WebElement row = browser.awaitText(By.id("chat-list"), "Meera");
            assertThat(row.getText())
                    .contains("Meera <script>alert(1)</script>")
                    .contains("Hello *there*");
            assertThat(browser.title()).startsWith("(1) Inbox");

            browser.click(By.cssSelector("#chat-list li.chat-row a"));
            browser.await(By.cssSelector("#messages li.msg"));
            WebElement message = browser.find(By.cssSelector("#messages li.msg.in .text"));
            assertThat(message.getText()).isEqualTo("Hello there, see https://example.com/a_b");
            assertThat(message.findElement(By.tagName("strong")).getText()).isEqualTo("there");
            assertThat(message.findElement(By.tagName("a")).getAttribute("rel")).isEqualTo("noopener noreferrer");
            assertThat(browser.title()).startsWith("Inbox");

            customerWrites(team, sandbox, "919812300001", "Meera <script>alert(1)</script>", "Are you there?");
            browser.awaitText(By.id("messages"), "Are you there?");
            assertThat(browser.findAll(By.cssSelector("#messages li.msg"))).hasSize(2);

            // Markup a customer sends is text: it shows as typed, and nothing of it runs.
            customerWrites(
                    team, sandbox, "919812300001", "Meera <script>alert(1)</script>", "<img src=x onerror=alert(1)>");
            browser.awaitText(By.id("messages"), "<img src=x onerror=alert(1)>");
            assertThat(browser.findAll(
                            By.cssSelector("#messages img[src=x], #chat-list img[src=x], script:not([src])")))
                    .isEmpty();
            assertThatThrownBy(() -> browser.driver().switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
            assertThat(browser.findAll(By.cssSelector("#messages li.msg"))).hasSize(3);
            // Read where it arrived: the chat open in a tab in view counts nothing unread.
            browser.awaitGone(By.cssSelector("#chat-list .unread"));
            assertThat(browser.title()).startsWith("Inbox");
            browser.screenshot("inbox-live-desktop");
            browser.resize(Browser.PHONE);
            browser.screenshot("inbox-live-phone-conversation");
            browser.click(By.cssSelector(".conversation-header .back"));
            browser.screenshot("inbox-live-phone-list");
        }
    }
}
