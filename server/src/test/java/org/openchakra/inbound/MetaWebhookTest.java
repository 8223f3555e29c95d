package org.openchakra.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openchakra.support.Json.obj;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openchakra.chat.StoredMessages;
import org.openchakra.metasim.BusinessAccountSpec;
import org.openchakra.metasim.InboundMessage;
import org.openchakra.support.CloudPlugins;
import org.openchakra.support.MetaNotifications;
import org.openchakra.support.Reply;
import org.openchakra.support.SentMessages;
import org.openchakra.whatsapp.MetaSimulatorTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Meta -> OpenChakra (webhooks.md §1): handshake, signatures, durable storage, idempotent processing. */
class MetaWebhookTest extends MetaSimulatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    JdbcClient jdbc;

    StoredMessages chatMessages;

    @Autowired
    void storedMessages(ApplicationContext context) {
        chatMessages = new StoredMessages(context);
    }

    /** A CLOUD_API plugin of a new team, for one WABA and number, with a known app secret. */
    private record Setup(TestTeam team, UUID pluginId, String waba, String pnid, String appSecret) {}

    private Setup setup() {
        TestTeam team = newTeam();
        String waba = nextId();
        String pnid = nextId();
        String secret = "app-secret-" + waba;
        Map<String, Object> plugin = CloudPlugins.body(
                meta.baseUrl(), "EAAB-" + waba, secret, waba, obj("id", pnid, "displayPhoneNumber", "15550001111"));
        plugin.put("verifyToken", "verify-" + waba);
        String pluginId = CloudPlugins.connect(api(), team.adminToken(), plugin);
        meta.registerBusiness(BusinessAccountSpec.builder(waba)
                .accessToken("EAAB-" + waba)
                .appSecret(secret)
                .webhookUrl(api().baseUrl() + "/webhooks/meta")
                .phoneNumber(pnid, "+1 555-000-1111")
                .build());
        return new Setup(team, UUID.fromString(pluginId), waba, pnid, secret);
    }

    private HttpResponse<String> post(byte[] body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api().baseUrl() + "/webhooks/meta"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sign(String secret, byte[] body) {
        return MetaNotifications.signature(secret, body);
    }

    private static byte[] messagesNotification(Setup s, String contacts, String messagesOrStatuses) {
        return MetaNotifications.of(
                s.waba(), s.pnid(), (contacts == null ? "" : "\"contacts\":" + contacts + ",") + messagesOrStatuses);
    }

    private static String textMessage(String from, String wamid, String text) {
        return "\"messages\":[{\"from\":\"" + from + "\",\"id\":\"" + wamid + "\",\"timestamp\":\""
                + (System.currentTimeMillis() / 1000) + "\",\"type\":\"text\",\"text\":{\"body\":\"" + text + "\"}}]";
    }

    private static String contact(String waId, String name) {
        return "[{\"profile\":{\"name\":\"" + name + "\"},\"wa_id\":\"" + waId + "\"}]";
    }

    private int messagesOf(UUID teamId, String wamid) {
        return jdbc.sql("SELECT count(*) FROM chat_message WHERE team_id = :team AND external_id = :wamid")
                .param("team", teamId)
                .param("wamid", wamid)
                .query(Integer.class)
                .single();
    }

    private Map<String, Object> messageRow(UUID teamId, String wamid) {
        return jdbc.sql(
                        "SELECT m.text, m.delivery_status, m.direction, m.data_type, m.attachments::text AS attachments,"
                                + " c.lead_id, c.unread_count, c.contact_name, c.last_inbound_at IS NOT NULL AS has_window"
                                + " FROM chat_message m JOIN chat c ON c.id = m.chat_id"
                                + " WHERE m.team_id = :team AND m.external_id = :wamid")
                .param("team", teamId)
                .param("wamid", wamid)
                .query()
                .singleRow();
    }

    @Test
    void theHandshakeEchoesTheChallengeOnlyForAKnownVerifyToken() throws Exception {
        Setup s = setup();
        HttpResponse<String> ok = HTTP.send(
                HttpRequest.newBuilder(URI.create(api().baseUrl()
                                + "/webhooks/meta?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=verify-"
                                + s.waba()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("1158201444");
        HttpResponse<String> wrong = HTTP.send(
                HttpRequest.newBuilder(URI.create(api().baseUrl()
                                + "/webhooks/meta?hub.mode=subscribe&hub.challenge=1&hub.verify_token=nope"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(meta.verifyWebhook(s.waba()).verified()).isFalse(); // the simulator's token was never set
    }

    @Test
    void aMissingOrWrongSignatureIsRefusedAndNothingIsStored() throws Exception {
        Setup s = setup();
        String wamid = "wamid.sig-" + nextId();
        byte[] body =
                messagesNotification(s, contact("919800000001", "Asha"), textMessage("919800000001", wamid, "hi"));
        long before = notificationsStored();
        assertThat(post(body, null).statusCode()).isEqualTo(401);
        assertThat(post(body, sign("another-secret", body)).statusCode()).isEqualTo(401);
        assertThat(post(body, "sha256=zz").statusCode()).isEqualTo(401);
        // Signed over other bytes (one byte short): refused too.
        assertThat(post(body, sign(s.appSecret(), java.util.Arrays.copyOf(body, body.length - 1)))
                        .statusCode())
                .isEqualTo(401);
        assertThat(notificationsStored()).isEqualTo(before);
        Thread.sleep(300);
        assertThat(messagesOf(s.team().id(), wamid)).isZero();
    }

    /**
     * Meta's POSTs are served before the API's filters and Spring MVC (MetaWebhookFilter): they keep their request
     * id, their refusals keep the error envelope, and the JSON body limit still holds, chunked or not.
     */
    @Test
    void aNotificationPostKeepsItsRequestIdEnvelopeAndBodyLimit() throws Exception {
        Setup s = setup();
        byte[] body = messagesNotification(
                s, contact("919800000002", "Ravi"), textMessage("919800000002", "wamid.rid-" + nextId(), "hi"));
        HttpResponse<String> stored = HTTP.send(
                HttpRequest.newBuilder(URI.create(api().baseUrl() + "/webhooks/meta"))
                        .header("X-Request-Id", "meta-post-1")
                        .header("X-Hub-Signature-256", sign(s.appSecret(), body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(stored.body()).isEqualTo("ok");
        assertThat(stored.headers().firstValue("X-Request-Id")).contains("meta-post-1");

        HttpResponse<String> refused = post("[1]".getBytes(StandardCharsets.UTF_8), null);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).path("message").asString())
                .isEqualTo("The notification must be a JSON object");
        assertThat(refused.headers().firstValue("X-Request-Id")).isPresent();

        long before = notificationsStored();
        byte[] huge = new byte[16 * 1024 * 1024 + 1];
        java.util.Arrays.fill(huge, (byte) ' ');
        // Refused by its Content-Length, and the connection closed while the client may still be writing: the
        // kernel's reset can destroy the answer before it is read (see BadInputTest), so a lost one is tried again.
        HttpResponse<String> tooLarge = null;
        for (int attempt = 0; attempt < 3 && tooLarge == null; attempt++) {
            try {
                tooLarge = post(huge, sign(s.appSecret(), huge));
            } catch (java.io.IOException lost) {
                // tried again
            }
        }
        assertThat(tooLarge).isNotNull();
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(tooLarge.body())
                        .path("_errorDetails")
                        .path(0)
                        .path("code")
                        .asString())
                .isEqualTo("PAYLOAD_TOO_LARGE");
        // Chunked: no Content-Length to refuse it by, so it is counted while read.
        HttpResponse<String> chunked = HTTP.send(
                HttpRequest.newBuilder(URI.create(api().baseUrl() + "/webhooks/meta"))
                        .header("X-Hub-Signature-256", sign(s.appSecret(), huge))
                        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.statusCode()).isEqualTo(413);
        assertThat(notificationsStored()).isEqualTo(before);
    }

    @Test
    void aDuplicatedMessageMakesOneMessageAndOneLead() throws Exception {
        Setup s = setup();
        String from = "9198" + nextId().substring(1, 9);
        String wamid = "wamid.dup-" + nextId();
        byte[] body =
                messagesNotification(s, contact(from, "Asha Rao"), textMessage(from, wamid, "Do you ship to Pune?"));
        assertThat(post(body, sign(s.appSecret(), body)).statusCode()).isEqualTo(200);
        assertThat(post(body, sign(s.appSecret(), body)).statusCode()).isEqualTo(200);
        String second = "wamid.dup2-" + nextId();
        byte[] next = messagesNotification(s, contact(from, "Asha Rao"), textMessage(from, second, "And to Goa?"));
        assertThat(post(next, sign(s.appSecret(), next)).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> messagesOf(s.team().id(), second) == 1
                        && messagesOf(s.team().id(), wamid) == 1);
        Thread.sleep(300); // the duplicate is processed too by now: still one
        assertThat(messagesOf(s.team().id(), wamid)).isEqualTo(1);
        Map<String, Object> row = messageRow(s.team().id(), second);
        assertThat(row.get("text")).isEqualTo("And to Goa?");
        assertThat(row.get("delivery_status")).isEqualTo("RECEIVED");
        assertThat(row.get("direction")).isEqualTo("INBOUND");
        assertThat(row.get("contact_name")).isEqualTo("Asha Rao");
        assertThat(row.get("unread_count")).isEqualTo(2);
        assertThat(row.get("has_window")).isEqualTo(true);
        assertThat(row.get("lead_id")).isNotNull();
        List<Map<String, Object>> leads = jdbc.sql("SELECT p.id, p.data->>'name' AS name FROM process p"
                        + " JOIN procedure d ON d.id = p.procedure_id WHERE p.team_id = :team AND d.short_id = 'lead'"
                        + " AND regexp_replace(p.data->>'phone_number', '[^0-9]', '', 'g') = :phone")
                .param("team", s.team().id())
                .param("phone", from)
                .query()
                .listOfRows();
        assertThat(leads).hasSize(1);
        assertThat(leads.get(0).get("name")).isEqualTo("Asha Rao");
        assertThat(leads.get(0).get("id")).isEqualTo(row.get("lead_id"));
        assertThat(jdbc.sql("SELECT count(*) FROM customer_window WHERE team_id = :team AND contact_identifier = :c")
                        .param("team", s.team().id())
                        .param("c", from)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void statusesMoveForwardOnlyAndAStatusBeforeItsMessageIsAppliedLater() throws Exception {
        Setup s = setup();
        String to = "9197" + nextId().substring(1, 9);
        String wamid = "wamid.out-" + nextId();
        // 'read' arrives first, before the message is even recorded.
        byte[] read = messagesNotification(s, null, status(wamid, "read", to));
        assertThat(post(read, sign(s.appSecret(), read)).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT count(*) FROM orphan_status WHERE wamid = :w")
                                .param("w", wamid)
                                .query(Integer.class)
                                .single()
                        == 1);
        chatMessages.recordOutgoing(
                SentMessages.passThroughText(s.team().id(), s.pluginId(), s.pnid(), to, "hello", "SENT", wamid));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "READ".equals(messageRow(s.team().id(), wamid).get("delivery_status")));
        // A late 'delivered' and a repeated 'sent' never move it back.
        byte[] late = messagesNotification(
                s,
                null,
                "\"statuses\":[" + statusObject(wamid, "delivered", to) + "," + statusObject(wamid, "sent", to) + "]");
        assertThat(post(late, sign(s.appSecret(), late)).statusCode()).isEqualTo(200);
        Thread.sleep(800);
        assertThat(messageRow(s.team().id(), wamid).get("delivery_status")).isEqualTo("READ");
        // 'failed' moves from any status and keeps Meta's errors.
        byte[] failed = messagesNotification(
                s,
                null,
                "\"statuses\":[{\"id\":\"" + wamid + "\",\"status\":\"failed\","
                        + "\"timestamp\":\"1751142888\",\"recipient_id\":\"" + to + "\",\"errors\":[{\"code\":131026,"
                        + "\"title\":\"Message undeliverable\"}]}]");
        assertThat(post(failed, sign(s.appSecret(), failed)).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "FAILED".equals(messageRow(s.team().id(), wamid).get("delivery_status")));
        String errors = jdbc.sql("SELECT errors::text FROM chat_message WHERE external_id = :w")
                .param("w", wamid)
                .query(String.class)
                .single();
        assertThat(errors).contains("131026");
    }

    private static String status(String wamid, String status, String to) {
        return "\"statuses\":[" + statusObject(wamid, status, to) + "]";
    }

    private static String statusObject(String wamid, String status, String to) {
        return "{\"id\":\"" + wamid + "\",\"status\":\"" + status + "\",\"timestamp\":\"1750030073\","
                + "\"recipient_id\":\"" + to + "\"}";
    }

    @Test
    void everyInboundTypeIsRenderedAsText() throws Exception {
        Setup s = setup();
        String from = "9196" + nextId().substring(1, 9);
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("\"type\":\"text\",\"text\":{\"body\":\"plain\"}", "plain");
        cases.put("\"type\":\"image\",\"image\":{\"caption\":\"Taj Mahal\",\"id\":\"1\"}", "Taj Mahal");
        cases.put("\"type\":\"document\",\"document\":{\"filename\":\"invoice.pdf\",\"id\":\"2\"}", "invoice.pdf");
        cases.put("\"type\":\"audio\",\"audio\":{\"id\":\"3\",\"voice\":true}", "[voice message]");
        cases.put("\"type\":\"sticker\",\"sticker\":{\"id\":\"4\"}", "[sticker]");
        cases.put(
                "\"type\":\"location\",\"location\":{\"latitude\":18.52,\"longitude\":73.85,\"name\":\"Office\","
                        + "\"address\":\"Pune\"}",
                "Office, Pune");
        cases.put("\"type\":\"contacts\",\"contacts\":[{\"name\":{\"formatted_name\":\"Ravi K\"}}]", "Ravi K");
        cases.put(
                "\"type\":\"reaction\",\"reaction\":{\"message_id\":\"wamid.x\",\"emoji\":\"\\ud83d\\udc4d\"}",
                "\uD83D\uDC4D");
        cases.put(
                "\"type\":\"interactive\",\"interactive\":{\"type\":\"button_reply\",\"button_reply\":{\"id\":\"c\","
                        + "\"title\":\"Cancel\"}}",
                "Cancel");
        cases.put(
                "\"type\":\"interactive\",\"interactive\":{\"type\":\"list_reply\",\"list_reply\":{\"id\":\"r\","
                        + "\"title\":\"Red\"}}",
                "Red");
        cases.put("\"type\":\"button\",\"button\":{\"payload\":\"Unsubscribe\",\"text\":\"Stop\"}", "Stop");
        cases.put(
                "\"type\":\"order\",\"order\":{\"catalog_id\":\"1\",\"text\":\"\",\"product_items\":[{}, {}]}",
                "[order: 2 item(s)]");
        cases.put("\"type\":\"system\",\"system\":{\"body\":\"User changed number\"}", "User changed number");
        cases.put(
                "\"type\":\"unsupported\",\"errors\":[{\"code\":131051,\"title\":\"Message type unknown\"}]",
                "Message type unknown");
        int i = 0;
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        for (var c : cases.entrySet()) {
            String wamid = "wamid.type" + (i++) + "-" + nextId();
            expected.put(wamid, c.getValue());
            byte[] body = messagesNotification(
                    s,
                    contact(from, "R"),
                    "\"messages\":[{\"from\":\"" + from + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"1750025136\","
                            + c.getKey() + "}]");
            assertThat(post(body, sign(s.appSecret(), body)).statusCode()).isEqualTo(200);
        }
        for (var e : expected.entrySet()) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> messagesOf(s.team().id(), e.getKey()) == 1);
            assertThat(messageRow(s.team().id(), e.getKey()).get("text"))
                    .as(e.getKey())
                    .isEqualTo(e.getValue());
        }
    }

    @Test
    void aNotificationForAnUnknownWabaIsAcknowledgedAndKeptAsADeadLetter() throws Exception {
        String waba = nextId();
        byte[] body = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + waba
                        + "\",\"changes\":[]}]}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(post(body, "sha256=00").statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT count(*) FROM meta_dead_letter WHERE convert_from(body, 'UTF8') LIKE :w")
                        .param("w", "%" + waba + "%")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void theSimulatorsSignedWebhookWithMediaEndsInAChatWithTheBytesKept() {
        Setup s = setup();
        String from = "9195" + nextId().substring(1, 9);
        byte[] png = java.util.Base64.getDecoder()
                .decode(
                        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
        String wamid = meta.injectInbound(
                s.pnid(),
                InboundMessage.of(from, "image", "{\"mime_type\":\"image/png\",\"caption\":\"my receipt\"}")
                        .withProfileName("Meera")
                        .withMedia(png));
        await().atMost(Duration.ofSeconds(15)).until(() -> messagesOf(s.team().id(), wamid) == 1);
        Map<String, Object> row = messageRow(s.team().id(), wamid);
        assertThat(row.get("text")).isEqualTo("my receipt");
        assertThat(row.get("data_type")).isEqualTo("image");
        JsonNode attachments = JSON.readTree((String) row.get("attachments"));
        assertThat(attachments.get(0).path("mimeType").asString()).isEqualTo("image/png");
        assertThat(attachments.get(0).path("fileSize").asLong()).isEqualTo(png.length);
        assertThat(attachments.get(0).path("url").asString()).endsWith("/show");
        assertThat(jdbc.sql("SELECT file_size FROM whatsapp_media WHERE team_id = :team")
                        .param("team", s.team().id())
                        .query(Long.class)
                        .single())
                .isEqualTo(png.length);
    }

    @Test
    void theSandboxInboundEndpointRunsTheWholeLoop() {
        TestTeam team = newTeam();
        String pluginId = api().post(
                        "/v1/admin/plugins/whatsapp", team.adminToken(), obj("name", "S", "mode", "SANDBOX"))
                .data()
                .path("id")
                .asString();
        Reply sent = api().post(
                        "/v1/sandbox/" + pluginId + "/inbound",
                        team.adminToken(),
                        obj("from", "+91 98765 43210", "name", "Kiran", "text", "Is the shop open today?"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        String wamid = sent.data().path("messageId").asString();
        await().atMost(Duration.ofSeconds(15)).until(() -> messagesOf(team.id(), wamid) == 1);
        Map<String, Object> row = messageRow(team.id(), wamid);
        assertThat(row.get("text")).isEqualTo("Is the shop open today?");
        assertThat(row.get("contact_name")).isEqualTo("Kiran");
        assertThat(row.get("lead_id")).isNotNull();

        Reply bad = api().post("/v1/sandbox/" + pluginId + "/inbound", team.adminToken(), obj("text", "no sender"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.firstError()).contains("from");
        TestTeam other = newTeam();
        assertThat(api().post(
                                "/v1/sandbox/" + pluginId + "/inbound",
                                other.adminToken(),
                                obj("from", "919876543210", "text", "x"))
                        .status())
                .isEqualTo(404);
    }

    /**
     * A notification whose processing fails (here: a trigger refuses its message) is retried with backoff and
     * holds back only its own customer's later notifications; once it goes through, they follow, in order.
     */
    @Test
    void aFailingNotificationIsRetriedAndHoldsBackOnlyItsCustomer() throws Exception {
        Setup s = setup();
        String tag = UUID.randomUUID().toString().replace("-", "");
        String poison = "wamid.poison-" + tag;
        String held = "wamid.held-" + tag;
        String other = "wamid.other-" + tag;
        String customer = "4915" + tag.substring(0, 8).replaceAll("[^0-9]", "7");
        String otherCustomer = "4916" + tag.substring(8, 16).replaceAll("[^0-9]", "7");
        String function = "test_refuse_" + tag;
        jdbc.sql("CREATE FUNCTION " + function + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                        + " IF NEW.external_id = '" + poison + "' THEN RAISE EXCEPTION 'refused for the test'; END IF;"
                        + " RETURN NEW; END $$")
                .update();
        jdbc.sql("CREATE TRIGGER " + function + " BEFORE INSERT ON chat_message FOR EACH ROW EXECUTE FUNCTION "
                        + function + "()")
                .update();
        try {
            for (String[] m : List.of(
                    new String[] {customer, poison}, new String[] {customer, held}, new String[] {otherCustomer, other
                    })) {
                byte[] body = messagesNotification(s, contact(m[0], "C"), textMessage(m[0], m[1], "hi"));
                assertThat(post(body, sign(s.appSecret(), body)).statusCode()).isEqualTo(200);
            }
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> messagesOf(s.team().id(), other) == 1
                            && notification(poison).path("attempts").asInt() >= 2);
            assertThat(notification(poison).path("status").asString()).isEqualTo("PENDING");
            assertThat(notification(poison).path("last_error").asString()).contains("refused for the test");
            assertThat(messagesOf(s.team().id(), held))
                    .as("waits for the customer's earlier message")
                    .isZero();
            assertThat(notification(held).path("attempts").asInt()).isZero();
        } finally {
            jdbc.sql("DROP TRIGGER " + function + " ON chat_message").update();
            jdbc.sql("DROP FUNCTION " + function + "()").update();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> messagesOf(s.team().id(), held) == 1);
        assertThat(messagesOf(s.team().id(), poison)).isEqualTo(1);
        assertThat(jdbc.sql("SELECT external_id FROM chat_message WHERE team_id = :team AND external_id IN"
                                + " (:poison, :held) ORDER BY created_at, id")
                        .param("team", s.team().id())
                        .param("poison", poison)
                        .param("held", held)
                        .query(String.class)
                        .list())
                .containsExactly(poison, held);
        assertThat(notificationRows(poison)).as("deleted once processed").isZero();
    }

    /**
     * A processed notification is deleted by the transaction that applied it (V16): its effects are in the chat and
     * the outbox, and a PROCESSED mark was a whole new version of the row.
     */
    @Test
    void aProcessedNotificationIsDeletedWithItsEffects() throws Exception {
        Setup s = setup();
        String wamid = "wamid.deleted-" + nextId();
        byte[] body =
                messagesNotification(s, contact("919800000009", "Mira"), textMessage("919800000009", wamid, "hi"));
        long before = notificationsStored();
        assertThat(post(body, sign(s.appSecret(), body)).statusCode()).isEqualTo(200);
        assertThat(notificationsStored()).as("stored before the answer").isGreaterThan(before);
        await().atMost(Duration.ofSeconds(10)).until(() -> messagesOf(s.team().id(), wamid) == 1);
        assertThat(notificationRows(wamid)).isZero();
    }

    /** How many notifications were ever stored: the identity's last value (rows are deleted once processed). */
    private long notificationsStored() {
        Long last = jdbc.sql("SELECT pg_sequence_last_value(pg_get_serial_sequence('meta_notification', 'id'))")
                .query(Long.class)
                .single();
        return last == null ? 0 : last;
    }

    private int notificationRows(String wamid) {
        return jdbc.sql("SELECT count(*) FROM meta_notification WHERE convert_from(body, 'UTF8') LIKE :pattern")
                .param("pattern", "%" + wamid + "%")
                .query(Integer.class)
                .single();
    }

    /** The stored notification that carries {@code wamid}: status, attempts, last_error. */
    private JsonNode notification(String wamid) {
        return JSON.readTree(jdbc.sql("SELECT json_build_object('status', status, 'attempts', attempts,"
                        + " 'last_error', last_error)::text FROM meta_notification"
                        + " WHERE convert_from(body, 'UTF8') LIKE :pattern")
                .param("pattern", "%" + wamid + "%")
                .query(String.class)
                .single());
    }
}
