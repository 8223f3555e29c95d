package org.openchakra.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openchakra.support.AppTest;
import org.openchakra.support.Browser;
import org.openqa.selenium.By;

/** A person opens the sign-in link an admin gave them, chooses a password, signs out and in again. */
class SignInBrowserTest extends AppTest {

    @Test
    void signInFromALinkThenWithThePassword() {
        TestTeam team = newTeam();
        String email = uniqueEmail("priya");
        UUID user = newUser(team, "agent", email);
        String link = signInLink(team, user);
        try (Browser browser = Browser.open()) {
            browser.get(link);
            assertThat(browser.title()).startsWith("Choose your password");
            browser.screenshot("sign-in-choose-password");
            browser.choosePassword(link, AppTest.PASSWORD);
            browser.await(By.id("inbox"));
            assertThat(browser.title()).startsWith("Inbox");
            assertThat(browser.find(By.cssSelector(".signed-in")).getText()).contains("Team " + team.shortName());
            browser.screenshot("inbox-signed-in");

            browser.find(By.cssSelector(".signout button")).click();
            browser.await(By.id("sign-in"));
            assertThat(browser.find(By.cssSelector(".notice")).getText()).contains("signed out");

            browser.byId("login").sendKeys(email);
            browser.byId("password").sendKeys("wrong password, twelve+");
            browser.byId("sign-in").click();
            assertThat(browser.await(By.id("sign-in-error")).getText()).contains("wrong");
            browser.screenshot("sign-in-wrong-password");
            browser.resize(Browser.PHONE);
            browser.screenshot("sign-in-wrong-password-phone");
            browser.resize(Browser.DESKTOP);

            browser.byId("password").sendKeys(AppTest.PASSWORD);
            browser.byId("sign-in").click();
            browser.await(By.id("inbox"));

            // The link was spent when the password was chosen.
            browser.get(link);
            assertThat(browser.await(By.id("link-invalid")).getText()).contains("cannot be used");
        }
    }
}
