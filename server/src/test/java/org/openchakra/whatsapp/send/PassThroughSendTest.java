package org.openchakra.whatsapp.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchakra.chat.ChatMessage;
import org.openchakra.metasim.DownMode;
import org.openchakra.metasim.OutboxEntry;
import org.openchakra.metasim.ReadReceipt;
import org.openchakra.metasim.Route;
import org.openchakra.support.ApiClient;
import org.openchakra.support.Multipart;
import org.openchakra.support.Reply;
import tools.jackson.databind.JsonNode;

/** whatsapp.md §2: the pass-through messages endpoint against a CLOUD_API plugin, and one sandbox flow. */
class PassThroughSendTest extends SendTestBase {

    @Test
    void aTextIsForwardedAsSentAndRecordedAsSent() {
        TestTeam team = newTeam();
        CloudPlugin plugin = cloudPlugin(team);
        String customer = nextCustomer();
        openWindow(plugin, customer);
        String to = "+" + customer.substring(0, 2) + " " + customer.substring(2, 7) + "-" + customer.substring(7);

        Reply reply = sendOk(
                plugin,
                obj(
                        "messaging_product",
                        "whatsapp",
                        "recipient_type",
                        "individual",
                        "to",
                        to,
                        "type",
                        "text",
                        "text",
                        obj("preview_url", true, "body", "Our catalogue: https://example.com/c")));

        JsonNode data = reply.data();
        String wamid = data.path("whatsappMessageId").asString();
        assertThat(data.path("response").path("messages").path(0).path("id").asString())
                .isEqualTo(wamid);
        assertThat(data.path("response").path("contacts").path(0).path("wa_id").asString())
                .isEqualTo(customer);
        assertThat(reply.errors()).isEmpty();
        OutboxEntry sent = meta.outbox(plugin.numberId()).getFirst();
        assertThat(sent.wamid()).isEqualTo(wamid);
        assertThat(sent.apiVersion()).isEqualTo(VERSION);
        JsonNode forwarded = ApiClient.JSON.readTree(sent.requestJson());
        assertThat(forwarded.path("to").asString()).isEqualTo(to);
        assertThat(forwarded.path("text").path("preview_url").asBoolean()).isTrue();

        ChatMessage message = recorded(team, reply);
        assertThat(message.externalId()).isEqualTo(wamid);
        assertThat(message.deliveryStatus()).isIn("SENT", "DELIVERED", "READ"); // statuses may have come back already
        assertThat(message.direction()).isEqualTo("OUTBOUND");
        assertThat(message.sourceType()).isEqualTo("PASS_THROUGH");
        assertThat(message.dataType()).isEqualTo("text");
        assertThat(message.text()).isEqualTo("Our catalogue: https://example.com/c");
        assertThat(message.contactIdentifier()).isEqualTo(customer);
        assertThat(message.whatsappPhoneNumberId()).isEqualTo(plugin.numberId());
        assertThat(message.pluginId().toString()).isEqualTo(plugin.id());
        assertThat(message.body().path("text").path("body").asString())
                .isEqualTo("Our catalogue: https://example.com/c");
    }

    @Test
    void readReceiptsAndTypingIndicatorsAreForwardedButNotRecorded() {
        TestTeam team = newTeam();
        CloudPlugin plugin = cloudPlugin(team);
        String inbound = openWindow(plugin, nextCustomer());
        long before = recordedCount(team);

        Reply read = send(plugin, obj("messaging_product", "whatsapp", "status", "read", "message_id", inbound));
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.data().path("success").asBoolean()).isTrue();
        assertThat(read.data().path("response").path("success").asBoolean()).isTrue();
        assertThat(read.data().has("whatsappMessageId")).isFalse();

        Reply typing = send(
                plugin,
                obj(
                        "messaging_product",
                        "whatsapp",
                        "status",
                        "read",
                        "message_id",
                        inbound,
                        "typing_indicator",
                        obj("type", "text")));
        assertThat(typing.status()).as(typing.toString()).isEqualTo(200);
        assertThat(typing.data().path("success").asBoolean()).isTrue();

        List<ReadReceipt> receipts = meta.readReceipts().stream()
                .filter(r -> r.phoneNumberId().equals(plugin.numberId()))
                .toList();
        assertThat(receipts).hasSize(2);
        assertThat(receipts).extracting(ReadReceipt::messageId).containsOnly(inbound);
        assertThat(receipts).extracting(ReadReceipt::typingIndicator).containsExactlyInAnyOrder(true, false);
        assertThat(recordedCount(team)).isEqualTo(before);
    }

    @Test
    void aBodyWithoutWhatMetaRequiresIsRefusedInMetasFormatWithoutCallingMeta() {
        TestTeam team = newTeam();
        CloudPlugin plugin = cloudPlugin(team);
        String to = nextCustomer();
        Map<String, Object> full =
                obj("messaging_product", "whatsapp", "to", to, "type", "text", "text", obj("body", "x"));
        for (String field : List.of("messaging_product", "to", "type")) {
            Map<String, Object> body = new java.util.LinkedHashMap<>(full);
            body.remove(field);
            Reply reply = send(plugin, body);
            assertThat(reply.status()).as(field + ": " + reply).isEqualTo(400);
            assertMetaError(reply, 100);
            assertThat(reply.json().path("error").path("message").asString())
                    .isEqualTo("(#100) The parameter " + field + " is required.");
            assertThat(reply.firstError()).contains(field);
        }
        Reply blank = send(plugin, obj("messaging_product", "whatsapp", "to", "  ", "type", "text"));
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.firstError()).contains("to");
        Reply receipt = send(plugin, obj("status", "read", "message_id", "wamid.x"));
        assertThat(receipt.status()).isEqualTo(400);
        assertThat(receipt.firstError()).contains("messaging_product");
        Reply notJson = api().send("POST", plugin.messagesPath(), team.adminToken(), "{\"to\": ", Map.of());
        assertThat(notJson.status()).isEqualTo(400);
        assertMetaError(notJson, 100);
        Reply array = api().send("POST", plugin.messagesPath(), team.adminToken(), "[1, 2]", Map.of());
        assertThat(array.status()).isEqualTo(400);
        assertMetaError(array, 100);
        Reply nul = send(
                plugin,
                obj("messaging_product", "whatsapp", "to", to, "type", "text", "text", obj("body", "a\u0000b")));
        assertThat(nul.status()).isEqualTo(400);
        assertThat(nul.firstError()).contains("text.body");

        assertThat(outboxSize(plugin)).isZero();
        assertThat(recordedCount(team)).isZero();
    }

    @Test
    void theVersionIsPassedUpstreamAsGivenAndMustLookLikeMetas() {
        TestTeam team = newTeam();
        CloudPlugin plugin = cloudPlugin(team);
        String customer = nextCustomer();
        openWindow(plugin, customer);
        for (String version : List.of("v18.0", "v25.0")) {
            Reply reply = api().post(plugin.messagesPath(version), team.adminToken(), text(customer, version));
            assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
            assertThat(meta.outbox(plugin.numberId()).getFirst().apiVersion()).isEqualTo(version);
        }
        Reply bad = api().post(plugin.messagesPath("latest"), team.adminToken(), text(customer, "x"));
        assertThat(bad.status()).isEqualTo(400);
        assertMetaError(bad, 100);
        assertThat(bad.firstError()).contains("version");
        assertThat(outboxSize(plugin)).isEqualTo(2);
    }

    @Test
    void metasRefusalIsRelayedWithMetasStatusAndRecordedAsFailed() {
        TestTeam team = newTeam();
        CloudPlugin plugin = cloudPlugin(team);
        String customer = nextCustomer();
        openWindow(plugin, customer);

        Reply unknownTemplate =
                send(plugin, template(customer, obj("name", "no_such_template", "language", obj("code", "en_US"))));
        assertThat(unknownTemplate.status()).as(unknownTemplate.toString()).isEqualTo(404);
        assertMetaError(unknownTemplate, 132001);
        assertThat(unknownTemplate.firstError()).startsWith("(#132001)");

        meta.failNext(Route.SEND_MESSAGE, 1, 131000);
        Reply failed = send(plugin, text(customer, "Sorry"));
        assertThat(failed.status()).as(failed.toString()).isEqualTo(500);
        assertMetaError(failed, 131000);

        assertThat(newestFailed(team, 131000).text()).isEqualTo("Sorry");
        assertThat(recordedCount(team)).isEqualTo(2);
    }

    @Test
    void anUnreachableMetaIs502AndTheMessageIsRecordedAsFailed() {
        TestTeam team = newTeam();
        CloudPlugin plugin = cloudPlugin(team);
        String customer = nextCustomer();
        openWindow(plugin, customer);
        meta.down(DownMode.CONNECTION_REFUSED);
        try {
            Reply reply = send(plugin, text(customer, "Anyone there?"));
            assertThat(reply.status()).as(reply.toString()).isEqualTo(502);
            assertThat(reply.firstError()).contains("Meta");
        } finally {
            meta.up();
        }
        assertThat(newestFailed(team, 502).text()).isEqualTo("Anyone there?");
    }

    @Test
    void aSilentMetaIs504WithinTheTimeoutAndTheMessageIsRecordedAsFailed() {
        TestTeam team = newTeam();
        CloudPlugin plugin = cloudPlugin(team);
        String customer = nextCustomer();
        openWindow(plugin, customer);
        meta.switches().fixedLatency(META_TIMEOUT.plusSeconds(3));
        long start = System.nanoTime();
        Reply reply;
        try {
            reply = send(plugin, text(customer, "Hello?"));
        } finally {
            meta.switches().fixedLatency(Duration.ZERO);
        }
        assertThat(reply.status()).as(reply.toString()).isEqualTo(504);
        assertThat(since(start)).isGreaterThanOrEqualTo(META_TIMEOUT).isLessThan(META_TIMEOUT.plusSeconds(2));
        assertThat(reply.firstError()).contains("did not answer");
        assertThat(newestFailed(team, 504).text()).isEqualTo("Hello?");
    }

    @Test
    void formBodiesAndOddButValidJsonAreSentAsMetaWouldTakeThem() {
        TestTeam team = newTeam();
        CloudPlugin plugin = cloudPlugin(team);
        String customer = nextCustomer();
        openWindow(plugin, customer);

        String form = "messaging_product=whatsapp&to=%2B" + customer + "&type=text&text="
                + java.net.URLEncoder.encode("{\"body\": \"From a form\"}", java.nio.charset.StandardCharsets.UTF_8);
        Reply formReply = api().send(
                        "POST",
                        plugin.messagesPath(),
                        team.adminToken(),
                        form,
                        Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(formReply.status()).as(formReply.toString()).isEqualTo(200);
        assertThat(recorded(team, formReply).text()).isEqualTo("From a form");
        assertThat(recorded(team, formReply).contactIdentifier()).isEqualTo(customer);

        Multipart multipart = new Multipart()
                .field("messaging_product", "whatsapp")
                .field("to", customer)
                .field("type", "text")
                .field("text", "{\"body\": \"From multipart\"}");
        Reply multipartReply =
                api().send("POST", plugin.messagesPath(), team.adminToken(), multipart.body(), multipart.headers());
        assertThat(multipartReply.status()).as(multipartReply.toString()).isEqualTo(200);
        assertThat(recorded(team, multipartReply).text()).isEqualTo("From multipart");

        // No Content-Type, or text/plain: Graph reads any other body as JSON.
        String json = "{\"messaging_product\": \"whatsapp\", \"to\": \"" + customer
                + "\", \"type\": \"text\", \"text\": {\"body\": \"As text/plain\"}}";
        Reply plain = api().send(
                        "POST",
                        plugin.messagesPath(),
                        team.adminToken(),
                        json,
                        Map.of("Content-Type", "text/plain; charset=utf-8"));
        assertThat(plain.status()).as(plain.toString()).isEqualTo(200);

        // A number as a number, extra fields Meta added later, an empty optional field.
        Reply numeric = sendOk(
                plugin,
                Map.of(
                        "messaging_product",
                        "whatsapp",
                        "to",
                        Long.parseLong(customer),
                        "type",
                        "text",
                        "text",
                        obj("body", "Numeric to", "preview_url", false),
                        "biz_opaque_callback_data",
                        "",
                        "some_future_field",
                        obj("x", 1)));
        ChatMessage message = recorded(team, numeric);
        assertThat(message.contactIdentifier()).isEqualTo(customer);
        assertThat(message.text()).isEqualTo("Numeric to");
    }

    @Test
    void aSandboxPluginSendsToTheBuiltInSimulator() {
        TestTeam team = newTeam();
        Reply created =
                api().post("/v1/admin/plugins/whatsapp", team.adminToken(), obj("name", "Try", "mode", "SANDBOX"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String pluginId = created.data().path("id").asString();
        String number = created.data()
                .path("wabas")
                .path(0)
                .path("phoneNumbers")
                .path(0)
                .path("id")
                .asString();
        String customer = nextCustomer();

        Reply reply = api().post(
                        "/v1/ext/plugin/whatsapp/" + pluginId + "/api/v23.0/" + number + "/messages",
                        team.adminToken(),
                        template("+" + customer, obj("name", "hello_world", "language", obj("code", "en_US"))));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        String wamid = reply.data().path("whatsappMessageId").asString();
        assertThat(wamid).startsWith("wamid.");

        Reply outbox = api().get("/v1/sandbox/" + pluginId + "/outbox", team.adminToken());
        assertThat(outbox.status()).as(outbox.toString()).isEqualTo(200);
        JsonNode entry = outbox.data().path(0);
        assertThat(entry.path("id").asString()).isEqualTo(wamid);
        assertThat(entry.path("type").asString()).isEqualTo("template");
        assertThat(entry.path("waId").asString()).isEqualTo(customer);
        assertThat(entry.path("request").path("template").path("name").asString())
                .isEqualTo("hello_world");
        ChatMessage message = recorded(team, reply);
        assertThat(message.dataType()).isEqualTo("template");
        // The simulator's status webhooks come back through /webhooks/meta at once and move it forward.
        assertThat(message.deliveryStatus()).isIn("SENT", "DELIVERED", "READ");
    }

    /** Meta's error object for Meta-format clients, and the envelope for Chakra-format ones (§2.3). */
    static void assertMetaError(Reply reply, int code) {
        JsonNode error = reply.json().path("error");
        assertThat(error.path("code").asInt()).as(reply.toString()).isEqualTo(code);
        assertThat(error.path("message").asString()).startsWith("(#" + code + ")");
        assertThat(error.path("type").asString()).isNotBlank();
        assertThat(reply.firstError()).startsWith("(#" + code + ")");
        assertThat(reply.json().path("_errorDetails").path(0).path("metaCode").asInt())
                .isEqualTo(code);
        assertThat(reply.json().path("_errorDetails").path(0).path("code").asString())
                .isEqualTo("UPSTREAM_ERROR");
    }
}
