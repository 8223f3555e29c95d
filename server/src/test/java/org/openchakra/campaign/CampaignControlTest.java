package org.openchakra.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchakra.support.Reply;
import tools.jackson.databind.JsonNode;

/**
 * campaigns.md §3: pause stops new sends within a second (what was handed to Meta completes), resume goes on
 * where it stopped, cancel is final. The campaign is paced at 4 messages a second so that it is still running
 * when the test acts on it.
 */
class CampaignControlTest extends CampaignTestSupport {

    private static long sent(Map<String, Long> sends) {
        return sends.values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void pauseStopsNewSendsWithinASecondResumeGoesOnAndCancelIsFinal() throws InterruptedException {
        Sandbox s = sandbox();
        String campaign = campaign(s, "BROADCAST", List.of(step("hello_world")), "throughputMps", 4);
        List<String> numbers = customers(60);
        assertThat(addRecipients(s, campaign, numbers).status()).isEqualTo(200);
        assertThat(action(s, campaign, "start").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> sent(sandboxSends(s)) >= 8);

        Reply paused = action(s, campaign, "pause");
        assertThat(paused.status()).as(paused.toString()).isEqualTo(200);
        assertThat(paused.data().path("status").asString()).isEqualTo("PAUSED");
        Thread.sleep(1000);
        long afterASecond = sent(sandboxSends(s));
        Thread.sleep(2500);
        assertThat(sent(sandboxSends(s)))
                .as("nothing sent more than a second after pause")
                .isEqualTo(afterASecond);
        assertThat(afterASecond).isLessThan(numbers.size());

        assertThat(action(s, campaign, "resume").data().path("status").asString())
                .isEqualTo("RUNNING");
        await().atMost(Duration.ofSeconds(20)).until(() -> sent(sandboxSends(s)) >= afterASecond + 8);

        Reply cancelled = action(s, campaign, "cancel");
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.data().path("status").asString()).isEqualTo("CANCELLED");
        Thread.sleep(1500);
        long atTheEnd = sent(sandboxSends(s));
        Thread.sleep(2000);
        assertThat(sent(sandboxSends(s))).isEqualTo(atTheEnd);
        assertThat(sandboxSends(s).values()).allMatch(n -> n == 1);

        // A send in flight at the cancel went out; its recipient is SKIPPED with that step in its history.
        JsonNode counts = get(s, campaign).data().path("counts");
        assertThat(counts.path("completed").asLong()).isBetween(atTheEnd - 4, atTheEnd);
        assertThat(counts.path("completed").asLong() + counts.path("skipped").asLong())
                .isEqualTo(numbers.size());
        JsonNode skipped = recipients(s, campaign, "status=SKIPPED");
        assertThat(skipped.valueStream())
                .allMatch(r -> r.path("reason").asString().equals("CANCELLED"));
        assertThat(skipped.valueStream().filter(r -> !r.path("lastStep").isNull()))
                .as("skipped with a send that was in flight at the cancel")
                .hasSizeLessThanOrEqualTo(4);
        assertThat(action(s, campaign, "resume").status()).isEqualTo(409);
        assertThat(addRecipients(s, campaign, customers(1)).status()).isEqualTo(409);
    }
}
