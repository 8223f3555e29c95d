package org.openchakra.metasim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Status and inbound webhooks (spec 6): signature, ASCII escaping, lifecycle, retries, batching, handshake. */
class WebhooksTest extends SimulatorFixture {

    private String sendText(String body, String opaque) {
        String json = "{\"messaging_product\": \"whatsapp\", \"to\": \"" + USER + "\", \"type\": \"text\", \"text\":"
                + " {\"body\": \"" + body + "\"}"
                + (opaque == null ? "" : ", \"biz_opaque_callback_data\": \"" + opaque + "\"") + "}";
        GraphClient.Answer answer = send(json);
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        return answer.json().path("messages").get(0).path("id").asString();
    }

    @Test
    void acceptedSendGetsSentDeliveredReadSignedWithTheAppSecret() {
        openWindow();
        String wamid = sendText("hello", null);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> receiver.statusesOf(wamid).size() == 3);
        assertThat(receiver.statusesOf(wamid)).containsExactly("sent", "delivered", "read");
        assertThat(receiver.received())
                .allSatisfy(r -> assertThat(r.signatureValid()).isTrue());

        JsonNode sent = receiver.statusObject(wamid, "sent");
        assertThat(sent.path("recipient_id").asString()).isEqualTo(USER_WA);
        assertThat(sent.path("timestamp").isString()).isTrue();
        assertThat(sent.path("timestamp").asString())
                .isEqualTo(Long.toString(clock.instant().getEpochSecond()));
        assertThat(sent.path("conversation").path("origin").path("type").asString())
                .isEqualTo("service");
        assertThat(sent.path("conversation").has("expiration_timestamp")).isTrue();
        assertThat(sent.path("pricing").path("type").asString()).isEqualTo("free_customer_service");
        assertThat(sent.path("pricing").path("pricing_model").asString()).isEqualTo("PMP");
        JsonNode delivered = receiver.statusObject(wamid, "delivered");
        assertThat(delivered.has("pricing")).isTrue();
        assertThat(delivered.path("conversation").has("expiration_timestamp")).isFalse();
        assertThat(receiver.statusObject(wamid, "read").has("pricing")).isFalse();

        JsonNode envelope = receiver.received().getLast().json();
        assertThat(envelope.path("object").asString()).isEqualTo("whatsapp_business_account");
        assertThat(envelope.path("entry").get(0).path("id").asString()).isEqualTo(WABA);
        JsonNode metadata = envelope.path("entry")
                .get(0)
                .path("changes")
                .get(0)
                .path("value")
                .path("metadata");
        assertThat(metadata.path("phone_number_id").asString()).isEqualTo(PNID);
        assertThat(metadata.path("display_phone_number").asString()).isEqualTo("15550783881");
    }

    @Test
    void templatesAreBilledInTheirCategoryAndV24DropsConversation() {
        GraphClient.Answer answer = graph.postJson(
                "/v24.0/" + PNID + "/messages",
                envelope("template", "{\"name\": \"hello_world\", \"language\": {\"code\": \"en_US\"}}"));
        String wamid = answer.json().path("messages").get(0).path("id").asString();

        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.statusObject(wamid, "sent") != null);
        JsonNode sent = receiver.statusObject(wamid, "sent");
        assertThat(sent.has("conversation")).isFalse();
        assertThat(sent.path("pricing").path("category").asString()).isEqualTo("utility");
        assertThat(sent.path("pricing").path("type").asString()).isEqualTo("regular");
        assertThat(sent.path("pricing").path("billable").asBoolean()).isTrue();
    }

    @Test
    void bodiesEscapeNonAsciiAndSlashesAndTheSignatureCoversThatForm() {
        openWindow();
        String wamid = sendText("caf\u00e9", "ref/\u00e9t\u00e9-\uD83D\uDE00");

        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.statusObject(wamid, "sent") != null);
        WebhookReceiver.Received raw = receiver.received().stream()
                .filter(r -> r.text().contains("ref\\/"))
                .findFirst()
                .orElseThrow();
        String text = new String(raw.body(), StandardCharsets.US_ASCII);
        assertThat(text).contains("ref\\/\\u00e9t\\u00e9-\\ud83d\\ude00");
        assertThat(text.chars().allMatch(c -> c < 0x80)).isTrue();
        assertThat(raw.signature()).isEqualTo(Signatures.sha256Header(APP_SECRET, raw.body()));
        assertThat(receiver.statusObject(wamid, "sent")
                        .path("biz_opaque_callback_data")
                        .asString())
                .isEqualTo("ref/\u00e9t\u00e9-\uD83D\uDE00");
    }

    /** Meta echoes a send's biz_opaque_callback_data on every status of it (spec 6.5), a failure's included. */
    @Test
    void everyStatusOfASendEchoesItsCallbackDataAndAScriptedFailureTakesItsCode() {
        openWindow();
        String read = sendText("tracked", "campaign-7/attempt-3");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> receiver.statusesOf(read).size() == 3);
        for (String status : new String[] {"sent", "delivered", "read"}) {
            assertThat(receiver.statusObject(read, status)
                            .path("biz_opaque_callback_data")
                            .asString())
                    .as(status)
                    .isEqualTo("campaign-7/attempt-3");
        }

        sim.nextStatus(PNID, USER, "failed", 131049);
        sim.nextStatus(PNID, USER, "delivered", null);
        String failed = sendText("fails", "attempt-4");
        String delivered = sendText("stays unread", null);
        String normal = sendText("back to normal", null);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> receiver.statusesOf(failed).contains("failed")
                        && receiver.statusesOf(delivered).contains("delivered")
                        && receiver.statusesOf(normal).contains("read"));
        assertThat(receiver.statusesOf(failed)).containsExactly("failed");
        JsonNode failure = receiver.statusObject(failed, "failed");
        assertThat(failure.path("errors").get(0).path("code").asInt()).isEqualTo(131049);
        assertThat(failure.path("errors").get(0).path("title").asString()).contains("healthy ecosystem");
        assertThat(failure.path("biz_opaque_callback_data").asString()).isEqualTo("attempt-4");
        assertThat(receiver.statusesOf(delivered)).containsExactly("sent", "delivered");
    }

    @Test
    void signaturesMatchAnIndependentlyComputedVector() {
        // openssl: printf '{}' | openssl dgst -sha256 -hmac secret (and -sha1)
        byte[] body = "{}".getBytes(StandardCharsets.US_ASCII);
        assertThat(Signatures.sha256Header("secret", body))
                .isEqualTo("sha256=77325902caca812dc259733aacd046b73817372c777b8d95b402647474516e13");
        assertThat(Signatures.sha1Header("secret", body)).isEqualTo("sha1=5d61605c3feea9799210ddcb71307d4ba264225f");
    }

    @Test
    void failedDeliveriesAreRetriedUntilTheReceiverAnswers200() {
        receiver.answerNext(500, 503);
        openWindow();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> receiver.values("messages").stream().anyMatch(v -> v.has("messages")));
        assertThat(receiver.received().subList(0, 3))
                .extracting(WebhookReceiver.Received::answeredWith)
                .containsExactly(500, 503, 200);
        assertThat(receiver.received().get(0).text())
                .isEqualTo(receiver.received().get(2).text());
        WebhookDelivery delivery = sim.webhookDeliveries().getFirst();
        assertThat(delivery.attempts()).isEqualTo(3);
        assertThat(delivery.outcome()).isEqualTo("DELIVERED");
    }

    @Test
    void retriesStopWhenTheScheduleIsExhausted() {
        for (int i = 0; i < 20; i++) {
            receiver.answerNext(500);
        }
        openWindow();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> sim.webhookDeliveries().getFirst().outcome().equals("DROPPED"));
        assertThat(sim.webhookDeliveries().getFirst().attempts())
                .isEqualTo(SimulatorConfig.COMPRESSED_RETRY_SCHEDULE.size() + 1);
    }

    @Test
    void inboundInjectionDeliversTheUsersMessage() {
        String wamid = sim.injectInbound(
                PNID,
                InboundMessage.text(USER, "Does it come in another color?").withProfileName("Sheena Nelson"));

        await().atMost(Duration.ofSeconds(5))
                .until(() -> !receiver.values("messages").isEmpty());
        JsonNode value = receiver.values("messages").getFirst();
        assertThat(value.path("contacts").get(0).path("profile").path("name").asString())
                .isEqualTo("Sheena Nelson");
        assertThat(value.path("contacts").get(0).path("wa_id").asString()).isEqualTo(USER_WA);
        JsonNode message = value.path("messages").get(0);
        assertThat(message.path("id").asString()).isEqualTo(wamid);
        assertThat(message.path("from").asString()).isEqualTo(USER_WA);
        assertThat(message.path("type").asString()).isEqualTo("text");
        assertThat(message.path("text").path("body").asString()).isEqualTo("Does it come in another color?");
    }

    @Test
    void inboundMediaIsStoredSoTheReceiverCanDownloadIt() {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 1, 2, 3};
        sim.injectInbound(
                PNID,
                InboundMessage.of(USER, "image", "{\"caption\": \"Taj Mahal\"}").withMedia(jpeg));

        await().atMost(Duration.ofSeconds(5))
                .until(() -> !receiver.values("messages").isEmpty());
        JsonNode image =
                receiver.values("messages").getFirst().path("messages").get(0).path("image");
        assertThat(image.path("mime_type").asString()).isEqualTo("image/jpeg");
        assertThat(image.path("caption").asString()).isEqualTo("Taj Mahal");
        String url = graph.get(V + "/" + image.path("id").asString())
                .json()
                .path("url")
                .asString();
        assertThat(graph.getAbsolute(url, true).bytes()).isEqualTo(jpeg);
    }

    @Test
    void interactiveRepliesCarryContextOfTheLastBusinessMessage() {
        openWindow();
        String wamid = sendText("pick one", null);
        sim.injectInbound(
                PNID,
                InboundMessage.of(
                        USER,
                        "interactive",
                        "{\"type\": \"button_reply\", \"button_reply\": {\"id\": \"yes\", \"title\": \"Yes\"}}"));

        await().atMost(Duration.ofSeconds(5))
                .until(() -> receiver.values("messages").stream()
                        .anyMatch(v -> v.path("messages")
                                .path(0)
                                .path("type")
                                .asString()
                                .equals("interactive")));
        JsonNode reply = receiver.values("messages").stream()
                .filter(v -> v.path("messages").path(0).path("type").asString().equals("interactive"))
                .findFirst()
                .orElseThrow()
                .path("messages")
                .get(0);
        assertThat(reply.path("context").path("id").asString()).isEqualTo(wamid);
        assertThat(reply.path("context").path("from").asString()).isEqualTo("15550783881");
    }

    @Test
    void reactionsGetSentOnlyAndUnknownTargetsFailWith131009() {
        String inbound = openWindow();
        String ok = send(envelope("reaction", "{\"message_id\": \"" + inbound + "\", \"emoji\": \"\\uD83D\\uDE00\"}"))
                .json()
                .path("messages")
                .get(0)
                .path("id")
                .asString();
        String bad = send(envelope("reaction", "{\"message_id\": \"wamid.unknown\", \"emoji\": \"\"}"))
                .json()
                .path("messages")
                .get(0)
                .path("id")
                .asString();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> !receiver.statusesOf(bad).isEmpty()
                        && !receiver.statusesOf(ok).isEmpty());
        sleepPastTimeline();
        assertThat(receiver.statusesOf(ok)).containsExactly("sent");
        assertThat(receiver.statusesOf(bad)).containsExactly("failed");
        assertThat(receiver.statusObject(bad, "failed")
                        .path("errors")
                        .get(0)
                        .path("code")
                        .asInt())
                .isEqualTo(131009);
    }

    @Test
    void recipientBehavioursShapeTheTimeline() {
        openWindow();
        sim.recipientBehaviour(USER, RecipientBehaviour.UNDELIVERABLE);
        String failed = sendText("lost", null);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !receiver.statusesOf(failed).isEmpty());
        JsonNode error = receiver.statusObject(failed, "failed").path("errors").get(0);
        assertThat(error.path("code").asInt()).isEqualTo(131026);
        assertThat(error.path("title").asString())
                .isEqualTo(error.path("message").asString());
        assertThat(error.path("href").asString()).contains("error-codes");

        sim.recipientBehaviour(USER, RecipientBehaviour.NEVER_READS);
        String unread = sendText("unread", null);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> receiver.statusesOf(unread).size() == 2);
        sleepPastTimeline();
        assertThat(receiver.statusesOf(unread)).containsExactly("sent", "delivered");
    }

    @Test
    void deliveredIsSkippedWhenReadIsImmediate() {
        sim.switches().skipDeliveredProbability(1.0);
        openWindow();
        String wamid = sendText("fast reader", null);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> receiver.statusesOf(wamid).size() == 2);
        sleepPastTimeline();
        assertThat(receiver.statusesOf(wamid)).containsExactly("sent", "read");
        assertThat(receiver.statusObject(wamid, "read").has("pricing")).isTrue();
    }

    @Test
    void batchingPutsSeveralEntriesInOnePost() {
        // A generous window: the batch must fill by size, not be cut short by a slow test thread.
        sim.switches().webhookBatchSize(3).webhookBatchWindow(Duration.ofSeconds(2));
        openWindow();
        sim.injectInbound(PNID, InboundMessage.text(USER, "second"));
        sim.injectInbound(PNID, InboundMessage.text(USER, "third"));

        await().atMost(Duration.ofSeconds(5)).until(() -> !receiver.received().isEmpty());
        assertThat(receiver.received().getFirst().json().path("entry").size()).isEqualTo(3);
        assertThat(receiver.values("messages")).hasSize(3);
    }

    @Test
    void duplicateReplaysResendTheSameBytes() {
        sim.switches().duplicateWebhookProbability(1.0);
        openWindow();
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received().size() == 2);
        assertThat(receiver.received().get(0).body())
                .isEqualTo(receiver.received().get(1).body());
        assertThat(sim.webhookDeliveries())
                .extracting(WebhookDelivery::duplicate)
                .containsExactly(false, true);
    }

    @Test
    void sha1SignatureIsSentOnRequest() {
        sim.switches().sendSha1Signature(true);
        openWindow();
        await().atMost(Duration.ofSeconds(5)).until(() -> !receiver.received().isEmpty());
        WebhookReceiver.Received r = receiver.received().getFirst();
        assertThat(r.sha1Signature()).isEqualTo(Signatures.sha1Header(APP_SECRET, r.body()));
    }

    @Test
    void verificationHandshakeEchoesTheChallenge() {
        VerificationResult ok = sim.verifyWebhook(WABA);
        assertThat(ok.verified()).isTrue();
        assertThat(ok.body()).isEqualTo(ok.challenge());

        sim.setWebhook(WABA, receiver.url(), "wrong-token", null);
        VerificationResult refused = sim.verifyWebhook(WABA);
        assertThat(refused.verified()).isFalse();
        assertThat(refused.httpStatus()).isEqualTo(403);
    }

    private static void sleepPastTimeline() {
        try {
            Thread.sleep(60);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
