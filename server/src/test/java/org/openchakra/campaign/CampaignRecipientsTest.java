package org.openchakra.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openchakra.support.Json.obj;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchakra.support.Reply;
import tools.jackson.databind.JsonNode;

/**
 * campaigns.md §1-§2: recipients from a CSV upload (its columns filling the step's variables, a row without a
 * value failing alone), from a process query, from ChakraHQ's public pair, and a list big enough for a
 * background job.
 */
class CampaignRecipientsTest extends CampaignTestSupport {

    @Test
    void csvColumnsFillTheStepAndARowWithoutAValueFailsAlone() {
        Sandbox s = sandbox();
        String campaign = campaign(
                s,
                "BROADCAST",
                List.of(step(
                        "order_update",
                        "mapping",
                        mapping("1", "{{row.name}}", "2", "{{row.order}}", "3", "{{process.data.lead_id}}"))));
        List<String> numbers = customers(3);
        String csv = "phoneNumber,name,order\r\n"
                + numbers.get(0) + ",Asha,\"#1,A\"\r\n"
                + "+" + numbers.get(1) + ",Ravi,#2\r\n"
                + numbers.get(2) + ",,#3\r\n"
                + "not a number,X,#4\r\n";
        Reply added = api().send(
                        "POST",
                        "/v1/admin/campaigns/" + campaign + "/recipients",
                        s.token(),
                        csv,
                        Map.of("Content-Type", "text/csv"));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(added.data().path("added").asInt()).isEqualTo(3);
        assertThat(added.data().path("invalid").asInt()).isEqualTo(1);
        JsonNode asha = recipients(s, campaign, "phoneNumber=" + numbers.get(0)).get(0);
        assertThat(asha.path("row").path("order").asString()).isEqualTo("#1,A");
        assertThat(action(s, campaign, "start").status()).isEqualTo(200);
        awaitCampaign(
                s,
                campaign,
                Duration.ofSeconds(30),
                c -> c.path("status").asString().equals("COMPLETED"));

        JsonNode failed = recipients(s, campaign, "status=FAILED");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).path("phoneNumber").asString()).isEqualTo(numbers.get(2));
        assertThat(failed.get(0).path("reason").asString()).isEqualTo("MAPPING");
        assertThat(failed.get(0).path("lastStep").path("errorMessage").asString())
                .contains("{{row.name}}");
        Map<String, Long> sends = sandboxSends(s);
        assertThat(sends).containsOnlyKeys(numbers.get(0), numbers.get(1));
        JsonNode toAsha = sandboxOutbox(s).stream()
                .filter(e -> e.path("waId").asString().equals(numbers.get(0)))
                .findFirst()
                .orElseThrow();
        JsonNode parameters = toAsha.path("request")
                .path("template")
                .path("components")
                .get(0)
                .path("parameters");
        assertThat(parameters.get(0).path("text").asString()).isEqualTo("Asha");
        assertThat(parameters.get(1).path("text").asString()).isEqualTo("#1,A");
        assertThat(parameters.get(2).path("text").asString()).startsWith("LEAD-");
    }

    @Test
    void aProcessQueryAddsEveryMatchingLeadWithAPhone() {
        Sandbox s = sandbox();
        List<String> numbers = customers(3);
        for (int i = 0; i < numbers.size(); i++) {
            Reply lead = api().post(
                            "/v1/ext/procedure/lead/process",
                            s.token(),
                            obj(
                                    "data",
                                    obj("name", "Lead " + i, "phone_number", "+" + numbers.get(i)),
                                    "state",
                                    i < 2 ? "NEW" : "CONVERTED"));
            assertThat(lead.status()).as(lead.toString()).isEqualTo(200);
        }
        String campaign = campaign(
                s,
                "BROADCAST",
                List.of(step("order_update", "mapping", mapping("1", "{{process.data.name}}", "2", "x", "3", "y"))));
        Reply added = api().post(
                        "/v1/admin/campaigns/" + campaign + "/recipients",
                        s.token(),
                        obj("procedure", "lead", "where", obj("state", "NEW")));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(added.data().path("added").asInt()).isEqualTo(2);
        JsonNode recipient =
                recipients(s, campaign, "phoneNumber=" + numbers.get(0)).get(0);
        assertThat(recipient.path("lead").asString()).isNotBlank();
        assertThat(action(s, campaign, "start").status()).isEqualTo(200);
        awaitCampaign(
                s,
                campaign,
                Duration.ofSeconds(30),
                c -> c.path("status").asString().equals("COMPLETED"));
        JsonNode sent = sandboxOutbox(s).stream()
                .filter(e -> e.path("waId").asString().equals(numbers.get(1)))
                .findFirst()
                .orElseThrow();
        assertThat(sent.path("request")
                        .path("template")
                        .path("components")
                        .get(0)
                        .path("parameters")
                        .get(0)
                        .path("text")
                        .asString())
                .isEqualTo("Lead 1");
        assertThat(sandboxSends(s)).doesNotContainKey(numbers.get(2));
    }

    @Test
    void thePublicPairEnrollsOnceAndRemoves() {
        Sandbox s = sandbox();
        String campaign = campaign(s, "DRIP", List.of(step("hello_world"), step("hello_world", "delayMinutes", 30)));
        String number = customers(1).getFirst();
        String path = "/v1/ext/campaign/" + campaign + "/phoneNumber/+" + number;
        Reply enrolled = api().post(path, s.token(), obj("row", obj("plan", "gold")));
        assertThat(enrolled.status()).as(enrolled.toString()).isEqualTo(200);
        assertThat(enrolled.data().path("status").asString()).isEqualTo("PENDING");
        assertThat(enrolled.data().path("row").path("plan").asString()).isEqualTo("gold");
        Reply again = api().post(path, s.token(), null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.data().path("id").asString())
                .isEqualTo(enrolled.data().path("id").asString());

        String agent = newKey(s.team(), "agent");
        assertThat(api().post(path, agent, null).status()).isEqualTo(403);
        String manager = newKey(s.team(), "manager");
        assertThat(api().post(path, manager, null).status()).isEqualTo(200);

        assertThat(action(s, campaign, "start").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api().post(path, s.token(), null)
                        .data()
                        .path("status")
                        .asString()
                        .equals("ACTIVE"));
        Reply removed = api().delete(path, s.token());
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(removed.data().path("status").asString()).isEqualTo("REMOVED");
        assertThat(removed.data().path("nextStepAt").isNull()).isTrue();
        assertThat(api().delete("/v1/ext/campaign/" + campaign + "/phoneNumber/919000000001", s.token())
                        .status())
                .isEqualTo(404);
        assertThat(api().post("/v1/ext/campaign/" + campaign + "/phoneNumber/12", s.token(), null)
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aBigListIsAddedByABackgroundJob() {
        Sandbox s = sandbox();
        String campaign = campaign(s, "BROADCAST", List.of(step("hello_world")));
        StringBuilder csv = new StringBuilder("phoneNumber\n");
        for (int i = 0; i < 12_000; i++) {
            csv.append("9188").append(String.format("%08d", i)).append('\n');
        }
        csv.append("918800000001\n");
        Reply accepted = api().send(
                        "POST",
                        "/v1/admin/campaigns/" + campaign + "/recipients",
                        s.token(),
                        csv.toString(),
                        Map.of("Content-Type", "text/csv"));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.data().path("added").isNull()).isTrue();
        assertThat(accepted.data().path("queued").asInt()).isEqualTo(12_000);
        assertThat(accepted.data().path("duplicates").asInt()).isEqualTo(1);
        String job = accepted.data().path("backgroundJobId").asString();
        JsonNode done = await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> api().get("/v1/ext/background-job/" + job, s.token())
                                .data(),
                        j -> j.path("completionStatus").asString().equals("COMPLETED"));
        assertThat(done.path("type").asString()).isEqualTo("campaign_recipients");
        assertThat(done.path("result").path("added").asInt()).isEqualTo(12_000);
        assertThat(done.path("result").path("duplicates").asInt()).isEqualTo(1);
        assertThat(get(s, campaign).data().path("counts").path("total").asInt()).isEqualTo(12_000);
    }
}
