package org.openchakra.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openchakra.support.Reply;
import tools.jackson.databind.JsonNode;

/**
 * campaigns.md §5: every bad input is a 400 naming the field, and changes nothing; another team's campaign is
 * a 404 on every endpoint.
 */
class CampaignBadInputTest extends CampaignTestSupport {

    private static void assertRefused(Reply reply, String field) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.json()
                        .path("_errorDetails")
                        .valueStream()
                        .map(d -> d.path("field").asString()))
                .as(reply.toString())
                .contains(field);
        assertThat(reply.firstError()).isNotBlank();
    }

    private long campaignsOf(Sandbox s) {
        return api().get("/v1/admin/campaigns?limit=100", s.token()).data().size();
    }

    @Test
    void badCampaignsAreRefusedNamingTheFieldAndNothingIsMade() {
        Sandbox s = sandbox();
        assertRefused(createCampaign(s, "BROADCAST", List.of(step("no_such_template"))), "steps[0].templateName");
        assertRefused(
                createCampaign(s, "BROADCAST", List.of(step("hello_world", "language", "xx_XX"))), "steps[0].language");
        assertRefused(createCampaign(s, "BROADCAST", List.of(obj("mapping", List.of()))), "steps[0].templateName");
        assertRefused(
                createCampaign(s, "DRIP", List.of(step("hello_world"), step("hello_world", "delayMinutes", -5))),
                "steps[1].delayMinutes");
        assertRefused(createCampaign(s, "BROADCAST", List.of(step("hello_world"), step("hello_world"))), "steps");
        assertRefused(createCampaign(s, "BROADCAST", List.of()), "steps");
        assertRefused(createCampaign(s, "SOMETIMES", List.of(step("hello_world"))), "kind");
        assertRefused(
                createCampaign(
                        s,
                        "BROADCAST",
                        List.of(step("hello_world")),
                        "startAt",
                        Instant.now().minusSeconds(60).toEpochMilli(),
                        "start",
                        true),
                "startAt");
        Reply unknownPlugin = api().post(
                        "/v1/admin/campaigns",
                        s.token(),
                        obj(
                                "name",
                                "x",
                                "kind",
                                "BROADCAST",
                                "pluginId",
                                UUID.randomUUID().toString(),
                                "whatsappPhoneNumberId",
                                s.numberId(),
                                "steps",
                                List.of(step("hello_world"))));
        assertRefused(unknownPlugin, "pluginId");
        assertRefused(
                api().post(
                                "/v1/admin/campaigns",
                                s.token(),
                                obj(
                                        "name",
                                        "x",
                                        "kind",
                                        "BROADCAST",
                                        "pluginId",
                                        s.pluginId(),
                                        "whatsappPhoneNumberId",
                                        "123",
                                        "steps",
                                        List.of(step("hello_world")))),
                "whatsappPhoneNumberId");
        assertThat(api().post("/v1/admin/campaigns", s.token(), "{not json").status())
                .isEqualTo(400);
        assertThat(campaignsOf(s)).isZero();
    }

    @Test
    void startChecksEveryStepsTemplateAndMappingAndStartsNothingWhenOneFails() {
        Sandbox s = sandbox();
        // order_update needs three body values; this step gives one.
        String campaign = campaign(
                s, "DRIP", List.of(step("hello_world"), step("order_update", "mapping", mapping("1", "{{row.name}}"))));
        Reply start = action(s, campaign, "start");
        assertRefused(start, "steps[1].mapping");
        assertThat(start.firstError()).contains("steps[1]");
        assertThat(get(s, campaign).data().path("status").asString()).isEqualTo("DRAFT");

        Reply fixed = api().put(
                        "/v1/admin/campaigns/" + campaign,
                        s.token(),
                        obj(
                                "steps",
                                List.of(
                                        step("hello_world"),
                                        step(
                                                "order_update",
                                                "delayMinutes",
                                                5,
                                                "mapping",
                                                mapping(
                                                        "1",
                                                        "{{row.name}}",
                                                        "2",
                                                        "{{process.data.lead_id}}",
                                                        "3",
                                                        "soon")))));
        assertThat(fixed.status()).as(fixed.toString()).isEqualTo(200);
        assertThat(action(s, campaign, "start").status()).isEqualTo(200);

        // Steps are fixed once it runs; the name is not.
        assertRefused(
                api().put("/v1/admin/campaigns/" + campaign, s.token(), obj("steps", List.of(step("hello_world")))),
                "steps");
        Reply renamed = api().put("/v1/admin/campaigns/" + campaign, s.token(), obj("name", "Welcome series"));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.data().path("steps")).hasSize(2);
        assertThat(action(s, campaign, "start").status()).isEqualTo(409);
    }

    @Test
    void badRecipientListsAreRefusedAndAddNobody() {
        Sandbox s = sandbox();
        String campaign = campaign(s, "BROADCAST", List.of(step("hello_world")));
        String path = "/v1/admin/campaigns/" + campaign + "/recipients";
        Reply noPhoneColumn = api().send(
                        "POST", path, s.token(), "name,phone\nAsha,919811122233\n", Map.of("Content-Type", "text/csv"));
        assertRefused(noPhoneColumn, "phoneNumber");
        assertRefused(api().post(path, s.token(), obj("recipients", "919811122233")), "recipients");
        assertRefused(api().post(path, s.token(), obj("recipients", List.of("919811122233"))), "recipients[0]");
        assertRefused(api().post(path, s.token(), obj("procedure", "no_such_procedure")), "procedure");
        assertRefused(
                api().post(path, s.token(), obj("procedure", "lead", "where", obj("no_such_attribute", 1))),
                "where.no_such_attribute");

        // A million and one numbers: over the limit (campaigns.md §2), refused before anything is added.
        StringBuilder csv = new StringBuilder(14_500_000).append("phoneNumber\n");
        for (int i = 0; i <= 1_000_000; i++) {
            csv.append("9190").append(String.format("%08d", i)).append('\n');
        }
        Reply tooMany = api().send("POST", path, s.token(), csv.toString(), Map.of("Content-Type", "text/csv"));
        assertRefused(tooMany, "recipients");
        JsonNode counts = get(s, campaign).data().path("counts");
        assertThat(counts.path("total").asInt()).isZero();
    }

    @Test
    void anotherTeamsCampaignIsNotFoundOnEveryEndpoint() {
        Sandbox owner = sandbox();
        String campaign = campaign(owner, "DRIP", List.of(step("hello_world")));
        assertThat(addRecipients(owner, campaign, customers(1)).status()).isEqualTo(200);
        Sandbox other = sandbox();
        String base = "/v1/admin/campaigns/" + campaign;
        String token = other.token();
        assertThat(api().get(base, token).status()).isEqualTo(404);
        assertThat(api().put(base, token, obj("name", "mine")).status()).isEqualTo(404);
        for (String action : List.of("start", "pause", "resume", "cancel")) {
            assertThat(api().post(base + "/" + action, token, null).status())
                    .as(action)
                    .isEqualTo(404);
        }
        assertThat(api().post(
                                base + "/recipients",
                                token,
                                obj("recipients", List.of(obj("phoneNumber", "919811122233"))))
                        .status())
                .isEqualTo(404);
        assertThat(api().get(base + "/recipients", token).status()).isEqualTo(404);
        assertThat(api().get(base + "/report.csv", token).status()).isEqualTo(404);
        assertThat(api().post("/v1/ext/campaign/" + campaign + "/phoneNumber/919811122233", token, null)
                        .status())
                .isEqualTo(404);
        assertThat(api().delete("/v1/ext/campaign/" + campaign + "/phoneNumber/919811122233", token)
                        .status())
                .isEqualTo(404);
        assertThat(api().get("/v1/admin/campaigns", token).data()).isEmpty();
        // Nothing the other team did touched it.
        JsonNode mine = get(owner, campaign).data();
        assertThat(mine.path("name").asString()).isEqualTo("drip test");
        assertThat(mine.path("status").asString()).isEqualTo("DRAFT");
        assertThat(mine.path("counts").path("total").asInt()).isEqualTo(1);
    }
}
