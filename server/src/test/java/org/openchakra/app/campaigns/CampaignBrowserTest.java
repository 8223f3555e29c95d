package org.openchakra.app.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openchakra.support.AppTest;
import org.openchakra.support.Browser;
import org.openqa.selenium.By;

/** An admin runs a small broadcast to three sandbox customers in the browser and reads its report. */
class CampaignBrowserTest extends AppTest {

    @Test
    void aBroadcastToThreeNumbersCompletesAndItsReportShows() {
        TestTeam team = newTeam();
        sandbox(team);
        UUID admin = newUser(team, "admin", uniqueEmail("nadia"));
        String[] customers = {"919866600001", "919866600002", "919866600003"};
        try (Browser browser = Browser.open()) {
            browser.choosePassword(signInLink(team, admin), PASSWORD);
            browser.await(By.id("inbox"));
            browser.click(By.linkText("Campaigns"));
            browser.click(By.id("new-broadcast"));

            browser.await(By.id("name")).sendKeys("Diwali shipping notice");
            browser.click(By.cssSelector("#step0-template option[value='order_update|en_US']"));
            browser.await(By.id("step0-body-1")).sendKeys("{{row.name}}");
            browser.byId("step0-body-2").sendKeys("#A-1042");
            browser.byId("step0-body-3").sendKeys("Friday");
            browser.screenshot("campaign-new-broadcast");
            browser.click(By.id("create-campaign"));

            browser.await(By.id("campaign"));
            assertThat(browser.byId("campaign-status").getText()).isEqualTo("Draft");
            // A CSV gives each customer their name; pasted numbers would have none for {{row.name}}.
            java.nio.file.Path csv = writeCsv(customers);
            browser.byId("file").sendKeys(csv.toAbsolutePath().toString());
            browser.click(By.id("add-csv"));
            browser.awaitText(By.id("added-notice"), "Added 3");
            browser.awaitText(By.id("recipient-total"), "3 matching");

            browser.click(By.id("start"));
            browser.awaitText(By.id("campaign-status"), "Completed");
            // A completed broadcast takes no more recipients: the page, opened as a draft, stops offering it.
            browser.awaitGone(By.id("add-recipients"));
            browser.awaitText(By.cssSelector("[data-count=completed] dd"), "3");
            // Meta's statuses come back (the sandbox reports delivered, then read): the table follows the report.
            browser.awaitMatch(By.cssSelector("[data-count=read] dd"), "3");
            browser.awaitMatch(By.cssSelector("#recipient-table tbody tr:nth-child(3) .delivery"), "Delivered|Read");
            for (String customer : customers) {
                assertThat(browser.byId("recipient-table").getText()).contains("+" + customer);
            }
            assertThat(browser.byId("report-csv").getAttribute("href")).endsWith("/report.csv");
            browser.screenshot("campaign-report");
            browser.resize(Browser.PHONE);
            browser.screenshot("campaign-report-phone");
            browser.resize(Browser.DESKTOP);

            browser.click(By.linkText("← All campaigns"));
            browser.awaitText(By.id("campaign-table"), "Diwali shipping notice");
            assertThat(browser.byId("campaign-table").getText())
                    .contains("Completed")
                    .contains("3 of 3 done");
            browser.screenshot("campaign-list");
        }
    }

    private static java.nio.file.Path writeCsv(String[] customers) {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("customers", ".csv");
            file.toFile().deleteOnExit();
            java.nio.file.Files.writeString(
                    file,
                    "phoneNumber,name\n" + customers[0] + ",Asha\n" + customers[1] + ",Ravi\n" + customers[2]
                            + ",Meera\n");
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
