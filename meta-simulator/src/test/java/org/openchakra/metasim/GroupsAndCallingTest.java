package org.openchakra.metasim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Groups and Calling (spec 10): in-memory state with the answers the spec gives. */
class GroupsAndCallingTest extends SimulatorFixture {

    private String createGroup(String mode) {
        GraphClient.Answer created = graph.postJson(
                V + "/" + PNID + "/groups",
                "{\"messaging_product\": \"whatsapp\","
                        + " \"subject\": \"  Lucky Shrub Club \", \"description\": \"Fans\", \"join_approval_mode\": \""
                        + mode + "\"}");
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        assertThat(created.json().path("request_id").asString()).isNotBlank();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !receiver.values("group_lifecycle_update").isEmpty());
        JsonNode event = receiver.values("group_lifecycle_update")
                .getLast()
                .path("groups")
                .get(0);
        assertThat(event.path("invite_link").asString()).startsWith("https://chat.whatsapp.com/");
        assertThat(event.path("request_id").asString())
                .isEqualTo(created.json().path("request_id").asString());
        return event.path("group_id").asString();
    }

    @Test
    void groupLifecycleFromCreationToMessagingAndDeletion() {
        String groupId = createGroup("auto_approve");
        JsonNode group = graph.get(V + "/" + groupId).json();
        assertThat(group.path("subject").asString()).isEqualTo("Lucky Shrub Club");
        assertThat(group.path("total_participant_count").asInt()).isZero();

        sim.joinGroup(groupId, "+16505550000");
        assertThat(graph.get(V + "/" + groupId + "?fields=participants")
                        .json()
                        .path("participants")
                        .get(0)
                        .path("wa_id")
                        .asString())
                .isEqualTo("16505550000");
        assertThat(graph.get(V + "/" + PNID + "/groups")
                        .json()
                        .path("data")
                        .path("groups")
                        .get(0)
                        .path("id")
                        .asString())
                .isEqualTo(groupId);

        GraphClient.Answer sent = send("{\"messaging_product\": \"whatsapp\", \"recipient_type\": \"group\", \"to\": \""
                + groupId + "\", \"type\": \"text\", \"text\": {\"body\": \"Welcome!\"}}");
        assertThat(sent.status()).as(sent.text()).isEqualTo(200);
        assertThat(sent.json().path("messages").get(0).path("group_id").asString())
                .isEqualTo(groupId);
        String wamid = sent.json().path("messages").get(0).path("id").asString();
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.statusObject(wamid, "sent") != null);
        assertThat(receiver.statusObject(wamid, "sent").path("recipient_type").asString())
                .isEqualTo("group");

        GraphClient.Answer interactive = send("{\"messaging_product\": \"whatsapp\", \"recipient_type\": \"group\","
                + " \"to\": \"" + groupId + "\", \"type\": \"interactive\", \"interactive\": {}}");
        assertThat(interactive.code()).isEqualTo(131051);

        String link = graph.get(V + "/" + groupId + "/invite_link")
                .json()
                .path("invite_link")
                .asString();
        String reset = graph.postJson(V + "/" + groupId + "/invite_link", "{\"messaging_product\": \"whatsapp\"}")
                .json()
                .path("invite_link")
                .asString();
        assertThat(reset).isNotEqualTo(link);

        assertThat(graph.delete(V + "/" + groupId).json().path("success").asBoolean())
                .isTrue();
        assertThat(graph.get(V + "/" + groupId).code()).isEqualTo(100);
    }

    @Test
    void joinRequestsAreApprovedOrRejected() {
        String groupId = createGroup("approval_required");
        String first = sim.joinGroup(groupId, "16505550001");
        String second = sim.joinGroup(groupId, "16505550002");
        assertThat(graph.get(V + "/" + groupId + "/join_requests").json().path("data"))
                .hasSize(2);

        JsonNode approved = graph.postJson(
                        V + "/" + groupId + "/join_requests",
                        "{\"messaging_product\": \"whatsapp\"," + " \"join_requests\": [\"" + first + "\", \"nope\"]}")
                .json();
        assertThat(approved.path("approved_join_requests").get(0).asString()).isEqualTo(first);
        assertThat(approved.path("failed_join_requests")
                        .get(0)
                        .path("join_request_id")
                        .asString())
                .isEqualTo("nope");
        assertThat(graph.get(V + "/" + groupId)
                        .json()
                        .path("total_participant_count")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void callingNeedsEnabledSettingsAndPermission() {
        String call = "{\"messaging_product\": \"whatsapp\", \"action\": \"connect\", \"to\": \"" + USER + "\","
                + " \"biz_opaque_callback_data\": \"call-ref-9\","
                + " \"session\": {\"sdp_type\": \"offer\", \"sdp\": \"v=0\"}}";
        assertThat(graph.postJson(V + "/" + PNID + "/calls", call).code()).isEqualTo(100);

        assertThat(graph.postJson(V + "/" + PNID + "/settings", "{\"calling\": {\"status\": \"ENABLED\"}}")
                        .json()
                        .path("success")
                        .asBoolean())
                .isTrue();
        assertThat(graph.get(V + "/" + PNID + "/settings")
                        .json()
                        .path("calling")
                        .path("status")
                        .asString())
                .isEqualTo("ENABLED");
        assertThat(graph.postJson(V + "/" + PNID + "/calls", call).code()).isEqualTo(138006);
        assertThat(graph.get(V + "/" + PNID + "/call_permissions?user_wa_id=" + USER_WA)
                        .json()
                        .path("permission")
                        .path("status")
                        .asString())
                .isEqualTo("denied");

        sim.grantCallPermission(PNID, USER);
        GraphClient.Answer connected = graph.postJson(V + "/" + PNID + "/calls", call);
        String callId = connected.json().path("calls").get(0).path("id").asString();
        assertThat(callId).startsWith("wacid.");
        assertThat(graph.postJson(
                                V + "/" + PNID + "/calls",
                                "{\"messaging_product\": \"whatsapp\", \"action\":" + " \"terminate\", \"call_id\": \""
                                        + callId + "\"}")
                        .json()
                        .path("success")
                        .asBoolean())
                .isTrue();
        assertThat(graph.postJson(
                                V + "/" + PNID + "/calls",
                                "{\"messaging_product\": \"whatsapp\", \"action\":" + " \"terminate\", \"call_id\": \""
                                        + callId + "\"}")
                        .code())
                .as("finished calls")
                .isEqualTo(100);
        // The call's tracking text comes back with its webhooks, as a message's does with its statuses.
        await().atMost(Duration.ofSeconds(5))
                .until(() -> receiver.values("calls").stream()
                        .map(v -> v.path("calls").get(0))
                        .anyMatch(c -> c.path("id").asString().equals(callId)
                                && c.path("event").asString().equals("terminate")
                                && c.path("biz_opaque_callback_data").asString().equals("call-ref-9")));

        sim.callPermission(PNID, USER, false);
        assertThat(graph.get(V + "/" + PNID + "/call_permissions?user_wa_id=" + USER_WA)
                        .json()
                        .path("permission")
                        .path("status")
                        .asString())
                .isEqualTo("denied");
    }

    @Test
    void inboundCallsRingThroughPreAcceptAcceptAndOpenTheWindow() {
        assertThatThrownBy(() -> sim.injectInboundCall(PNID, USER, "v=0 offer"))
                .as("no call button while calling is off")
                .isInstanceOf(IllegalStateException.class);
        graph.postJson(V + "/" + PNID + "/settings", "{\"calling\": {\"status\": \"ENABLED\"}}");
        String callId = sim.injectInboundCall(PNID, USER, "v=0 offer");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !receiver.values("calls").isEmpty());
        JsonNode event = receiver.values("calls").getFirst().path("calls").get(0);
        assertThat(event.path("event").asString()).isEqualTo("connect");
        assertThat(event.path("session").path("sdp").asString()).isEqualTo("v=0 offer");

        String answerSdp = ", \"session\": {\"sdp_type\": \"answer\", \"sdp\": \"v=0 answer\"}}";
        assertThat(graph.postJson(
                                V + "/" + PNID + "/calls",
                                "{\"messaging_product\": \"whatsapp\", \"action\":" + " \"pre_accept\", \"call_id\": \""
                                        + callId + "\"" + answerSdp)
                        .status())
                .isEqualTo(200);
        assertThat(graph.postJson(
                                V + "/" + PNID + "/calls",
                                "{\"messaging_product\": \"whatsapp\", \"action\":" + " \"accept\", \"to\": \"" + USER
                                        + "\"" + answerSdp)
                        .status())
                .as("to instead of call_id")
                .isEqualTo(200);
        assertThat(send(envelope("text", "{\"body\": \"thanks for calling\"}")).status())
                .isEqualTo(200);
    }
}
