package org.openchakra.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openchakra.support.Json.obj;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.openchakra.support.IntegrationTest;
import org.openchakra.support.Reply;
import tools.jackson.databind.JsonNode;

/**
 * What the campaign tests over HTTP share: a team with a sandbox plugin (the simulated Meta that the server
 * runs for it), campaigns made and driven through the admin API, and what the sandbox received.
 */
abstract class CampaignTestSupport extends IntegrationTest {

    private static final AtomicLong NUMBERS = new AtomicLong(System.nanoTime() % 10_000_000L * 100);

    /** A team and its sandbox plugin's one number. */
    record Sandbox(TestTeam team, String pluginId, String numberId) {
        String token() {
            return team.adminToken();
        }
    }

    Sandbox sandbox() {
        TestTeam team = newTeam();
        Reply plugin =
                api().post("/v1/admin/plugins/whatsapp", team.adminToken(), obj("name", "Try", "mode", "SANDBOX"));
        assertThat(plugin.status()).as(plugin.toString()).isEqualTo(200);
        String number = plugin.data()
                .path("wabas")
                .get(0)
                .path("phoneNumbers")
                .get(0)
                .path("id")
                .asString();
        return new Sandbox(team, plugin.data().path("id").asString(), number);
    }

    /** Distinct customer numbers (digits with country code 91), so tests never share a pair-rate bucket. */
    static List<String> customers(int n) {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            numbers.add("9197" + String.format("%08d", NUMBERS.incrementAndGet() % 100_000_000L));
        }
        return numbers;
    }

    static Map<String, Object> step(String template, Object... more) {
        Map<String, Object> step = obj("templateName", template);
        step.putAll(obj(more));
        return step;
    }

    static List<Map<String, Object>> mapping(String... namesAndValues) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            list.add(obj("schemaPropertyName", namesAndValues[i], "schemaPropertyValue", namesAndValues[i + 1]));
        }
        return list;
    }

    Reply createCampaign(Sandbox s, String kind, List<Map<String, Object>> steps, Object... more) {
        Map<String, Object> body = obj(
                "name",
                kind.toLowerCase() + " test",
                "kind",
                kind,
                "pluginId",
                s.pluginId(),
                "whatsappPhoneNumberId",
                s.numberId(),
                "steps",
                steps);
        body.putAll(obj(more));
        return api().post("/v1/admin/campaigns", s.token(), body);
    }

    String campaign(Sandbox s, String kind, List<Map<String, Object>> steps, Object... more) {
        Reply created = createCampaign(s, kind, steps, more);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.data().path("id").asString();
    }

    Reply addRecipients(Sandbox s, String campaignId, List<String> numbers) {
        List<Map<String, Object>> list =
                numbers.stream().map(n -> obj("phoneNumber", n)).toList();
        return api().post("/v1/admin/campaigns/" + campaignId + "/recipients", s.token(), obj("recipients", list));
    }

    Reply action(Sandbox s, String campaignId, String action) {
        return api().post("/v1/admin/campaigns/" + campaignId + "/" + action, s.token(), null);
    }

    Reply get(Sandbox s, String campaignId) {
        return api().get("/v1/admin/campaigns/" + campaignId, s.token());
    }

    JsonNode awaitCampaign(Sandbox s, String campaignId, Duration atMost, Predicate<JsonNode> condition) {
        return await().atMost(atMost)
                .pollInterval(Duration.ofMillis(300))
                .until(() -> get(s, campaignId).data(), condition);
    }

    /** Recipients of the campaign (up to 100), with a filter query such as {@code status=FAILED}. */
    JsonNode recipients(Sandbox s, String campaignId, String query) {
        Reply page = api().get(
                        "/v1/admin/campaigns/" + campaignId + "/recipients?limit=100"
                                + (query.isEmpty() ? "" : "&" + query),
                        s.token());
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        return page.data();
    }

    /** How many messages the sandbox's Meta accepted for each customer number. */
    Map<String, Long> sandboxSends(Sandbox s) {
        Reply outbox = api().get("/v1/sandbox/" + s.pluginId() + "/outbox?limit=1000", s.token());
        assertThat(outbox.status()).as(outbox.toString()).isEqualTo(200);
        Map<String, Long> counts = new java.util.HashMap<>();
        outbox.data().values().forEach(e -> counts.merge(e.path("waId").asString(), 1L, Long::sum));
        return counts;
    }

    List<JsonNode> sandboxOutbox(Sandbox s) {
        Reply outbox = api().get("/v1/sandbox/" + s.pluginId() + "/outbox?limit=1000", s.token());
        return outbox.data().valueStream().toList();
    }
}
