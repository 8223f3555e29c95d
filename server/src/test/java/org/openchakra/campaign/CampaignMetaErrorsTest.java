package org.openchakra.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openchakra.support.Json.obj;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchakra.metasim.OutboxEntry;
import org.openchakra.metasim.RecipientBehaviour;
import org.openchakra.metasim.Route;
import org.openchakra.support.ApiClient;
import org.openchakra.support.Reply;
import org.openchakra.support.TestReceiver;
import org.openchakra.whatsapp.MetaSimulatorTest;
import tools.jackson.databind.JsonNode;

/**
 * campaigns.md §3 against a Meta simulator the test controls (a CLOUD_API plugin): 130429 is tried again and
 * every number still gets exactly one message; 131049 refused at once and 131026 reported later fail only
 * their recipient, each counted in the error breakdown and shown in report.csv; status events name the
 * campaign.
 */
class CampaignMetaErrorsTest extends MetaSimulatorTest {

    private Reply post(Connected c, String path, Object body) {
        return api().post(path, c.team().adminToken(), body);
    }

    private String broadcast(Connected c, List<String> numbers) {
        Reply created = post(
                c,
                "/v1/admin/campaigns",
                obj(
                        "name",
                        "errors",
                        "kind",
                        "BROADCAST",
                        "pluginId",
                        c.pluginId(),
                        "whatsappPhoneNumberId",
                        c.phoneNumberId(),
                        "steps",
                        List.of(obj("templateName", "hello_world"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String id = created.data().path("id").asString();
        Reply added = post(
                c,
                "/v1/admin/campaigns/" + id + "/recipients",
                obj(
                        "recipients",
                        numbers.stream().map(n -> obj("phoneNumber", n)).toList()));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        return id;
    }

    private JsonNode campaign(Connected c, String id) {
        return api().get("/v1/admin/campaigns/" + id, c.team().adminToken()).data();
    }

    private static Map<String, Long> sends(Connected c) {
        Map<String, Long> counts = new HashMap<>();
        for (OutboxEntry e : meta.outbox(c.phoneNumberId())) {
            counts.merge(e.waId(), 1L, Long::sum);
        }
        return counts;
    }

    @Test
    void throughputRefusalsAreTriedAgainAndEveryNumberGetsOneMessage() {
        Connected c = connect(newTeam(), true);
        meta.seedSandboxTemplates(c.wabaId());
        List<String> numbers = List.of("919833300001", "919833300002", "919833300003", "919833300004", "919833300005");
        String id = broadcast(c, numbers);
        meta.failNext(Route.SEND_MESSAGE, 3, 130429);
        assertThat(post(c, "/v1/admin/campaigns/" + id + "/start", null).status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> campaign(c, id).path("status").asString().equals("COMPLETED"));
        assertThat(sends(c))
                .containsOnlyKeys(numbers)
                .allSatisfy((n, count) -> assertThat(count).isEqualTo(1));
        JsonNode done = campaign(c, id);
        assertThat(done.path("counts").path("completed").asInt()).isEqualTo(5);
        assertThat(done.path("errorBreakdown").path("attempt")).isEmpty();
        Reply retried = api().get(
                        "/v1/admin/campaigns/" + id + "/recipients?limit=100",
                        c.team().adminToken());
        assertThat(retried.data()
                        .valueStream()
                        .mapToInt(r ->
                                r.path("lastStep").path("status").asString().equals("SENT") ? 1 : 0)
                        .sum())
                .isEqualTo(5);
    }

    @Test
    void failuresFailOnlyTheirRecipientAndAreCountedShownAndReported() throws Exception {
        try (TestReceiver receiver = new TestReceiver()) {
            Connected c = connect(newTeam(), true);
            meta.seedSandboxTemplates(c.wabaId());
            assertThat(post(
                                    c,
                                    "/v1/ext/plugin/whatsapp/" + c.pluginId() + "/update-config",
                                    obj(
                                            "enableChakraWebhook",
                                            true,
                                            "chakraWebhookUrl",
                                            receiver.url("/chakra"),
                                            "whichChakraWebhookEventsToSend",
                                            List.of("status")))
                            .status())
                    .isEqualTo(200);
            // Meta refuses one send at once (131049): a campaign of one, so the refusal is surely its.
            String refused = broadcast(c, List.of("919844400001"));
            meta.failNext(Route.SEND_MESSAGE, 1, 131049);
            assertThat(post(c, "/v1/admin/campaigns/" + refused + "/start", null)
                            .status())
                    .isEqualTo(200);
            JsonNode refusedDone = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> campaign(c, refused),
                            d -> d.path("status").asString().equals("COMPLETED"));
            assertThat(refusedDone.path("counts").path("failed").asInt()).isEqualTo(1);
            assertThat(refusedDone
                            .path("errorBreakdown")
                            .path("attempt")
                            .get(0)
                            .path("code")
                            .asInt())
                    .isEqualTo(131049);
            assertThat(refusedDone.path("errorBreakdown").path("delivery")).isEmpty();

            // Meta accepts them all, then reports one undeliverable (131026).
            List<String> numbers = List.of("919844400002", "919844400003", "919844400004");
            meta.recipientBehaviour("919844400003", RecipientBehaviour.UNDELIVERABLE);
            String id = broadcast(c, numbers);
            assertThat(post(c, "/v1/admin/campaigns/" + id + "/start", null).status())
                    .isEqualTo(200);
            JsonNode done = await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> campaign(c, id),
                            d -> d.path("counts").path("failed").asInt() == 1
                                    && d.path("counts").path("completed").asInt() == 2);
            assertThat(done.path("errorBreakdown").path("attempt")).isEmpty();
            assertThat(done.path("errorBreakdown")
                            .path("delivery")
                            .get(0)
                            .path("code")
                            .asInt())
                    .isEqualTo(131026);
            assertThat(sends(c).values()).allMatch(n -> n == 1);

            // The failed status may come before the send's own record: it is applied once the wamid is known.
            JsonNode recipient = await().atMost(Duration.ofSeconds(15))
                    .until(
                            () -> api().get(
                                            "/v1/admin/campaigns/" + id + "/recipients?phoneNumber=919844400003",
                                            c.team().adminToken())
                                    .data()
                                    .get(0),
                            r -> r.path("lastStep")
                                    .path("deliveryStatus")
                                    .asString()
                                    .equals("FAILED"));
            assertThat(recipient.path("status").asString()).isEqualTo("FAILED");
            assertThat(recipient.path("reason").asString()).isEqualTo("META_ERROR");
            assertThat(recipient.path("lastStep").path("errorCode").asInt()).isEqualTo(131026);
            assertThat(api().get(
                                    "/v1/admin/campaigns/" + id + "/recipients?deliveryStatus=failed",
                                    c.team().adminToken())
                            .data())
                    .hasSize(1);

            Reply csv = api().get(
                            "/v1/admin/campaigns/" + id + "/report.csv",
                            c.team().adminToken());
            assertThat(csv.status()).isEqualTo(200);
            assertThat(csv.header("Content-Type")).startsWith("text/csv");
            List<String> lines = csv.raw().lines().toList();
            assertThat(lines.getFirst())
                    .isEqualTo("lead,phoneNumber,status,reason,lastStepIndex,lastStepAt,lastStepStatus,deliveryStatus,"
                            + "errorCode,errorMessage");
            assertThat(lines).hasSize(4);
            assertThat(lines.stream()
                            .filter(l -> l.contains(",919844400003,"))
                            .findFirst()
                            .orElseThrow())
                    .contains(",FAILED,META_ERROR,0,")
                    .contains(",131026,");

            // Status events of campaign messages name their campaign.
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> !receiver.received("/chakra").isEmpty());
            JsonNode status = ApiClient.JSON.readTree(
                    receiver.received("/chakra").getFirst().body());
            assertThat(status.path("event").asString()).isEqualTo("status");
            assertThat(status.path("payload").path("campaignId").asString()).isEqualTo(id);
        }
    }
}
