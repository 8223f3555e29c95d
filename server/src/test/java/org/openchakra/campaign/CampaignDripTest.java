package org.openchakra.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openchakra.support.Json.obj;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchakra.support.Reply;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * campaigns.md §1, §3: a two-step drip waits for each step's delay, fills the second step from the recipient's
 * row, and stops the enrollment of a customer who replies before the next step.
 */
class CampaignDripTest extends CampaignTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aTwoStepDripWaitsForTheDelayAndStopsOnReply() {
        Sandbox s = sandbox();
        String campaign = campaign(
                s,
                "DRIP",
                List.of(
                        step("hello_world"),
                        step(
                                "order_update",
                                "delayMinutes",
                                60,
                                "mapping",
                                mapping("1", "{{row.name}}", "2", "{{row.order}}", "3", "Monday"))));
        List<String> numbers = customers(3);
        Reply added = api().post(
                        "/v1/admin/campaigns/" + campaign + "/recipients",
                        s.token(),
                        obj(
                                "recipients",
                                List.of(
                                        obj("phoneNumber", numbers.get(0), "row", obj("name", "Asha", "order", "#1")),
                                        obj("phoneNumber", numbers.get(1), "row", obj("name", "Ravi", "order", "#2")),
                                        obj(
                                                "phoneNumber",
                                                numbers.get(2),
                                                "row",
                                                obj("name", "Meera", "order", "#3")))));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(action(s, campaign, "start").status()).isEqualTo(200);

        // The first step goes at once; the second is due an hour after it.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> recipients(s, campaign, "status=ACTIVE").size() == 3);
        JsonNode first =
                recipients(s, campaign, "phoneNumber=" + numbers.get(0)).get(0);
        assertThat(first.path("nextStepIndex").asInt()).isEqualTo(1);
        assertThat(first.path("history")).hasSize(1);
        assertThat(first.path("nextStepAt").asLong())
                .isBetween(
                        Instant.now().plus(Duration.ofMinutes(59)).toEpochMilli(),
                        Instant.now().plus(Duration.ofMinutes(61)).toEpochMilli());
        assertThat(sandboxSends(s))
                .containsOnlyKeys(numbers)
                .allSatisfy((n, count) -> assertThat(count).isEqualTo(1));

        // The second customer answers: their enrollment stops before its next step.
        Reply reply = api().post(
                        "/v1/sandbox/" + s.pluginId() + "/inbound",
                        s.token(),
                        obj("from", numbers.get(1), "text", "Who is this?"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> recipients(s, campaign, "phoneNumber=" + numbers.get(1))
                        .get(0)
                        .path("status")
                        .asString()
                        .equals("STOPPED"));
        assertThat(recipients(s, campaign, "phoneNumber=" + numbers.get(1))
                        .get(0)
                        .path("reason")
                        .asString())
                .isEqualTo("REPLIED");

        // An hour passes: the steps fall due now, and the clock, which planned to look in an hour, is told so (as
        // whoever makes a step due sooner tells it).
        jdbc.sql("UPDATE campaign_recipient SET next_step_at = now() WHERE campaign_id = CAST(:c AS uuid)"
                        + " AND next_step_at IS NOT NULL")
                .param("c", campaign)
                .update();
        jdbc.sql(
                        "SELECT pg_notify('openchakra_notices', 'campaign.wake ' || (extract(epoch FROM now()) * 1000)::bigint)")
                .query(row -> {});
        await().atMost(Duration.ofSeconds(30))
                .until(() -> recipients(s, campaign, "status=COMPLETED").size() == 2);
        Map<String, Long> sends = sandboxSends(s);
        assertThat(sends).containsEntry(numbers.get(0), 2L);
        assertThat(sends).containsEntry(numbers.get(1), 1L);
        assertThat(sends).containsEntry(numbers.get(2), 2L);
        JsonNode second = sandboxOutbox(s).stream()
                .filter(e -> e.path("waId").asString().equals(numbers.get(2)))
                .filter(e -> e.path("request")
                        .path("template")
                        .path("name")
                        .asString()
                        .equals("order_update"))
                .findFirst()
                .orElseThrow();
        assertThat(second.path("request")
                        .path("template")
                        .path("components")
                        .get(0)
                        .path("parameters"))
                .extracting(p -> p.path("text").asString())
                .containsExactly("Meera", "#3", "Monday");
        JsonNode done = recipients(s, campaign, "phoneNumber=" + numbers.get(2)).get(0);
        assertThat(done.path("history")).hasSize(2);
        assertThat(done.path("history").get(1).path("index").asInt()).isEqualTo(1);
        assertThat(done.path("lastStep").path("status").asString()).isEqualTo("SENT");
        // A drip takes enrollments for as long as it runs.
        assertThat(get(s, campaign).data().path("status").asString()).isEqualTo("RUNNING");
    }
}
