package org.openchakra.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchakra.support.Reply;
import tools.jackson.databind.JsonNode;

/** campaigns.md §2-§3: a broadcast to a list through the sandbox, each number getting it exactly once. */
class CampaignBroadcastTest extends CampaignTestSupport {

    @Test
    void aBroadcastReachesEveryNumberOfItsListExactlyOnce() {
        Sandbox s = sandbox();
        String campaign = campaign(s, "BROADCAST", List.of(step("hello_world")));
        List<String> numbers = customers(30);
        List<String> list = new ArrayList<>(numbers);
        list.add("+" + numbers.get(0)); // the same digits again
        list.add("12345"); // no phone number
        Reply added = addRecipients(s, campaign, list);
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(added.data().path("added").asInt()).isEqualTo(30);
        assertThat(added.data().path("duplicates").asInt()).isEqualTo(1);
        assertThat(added.data().path("invalid").asInt()).isEqualTo(1);

        Reply started = action(s, campaign, "start");
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        assertThat(started.data().path("status").asString()).isEqualTo("RUNNING");

        JsonNode done = awaitCampaign(
                s,
                campaign,
                Duration.ofSeconds(30),
                c -> c.path("status").asString().equals("COMPLETED"));
        assertThat(done.path("counts").path("total").asInt()).isEqualTo(30);
        assertThat(done.path("counts").path("completed").asInt()).isEqualTo(30);

        Map<String, Long> sends = sandboxSends(s);
        assertThat(sends.keySet()).containsExactlyInAnyOrderElementsOf(numbers);
        assertThat(sends.values()).allMatch(n -> n == 1);

        // Statuses come back through Meta's webhooks: every recipient's latest step is delivered or read.
        JsonNode delivered = awaitCampaign(
                s,
                campaign,
                Duration.ofSeconds(30),
                c -> c.path("counts").path("delivered").asInt()
                                + c.path("counts").path("read").asInt()
                        == 30);
        assertThat(delivered.path("counts").path("failed").asInt()).isZero();

        JsonNode recipient =
                recipients(s, campaign, "phoneNumber=" + numbers.get(3)).get(0);
        assertThat(recipient.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(recipient.path("lead").isNull()).isFalse();
        JsonNode last = recipient.path("lastStep");
        assertThat(last.path("status").asString()).isEqualTo("SENT");
        assertThat(last.path("externalId").asString()).startsWith("wamid.");
        Reply messages = api().post(
                        "/v1/ext/plugin/whatsapp/list-chat-messages-for-phone-number",
                        s.token(),
                        obj("customerPhoneNumber", numbers.get(3)));
        JsonNode message = messages.data().get(0);
        assertThat(message.path("id").asString())
                .isEqualTo(last.path("chatMessageId").asString());
        assertThat(message.path("source").path("sourceType").asString()).isEqualTo("CAMPAIGN");
        assertThat(message.path("campaign").asString()).isEqualTo(campaign);
        assertThat(message.path("externalId").asString())
                .isEqualTo(last.path("externalId").asString());
    }
}
