package org.openchakra.optout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openchakra.support.Json.obj;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchakra.support.ApiClient;
import org.openchakra.support.IntegrationTest;
import org.openchakra.support.Reply;
import org.openchakra.support.TestReceiver;
import tools.jackson.databind.JsonNode;

/**
 * campaigns.md §4: the opt-out list through its API and through the keywords customers send (team settings),
 * the {@code opt_out} / {@code opt_in} Chakra events, and {@code optOutBlocksMarketing}.
 */
class OptOutTest extends IntegrationTest {

    private record Sandbox(TestTeam team, String pluginId, String numberId) {}

    private Sandbox sandbox(TestReceiver receiver) {
        TestTeam team = newTeam();
        Reply plugin =
                api().post("/v1/admin/plugins/whatsapp", team.adminToken(), obj("name", "Try", "mode", "SANDBOX"));
        assertThat(plugin.status()).as(plugin.toString()).isEqualTo(200);
        String pluginId = plugin.data().path("id").asString();
        Reply config = api().post(
                        "/v1/ext/plugin/whatsapp/" + pluginId + "/update-config",
                        team.adminToken(),
                        obj(
                                "enableChakraWebhook",
                                true,
                                "chakraWebhookUrl",
                                receiver.url("/chakra"),
                                "whichChakraWebhookEventsToSend",
                                List.of("opt_out", "opt_in")));
        assertThat(config.status()).as(config.toString()).isEqualTo(200);
        String number = plugin.data()
                .path("wabas")
                .get(0)
                .path("phoneNumbers")
                .get(0)
                .path("id")
                .asString();
        return new Sandbox(team, pluginId, number);
    }

    private void customerWrites(Sandbox s, String from, String text) {
        Reply sent = api().post(
                        "/v1/sandbox/" + s.pluginId() + "/inbound",
                        s.team().adminToken(),
                        obj("from", from, "text", text));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
    }

    private JsonNode list(Sandbox s, String query) {
        Reply list = api().get("/v1/admin/opt-outs" + query, s.team().adminToken());
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.json();
    }

    private static List<JsonNode> events(TestReceiver receiver) {
        return receiver.received("/chakra").stream()
                .map(r -> ApiClient.JSON.readTree(r.body()))
                .toList();
    }

    @Test
    void keywordsOptANumberOutAndBackInAndTellTheCustomersWebhook() throws Exception {
        try (TestReceiver receiver = new TestReceiver()) {
            Sandbox s = sandbox(receiver);
            customerWrites(s, "919822200001", "  stop ");
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> list(s, "").path("_data").size() == 1);
            JsonNode entry = list(s, "").path("_data").get(0);
            assertThat(entry.path("phoneNumber").asString()).isEqualTo("919822200001");
            assertThat(entry.path("source").asString()).isEqualTo("KEYWORD");
            await().atMost(Duration.ofSeconds(15)).until(() -> !events(receiver).isEmpty());
            JsonNode optOut = events(receiver).getFirst();
            assertThat(optOut.path("event").asString()).isEqualTo("opt_out");
            assertThat(optOut.path("payload").path("phoneNumber").asString()).isEqualTo("919822200001");
            assertThat(optOut.path("payload").path("source").asString()).isEqualTo("KEYWORD");
            assertThat(optOut.path("payload").path("chatId").asString()).isNotBlank();

            // A sentence that contains the word is not the keyword; the team's own keywords replace the defaults.
            customerWrites(s, "919822200002", "please stop sending me these");
            Reply settings = api().put(
                            "/v1/admin/team",
                            s.team().adminToken(),
                            obj("optOutKeywords", List.of("BAS", "Unsubscribe"), "optInKeywords", List.of("Shuru")));
            assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
            assertThat(settings.data().path("optOutKeywords").valueStream().map(JsonNode::asString))
                    .containsExactly("BAS", "Unsubscribe");
            customerWrites(s, "919822200003", "bas");
            customerWrites(s, "919822200004", "STOP");
            await().atMost(Duration.ofSeconds(15))
                    .until(() ->
                            list(s, "?phoneNumber=919822200003").path("_data").size() == 1);
            assertThat(list(s, "?phoneNumber=919822200002").path("_data")).isEmpty();
            assertThat(list(s, "?phoneNumber=919822200004").path("_data")).isEmpty();

            customerWrites(s, "919822200001", "shuru");
            await().atMost(Duration.ofSeconds(15))
                    .until(() ->
                            list(s, "?phoneNumber=919822200001").path("_data").isEmpty());
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> events(receiver).stream()
                            .anyMatch(e -> e.path("event").asString().equals("opt_in")));
        }
    }

    @Test
    void theApiPutsNumbersOnTheListAndTakesThemOffAndBlocksMarketingWhenAsked() throws Exception {
        try (TestReceiver receiver = new TestReceiver()) {
            Sandbox s = sandbox(receiver);
            String token = s.team().adminToken();
            Reply put = api().put("/v1/admin/opt-outs/+91%2098222-00011", token, obj("reason", "Asked on a call"));
            assertThat(put.status()).as(put.toString()).isEqualTo(200);
            assertThat(put.data().path("phoneNumber").asString()).isEqualTo("919822200011");
            assertThat(put.data().path("source").asString()).isEqualTo("API");
            assertThat(put.data().path("reason").asString()).isEqualTo("Asked on a call");
            assertThat(api().put("/v1/admin/opt-outs/9822200012", token, null).status())
                    .isEqualTo(200);
            JsonNode all = list(s, "?limit=1");
            assertThat(all.path("_meta").path("total").asInt()).isEqualTo(2);
            assertThat(all.path("_meta").path("hasMore").asBoolean()).isTrue();
            assertThat(api().put("/v1/admin/opt-outs/12", token, null).status()).isEqualTo(400);
            await().atMost(Duration.ofSeconds(15)).until(() -> events(receiver).size() == 2);
            assertThat(events(receiver)
                            .getFirst()
                            .path("payload")
                            .path("source")
                            .asString())
                    .isEqualTo("API");

            // Marketing templates to an opted-out number go out unless the team says they must not.
            Map<String, Object> promo = obj(
                    "whatsappPhoneNumberId",
                    s.numberId(),
                    "templateName",
                    "seasonal_promo",
                    "imageUrl",
                    "https://example.com/sale.jpg",
                    "mapping",
                    List.of(
                            obj("schemaPropertyName", "1", "schemaPropertyValue", "Asha"),
                            obj("schemaPropertyName", "2", "schemaPropertyValue", "25%")),
                    "buttonMapping",
                    List.of(obj("schemaPropertyName", "1", "schemaPropertyValue", "summer")));
            String path = "/v1/ext/plugin/whatsapp/" + s.pluginId() + "/phoneNumber/919822200011/send-template-message";
            assertThat(api().post(path, token, promo).status()).isEqualTo(200);
            assertThat(api().put("/v1/admin/team", token, obj("optOutBlocksMarketing", true))
                            .status())
                    .isEqualTo(200);
            Reply blocked = api().post(path, token, promo);
            assertThat(blocked.status()).as(blocked.toString()).isEqualTo(400);
            assertThat(blocked.json().path("_errorDetails").get(0).path("code").asString())
                    .isEqualTo("OPTED_OUT");
            Reply utility =
                    api().post(path, token, obj("whatsappPhoneNumberId", s.numberId(), "templateName", "hello_world"));
            assertThat(utility.status()).as("not a MARKETING template").isEqualTo(200);

            Reply in = api().delete("/v1/admin/opt-outs/919822200011", token);
            assertThat(in.status()).as(in.toString()).isEqualTo(200);
            assertThat(api().delete("/v1/admin/opt-outs/919822200011", token).status())
                    .isEqualTo(404);
            assertThat(api().post(path, token, promo).status()).isEqualTo(200);

            // Another team sees none of it.
            TestTeam other = newTeam();
            assertThat(api().get("/v1/admin/opt-outs", other.adminToken()).data())
                    .isEmpty();
            assertThat(api().delete("/v1/admin/opt-outs/919822200012", other.adminToken())
                            .status())
                    .isEqualTo(404);
        }
    }
}
