package org.openchakra.whatsapp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openchakra.support.Json.obj;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openchakra.support.ApiClient;
import org.openchakra.support.IntegrationTest;
import org.openchakra.support.Reply;
import org.openchakra.support.TestReceiver;
import tools.jackson.databind.JsonNode;

/**
 * whatsapp.md §9: a sandbox plugin can exercise the calling endpoints of §7 (as the official SDK's calling
 * client does) and a customer's failure handling, without Meta: call permissions, customer calls, and the
 * outcome of the next message; statuses carry the send's {@code biz_opaque_callback_data} back, as Meta's do.
 */
class SandboxCallsAndOutcomesTest extends IntegrationTest {

    private static final String SDP = "v=0\r\no=- 7 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

    private TestReceiver receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new TestReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private record Sandbox(TestTeam team, String pluginId, String phoneNumberId) {
        String path(String action) {
            return "/v1/sandbox/" + pluginId + "/" + action;
        }

        String calling(String edge) {
            return "/v1/whatsapp/v23.0/" + phoneNumberId + "/" + edge;
        }
    }

    private Sandbox sandbox() {
        TestTeam team = newTeam();
        Reply created =
                api().post("/v1/admin/plugins/whatsapp", team.adminToken(), obj("name", "Try it", "mode", "SANDBOX"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return new Sandbox(
                team,
                created.data().path("id").asString(),
                created.data()
                        .path("wabas")
                        .path(0)
                        .path("phoneNumbers")
                        .path(0)
                        .path("id")
                        .asString());
    }

    @Test
    void callPermissionsAndCustomerCallsGoThroughTheCallingEndpoints() {
        Sandbox s = sandbox();
        String token = s.team().adminToken();
        String customer = "919811100001";
        Reply off = api().post(s.path("inbound-call"), token, obj("from", customer));
        assertThat(off.status()).as(off.toString()).isEqualTo(409);
        assertThat(off.firstError()).contains("Calling is not enabled").contains("/settings");

        assertThat(api().post(s.calling("settings"), token, obj("calling", obj("status", "ENABLED")))
                        .json()
                        .path("success")
                        .asBoolean())
                .isTrue();
        assertThat(permission(s, customer)).isEqualTo("denied");
        Map<String, Object> connect = obj(
                "messaging_product",
                "whatsapp",
                "action",
                "connect",
                "to",
                customer,
                "session",
                obj("sdp_type", "offer", "sdp", SDP));
        assertThat(api().post(s.calling("calls"), token, connect)
                        .json()
                        .path("error")
                        .path("code")
                        .asInt())
                .isEqualTo(138006);

        Reply granted =
                api().post(s.path("call-permission"), token, obj("userWaId", "+91 98111-00001", "status", "granted"));
        assertThat(granted.status()).as(granted.toString()).isEqualTo(200);
        assertThat(granted.data().path("userWaId").asString()).isEqualTo(customer);
        assertThat(permission(s, customer)).isEqualTo("granted");
        Reply call = api().post(s.calling("calls"), token, connect);
        assertThat(call.status()).as(call.toString()).isEqualTo(200);
        assertThat(call.json().path("calls").path(0).path("id").asString()).startsWith("wacid.");
        assertThat(api().post(s.path("call-permission"), token, obj("userWaId", customer, "status", "denied"))
                        .status())
                .isEqualTo(200);
        assertThat(permission(s, customer)).isEqualTo("denied");

        // A customer calls: the calls webhook comes through /webhooks/meta and on to the customer's webhook.
        update(s, obj("passThroughWebhookUrl", receiver.url("/raw")));
        Reply ringing = api().post(s.path("inbound-call"), token, obj("from", customer, "sdpOffer", SDP));
        assertThat(ringing.status()).as(ringing.toString()).isEqualTo(200);
        String callId = ringing.data().path("callId").asString();
        assertThat(callId).startsWith("wacid.");
        JsonNode event = await().atMost(Duration.ofSeconds(20))
                .until(() -> forwardedCall(callId, "connect"), Optional::isPresent)
                .orElseThrow();
        assertThat(event.path("from").asString()).isEqualTo(customer);
        assertThat(event.path("session").path("sdp").asString()).isEqualTo(SDP);
        for (String action : List.of("pre_accept", "accept")) {
            Reply answered = api().post(
                            s.calling("calls"),
                            token,
                            obj(
                                    "messaging_product",
                                    "whatsapp",
                                    "action",
                                    action,
                                    "call_id",
                                    callId,
                                    "session",
                                    obj("sdp_type", "answer", "sdp", SDP)));
            assertThat(answered.json().path("success").asBoolean())
                    .as(action + ": " + answered)
                    .isTrue();
        }
        Reply ended = api().post(
                        s.calling("calls"),
                        token,
                        obj("messaging_product", "whatsapp", "action", "terminate", "call_id", callId));
        assertThat(ended.json().path("success").asBoolean())
                .as(ended.toString())
                .isTrue();
    }

    @Test
    void theNextMessageToACustomerFailsWithTheChosenErrorAndItsCallbackDataComesBack() {
        Sandbox s = sandbox();
        String token = s.team().adminToken();
        String customer = "919811100002";
        update(
                s,
                obj(
                        "passThroughWebhookUrl",
                        receiver.url("/raw"),
                        "enableChakraWebhook",
                        true,
                        "chakraWebhookUrl",
                        receiver.url("/chakra"),
                        "whichChakraWebhookEventsToSend",
                        List.of("status")));
        Reply scripted =
                api().post(s.path("next-status"), token, obj("to", customer, "status", "failed", "errorCode", 131049));
        assertThat(scripted.status()).as(scripted.toString()).isEqualTo(200);

        String failed = sendHelloWorld(s, customer, "attempt-1");
        String delivered = sendHelloWorld(s, customer, "attempt-2");

        JsonNode failure = await().atMost(Duration.ofSeconds(20))
                .until(() -> chakraStatus(failed, "FAILED"), Optional::isPresent)
                .orElseThrow();
        assertThat(failure.path("errorContext").path("code").asInt()).isEqualTo(131049);
        assertThat(failure.path("errorContext").path("title").asString()).contains("healthy ecosystem");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> chakraStatus(delivered, "DELIVERED").isPresent());
        // Meta's own statuses, forwarded as received: each carries its send's tracking text.
        assertThat(forwardedStatus(failed, "failed")
                        .orElseThrow()
                        .path("biz_opaque_callback_data")
                        .asString())
                .isEqualTo("attempt-1");
        assertThat(forwardedStatus(delivered, "delivered")
                        .orElseThrow()
                        .path("biz_opaque_callback_data")
                        .asString())
                .isEqualTo("attempt-2");

        Reply history = api().post(
                        "/v1/ext/plugin/whatsapp/list-chat-messages-for-phone-number",
                        token,
                        obj("customerPhoneNumber", customer));
        JsonNode failedMessage = history.data().findParents("externalId").stream()
                .filter(m -> m.path("externalId").asString().equals(failed))
                .findFirst()
                .orElseThrow();
        assertThat(failedMessage.path("deliveryStatus").asString()).isEqualTo("FAILED");
        assertThat(failedMessage.path("errors").path(0).path("code").asInt()).isEqualTo(131049);
    }

    @Test
    void badBodiesNameTheFieldAndOtherPluginsAre404() {
        Sandbox s = sandbox();
        String token = s.team().adminToken();
        Reply noCode = api().post(s.path("next-status"), token, obj("to", "919811100003", "status", "failed"));
        assertThat(noCode.status()).isEqualTo(400);
        assertThat(noCode.json().path("_errorDetails").path(0).path("field").asString())
                .isEqualTo("errorCode");
        Reply badStatus = api().post(s.path("next-status"), token, obj("to", "919811100003", "status", "lost"));
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.firstError()).contains("status");
        Reply codeWithoutFailure =
                api().post(s.path("next-status"), token, obj("to", "919811100003", "status", "read", "errorCode", 1));
        assertThat(codeWithoutFailure.status()).isEqualTo(400);
        Reply badPermission = api().post(s.path("call-permission"), token, obj("userWaId", "12", "status", "maybe"));
        assertThat(badPermission.status()).isEqualTo(400);
        assertThat(badPermission.json().path("_errorDetails").findValuesAsString("field"))
                .containsExactlyInAnyOrder("userWaId", "status");
        Reply noCaller = api().post(s.path("inbound-call"), token, obj());
        assertThat(noCaller.status()).isEqualTo(400);
        assertThat(noCaller.firstError()).contains("from");

        TestTeam other = newTeam();
        for (String action : List.of("call-permission", "inbound-call", "next-status")) {
            Reply foreign = api().post(
                            s.path(action),
                            other.adminToken(),
                            obj("userWaId", "919811100003", "from", "919811100003", "to", "919811100003"));
            assertThat(foreign.status()).as(action + ": " + foreign).isEqualTo(404);
        }
        Reply cloud = api().post(
                        "/v1/admin/plugins/whatsapp",
                        token,
                        obj(
                                "name",
                                "Cloud",
                                "accessToken",
                                "EAAB-cloud",
                                "appSecret",
                                "cloud-secret",
                                "wabas",
                                List.of(obj(
                                        "id",
                                        "8" + System.nanoTime(),
                                        "phoneNumbers",
                                        List.of(obj("id", "9" + System.nanoTime()))))));
        assertThat(cloud.status()).as(cloud.toString()).isEqualTo(200);
        Reply notSandbox = api().post(
                        "/v1/sandbox/" + cloud.data().path("id").asString() + "/next-status",
                        token,
                        obj("to", "919811100003", "status", "read"));
        assertThat(notSandbox.status()).isEqualTo(404);
    }

    private String permission(Sandbox s, String customer) {
        Reply reply = api().get(
                        s.calling("call_permissions") + "?user_wa_id=" + customer,
                        s.team().adminToken());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json().path("permission").path("status").asString();
    }

    private void update(Sandbox s, Object settings) {
        Reply updated = api().post(
                        "/v1/ext/plugin/whatsapp/" + s.pluginId() + "/update-config",
                        s.team().adminToken(),
                        settings);
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    }

    private String sendHelloWorld(Sandbox s, String customer, String callbackData) {
        Reply sent = api().post(
                        "/v1/ext/plugin/whatsapp/" + s.pluginId() + "/api/v23.0/" + s.phoneNumberId() + "/messages",
                        s.team().adminToken(),
                        obj(
                                "messaging_product",
                                "whatsapp",
                                "to",
                                customer,
                                "type",
                                "template",
                                "biz_opaque_callback_data",
                                callbackData,
                                "template",
                                obj("name", "hello_world", "language", obj("code", "en_US"))));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        return sent.data().path("whatsappMessageId").asString();
    }

    private Optional<JsonNode> chakraStatus(String wamid, String deliveryStatus) {
        return receiver.received("/chakra").stream()
                .map(r -> ApiClient.JSON.readTree(r.body()))
                .filter(e -> e.path("event").asString().equals("status"))
                .map(e -> e.path("payload"))
                .filter(p -> p.path("externalId").asString().equals(wamid)
                        && p.path("deliveryStatus").asString().equals(deliveryStatus))
                .findFirst();
    }

    private Optional<JsonNode> forwardedStatus(String wamid, String status) {
        return forwarded("statuses")
                .filter(item -> item.path("id").asString().equals(wamid)
                        && item.path("status").asString().equals(status))
                .findFirst();
    }

    private Optional<JsonNode> forwardedCall(String callId, String event) {
        return forwarded("calls")
                .filter(item -> item.path("id").asString().equals(callId)
                        && item.path("event").asString().equals(event))
                .findFirst();
    }

    /** The items of one kind in every notification forwarded to the pass-through webhook. */
    private Stream<JsonNode> forwarded(String kind) {
        return receiver.received("/raw").stream()
                .map(r -> ApiClient.JSON.readTree(r.body()))
                .flatMap(n -> n.path("entry").values().stream())
                .flatMap(entry -> entry.path("changes").values().stream())
                .flatMap(change -> change.path("value").path(kind).values().stream());
    }
}
