package org.openchakra.webhook;

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
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openchakra.chat.StoredMessages;
import org.openchakra.support.CloudPlugins;
import org.openchakra.support.IntegrationTest;
import org.openchakra.support.MetaNotifications;
import org.openchakra.support.Reply;
import org.openchakra.support.SentMessages;
import org.openchakra.support.TestReceiver;
import org.openchakra.whatsapp.plugin.PluginService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Customer webhooks (webhooks.md §2): shapes, signatures, retries, order, 410, the log, tenancy. */
class CustomerWebhooksTest extends IntegrationTest {

    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000 + 7);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String TEAM_SECRET = "team-webhook-secret-0123456789";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    CustomerEvents events;

    @Autowired
    PluginService plugins;

    @Autowired
    TransactionTemplate tx;

    StoredMessages chatMessages;

    @Autowired
    void storedMessages(ApplicationContext context) {
        chatMessages = new StoredMessages(context);
    }

    private TestReceiver receiver;

    @BeforeEach
    void startReceiver() throws Exception {
        receiver = new TestReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    private record Setup(TestTeam team, String pluginId, String waba, String pnid, String appSecret) {}

    /** A CLOUD_API plugin whose notifications the test signs itself, forwarding to the test receiver. */
    private Setup setup(List<String> events, boolean passThrough) {
        TestTeam team = newTeam();
        assertThat(api().put("/v1/admin/team/secrets/webhook", team.adminToken(), obj("secret", TEAM_SECRET))
                        .status())
                .isEqualTo(200);
        String waba = "4" + IDS.incrementAndGet();
        String pnid = "4" + IDS.incrementAndGet();
        String secret = "app-" + waba;
        String pluginId = CloudPlugins.connect(
                api(),
                team.adminToken(),
                "http://127.0.0.1:9",
                "EAAB-" + waba,
                secret,
                waba,
                obj("id", pnid, "displayPhoneNumber", "+1 555-000-2222"));
        Reply updated = api().post(
                        "/v1/ext/plugin/whatsapp/" + pluginId + "/update-config",
                        team.adminToken(),
                        obj(
                                "enableChakraWebhook",
                                true,
                                "chakraWebhookUrl",
                                receiver.url("/chakra"),
                                "whichChakraWebhookEventsToSend",
                                events,
                                "passThroughWebhookUrl",
                                passThrough ? receiver.url("/raw") : null));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.data().path("success").asBoolean()).isTrue();
        return new Setup(team, pluginId, waba, pnid, secret);
    }

    private void postToMeta(Setup s, String value) throws Exception {
        byte[] body = MetaNotifications.of(s.waba(), s.pnid(), value);
        HttpResponse<String> answer = HTTP.send(
                HttpRequest.newBuilder(URI.create(api().baseUrl() + "/webhooks/meta"))
                        .header("X-Hub-Signature-256", MetaNotifications.signature(s.appSecret(), body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
    }

    private static String inbound(String from, String wamid, String text) {
        return "\"contacts\":[{\"profile\":{\"name\":\"Neha\"},\"wa_id\":\"" + from + "\"}],\"messages\":[{\"from\":\""
                + from + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"1750025136\",\"type\":\"text\","
                + "\"text\":{\"body\":\"" + text + "\"}}]";
    }

    private static String hmac(String secret, byte[] body) {
        return MetaNotifications.hmacHex(secret, body);
    }

    @Test
    void anInboundMessageReachesBothReceiversSignedAndInTheContractsShape() throws Exception {
        Setup s = setup(List.of("message", "status"), true);
        String wamid = "wamid.cw-" + IDS.incrementAndGet();
        postToMeta(s, inbound("919812300001", wamid, "Need a quote"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> receiver.received("/chakra").size() == 1
                        && receiver.received("/raw").size() == 1);

        TestReceiver.Received chakra = receiver.received("/chakra").get(0);
        assertThat(chakra.header("X-Chakra-Signature-256")).isEqualTo(hmac(TEAM_SECRET, chakra.body()));
        assertThat(chakra.header("Content-Type")).startsWith("application/json");
        assertThat(chakra.header("User-Agent")).startsWith("OpenChakra-Webhooks/");
        assertThat(chakra.header("X-Chakra-Delivery-Attempt")).isEqualTo("1");
        assertThat(UUID.fromString(chakra.header("X-Chakra-Event-Id"))).isNotNull();
        assertThat(Long.parseLong(chakra.header("X-Chakra-Timestamp"))).isGreaterThan(1_700_000_000_000L);
        JsonNode event = JSON.readTree(chakra.body());
        assertThat(event.path("event").asString()).isEqualTo("message");
        JsonNode p = event.path("payload");
        assertThat(p.propertyNames())
                .containsExactly(
                        "id",
                        "messageId",
                        "chatId",
                        "wabaId",
                        "whatsappPhoneNumberId",
                        "from",
                        "contactName",
                        "timestamp",
                        "dataType",
                        "text",
                        "leadId",
                        "message",
                        "contacts");
        assertThat(p.path("messageId").asString()).isEqualTo(wamid);
        assertThat(p.path("wabaId").asString()).isEqualTo(s.waba());
        assertThat(p.path("whatsappPhoneNumberId").asString()).isEqualTo(s.pnid());
        assertThat(p.path("from").asString()).isEqualTo("919812300001");
        assertThat(p.path("contactName").asString()).isEqualTo("Neha");
        assertThat(p.path("timestamp").asLong()).isEqualTo(1_750_025_136_000L);
        assertThat(p.path("dataType").asString()).isEqualTo("text");
        assertThat(p.path("text").asString()).isEqualTo("Need a quote");
        assertThat(p.path("message").path("text").path("body").asString()).isEqualTo("Need a quote");
        assertThat(p.path("contacts").get(0).path("wa_id").asString()).isEqualTo("919812300001");
        assertThat(UUID.fromString(p.path("leadId").asString())).isNotNull();
        assertThat(UUID.fromString(p.path("chatId").asString())).isNotNull();

        TestReceiver.Received raw = receiver.received("/raw").get(0);
        assertThat(raw.text()).contains(wamid).startsWith("{\"object\":\"whatsapp_business_account\"");
        assertThat(raw.header("X-Chakra-Signature-256")).isEqualTo(hmac(TEAM_SECRET, raw.body()));
    }

    @Test
    void aStatusEventCarriesTheErrorContextOfAFailure() throws Exception {
        Setup s = setup(List.of("status", "deliveryStatus"), false);
        String to = "919812300002";
        String wamid = "wamid.cw-out-" + IDS.incrementAndGet();
        UUID pluginId = UUID.fromString(s.pluginId());
        var outgoing = tx.execute(st -> chatMessages.recordOutgoing(
                SentMessages.passThroughText(s.team().id(), pluginId, s.pnid(), to, "hi", "SENT", wamid)));
        postToMeta(
                s,
                "\"statuses\":[{\"id\":\"" + wamid + "\",\"status\":\"failed\",\"timestamp\":\"1751142888\","
                        + "\"recipient_id\":\"" + to
                        + "\",\"errors\":[{\"code\":131026,\"title\":\"Message undeliverable\","
                        + "\"message\":\"Message undeliverable\"}]}]");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> receiver.received("/chakra").size() == 2);
        JsonNode status = receiver.received("/chakra").stream()
                .map(r -> JSON.readTree(r.body()))
                .filter(e -> e.path("event").asString().equals("status"))
                .findFirst()
                .orElseThrow();
        JsonNode p = status.path("payload");
        assertThat(p.path("id").asString()).isEqualTo(outgoing.id().toString());
        assertThat(p.path("messageId").asString()).isEqualTo(outgoing.id().toString());
        assertThat(p.path("externalId").asString()).isEqualTo(wamid);
        assertThat(p.path("deliveryStatus").asString()).isEqualTo("FAILED");
        assertThat(p.path("timestamp").asLong()).isEqualTo(1_751_142_888_000L);
        assertThat(p.path("recipientId").asString()).isEqualTo(to);
        assertThat(p.path("errorContext").path("code").asInt()).isEqualTo(131026);
        assertThat(p.path("errorContext").path("title").asString()).isEqualTo("Message undeliverable");
        assertThat(p.path("errorContext").path("providerPayload").path("code").asInt())
                .isEqualTo(131026);
        JsonNode legacy = receiver.received("/chakra").stream()
                .map(r -> JSON.readTree(r.body()))
                .filter(e -> e.path("event").asString().equals("deliveryStatus"))
                .findFirst()
                .orElseThrow();
        assertThat(legacy.path("payload").propertyNames())
                .containsExactly("id", "externalId", "deliveryStatus", "timestamp", "recipientId");
    }

    private UUID outgoing(Setup s, String to, String wamid) {
        return tx.execute(st -> chatMessages
                .recordOutgoing(SentMessages.passThroughText(
                        s.team().id(), UUID.fromString(s.pluginId()), s.pnid(), to, "hi", "PENDING", wamid))
                .id());
    }

    private static String statusObject(String wamid, String status, String to, long timestamp) {
        return "{\"id\":\"" + wamid + "\",\"status\":\"" + status + "\",\"timestamp\":\"" + timestamp
                + "\",\"recipient_id\":\"" + to + "\"}";
    }

    /**
     * Statuses are applied a batch at a time (one statement for many): the outcome must be what they make one after
     * another, in order, also when several name one message in one notification or in notifications processed
     * together: forward only, one event per move in Meta's order, every move's details kept.
     */
    @Test
    void statusesOfOneBatchMoveTheirMessagesInOrderAsOneByOne() throws Exception {
        Setup s = setup(List.of("status"), false);
        String to = "919812300003";
        String first = "wamid.cw-batch-" + IDS.incrementAndGet();
        String second = "wamid.cw-batch-" + IDS.incrementAndGet();
        String unknown = "wamid.cw-batch-" + IDS.incrementAndGet();
        UUID firstId = outgoing(s, to, first);
        UUID secondId = outgoing(s, to, second);
        // One notification: a repeated and a late status among forward ones, a message not recorded (yet).
        postToMeta(
                s,
                "\"statuses\":[" + statusObject(first, "sent", to, 1751142801) + ","
                        + statusObject(first, "delivered", to, 1751142802) + ","
                        + statusObject(second, "delivered", to, 1751142803) + ","
                        + statusObject(first, "sent", to, 1751142804) + ","
                        + statusObject(unknown, "read", to, 1751142805) + ","
                        + statusObject(first, "delivered", to, 1751142806) + "]");
        // More notifications of the same customer, posted together so that they are likely processed together.
        List<Thread> posts = new java.util.ArrayList<>();
        for (String value : List.of(
                "\"statuses\":[" + statusObject(second, "sent", to, 1751142807) + "]",
                "\"statuses\":[" + statusObject(first, "read", to, 1751142808) + "]",
                "\"statuses\":[" + statusObject(second, "read", to, 1751142809) + "]")) {
            posts.add(Thread.ofVirtual().start(() -> {
                try {
                    postToMeta(s, value);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread post : posts) {
            post.join();
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "READ".equals(deliveryStatus(firstId)) && "READ".equals(deliveryStatus(secondId)));
        Thread.sleep(500);
        List<String> firstMoves = receiver.received("/chakra").stream()
                .map(r -> JSON.readTree(r.body()).path("payload"))
                .filter(p -> p.path("externalId").asString().equals(first))
                .map(p -> p.path("deliveryStatus").asString())
                .toList();
        assertThat(firstMoves).containsExactly("SENT", "DELIVERED", "READ");
        List<String> secondMoves = receiver.received("/chakra").stream()
                .map(r -> JSON.readTree(r.body()).path("payload"))
                .filter(p -> p.path("externalId").asString().equals(second))
                .map(p -> p.path("deliveryStatus").asString())
                .toList();
        assertThat(secondMoves).containsExactly("DELIVERED", "READ");
        String details = jdbc.sql("SELECT status_details::text FROM chat_message WHERE team_id = :team AND id = :id")
                .param("team", s.team().id())
                .param("id", firstId)
                .query(String.class)
                .single();
        // The details of the moves, not of the repeated or late statuses.
        assertThat(JSON.readTree(details).path("sent").path("timestamp").asString())
                .isEqualTo("1751142801");
        assertThat(JSON.readTree(details).path("delivered").path("timestamp").asString())
                .isEqualTo("1751142802");
        assertThat(JSON.readTree(details).path("read").path("timestamp").asString())
                .isEqualTo("1751142808");
        assertThat(jdbc.sql("SELECT count(*) FROM orphan_status WHERE team_id = :team AND wamid = :wamid")
                        .param("team", s.team().id())
                        .param("wamid", unknown)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    private String deliveryStatus(UUID messageId) {
        return jdbc.sql("SELECT delivery_status FROM chat_message WHERE id = :id")
                .param("id", messageId)
                .query(String.class)
                .single();
    }

    @Test
    void aReceiverThatFailsForAWhileGetsEveryEventInOrderWithTheSameEventIds() throws Exception {
        Setup s = setup(List.of("message"), false);
        AtomicInteger calls = new AtomicInteger();
        receiver.answer(() -> calls.incrementAndGet() <= 4 ? 500 : 200);
        String from = "919812300003";
        for (int i = 1; i <= 4; i++) {
            postToMeta(s, inbound(from, "wamid.order-" + s.waba() + "-" + i, "message " + i));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> receiver.received("/chakra").stream()
                                .filter(r -> r.text().contains("message 4"))
                                .anyMatch(r -> true)
                        && deliveredCount(s) == 4);
        List<TestReceiver.Received> all = receiver.received("/chakra");
        // The first event was tried 5 times (4 failures), with one event id and a growing attempt number.
        List<TestReceiver.Received> first =
                all.stream().filter(r -> r.text().contains("message 1")).toList();
        assertThat(first).hasSize(5);
        assertThat(first.stream().map(r -> r.header("X-Chakra-Event-Id")).distinct())
                .hasSize(1);
        assertThat(first.stream().map(r -> r.header("X-Chakra-Delivery-Attempt")))
                .containsExactly("1", "2", "3", "4", "5");
        // Nothing of the chat overtook the failing event: successes came in message order.
        List<String> delivered = all.subList(4, all.size()).stream()
                .map(r -> JSON.readTree(r.body()).path("payload").path("text").asString())
                .toList();
        assertThat(delivered).containsExactly("message 1", "message 2", "message 3", "message 4");
    }

    private int deliveredCount(Setup s) {
        return jdbc.sql("SELECT count(*) FROM webhook_delivery WHERE team_id = :team AND status = 'DELIVERED'")
                .param("team", s.team().id())
                .query(Integer.class)
                .single();
    }

    @Test
    void goneStopsRetriesAndTheLogShowsItAndRedeliverSendsItAgain() throws Exception {
        Setup s = setup(List.of("message"), false);
        receiver.answer(() -> 410);
        postToMeta(s, inbound("919812300004", "wamid.gone-" + s.waba(), "bye"));
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            Reply log = api().get(
                            "/v1/admin/webhook-deliveries?status=EXPIRED",
                            s.team().adminToken());
            return log.data().size() == 1;
        });
        Thread.sleep(600);
        assertThat(receiver.received("/chakra")).hasSize(1);
        JsonNode row = api().get("/v1/admin/webhook-deliveries", s.team().adminToken())
                .data()
                .get(0);
        assertThat(row.path("status").asString()).isEqualTo("EXPIRED");
        assertThat(row.path("attempts").asInt()).isEqualTo(1);
        assertThat(row.path("lastResponseStatus").asInt()).isEqualTo(410);
        assertThat(row.path("event").asString()).isEqualTo("message");
        assertThat(row.path("url").asString()).isEqualTo(receiver.url("/chakra"));

        receiver.answer(() -> 200);
        Reply again = api().post(
                        "/v1/admin/webhook-deliveries/" + row.path("id").asString() + "/redeliver",
                        s.team().adminToken(),
                        obj());
        assertThat(again.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> receiver.received("/chakra").size() == 2);
        TestReceiver.Received second = receiver.received("/chakra").get(1);
        assertThat(second.header("X-Chakra-Event-Id"))
                .isEqualTo(row.path("eventId").asString());
        assertThat(second.header("X-Chakra-Delivery-Attempt")).isEqualTo("2");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> "DELIVERED"
                        .equals(api().get(
                                        "/v1/admin/webhook-deliveries?eventId="
                                                + row.path("eventId").asString(),
                                        s.team().adminToken())
                                .data()
                                .get(0)
                                .path("status")
                                .asString()));

        TestTeam other = newTeam();
        assertThat(api().get("/v1/admin/webhook-deliveries", other.adminToken()).data())
                .isEmpty();
        assertThat(api().post(
                                "/v1/admin/webhook-deliveries/" + row.path("id").asString() + "/redeliver",
                                other.adminToken(),
                                obj())
                        .status())
                .isEqualTo(404);
        assertThat(api().get(
                                "/v1/admin/webhook-deliveries?status=NOPE",
                                s.team().adminToken())
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aSendThroughOpenChakraIsEchoedToBothReceivers() throws Exception {
        TestTeam team = newTeam();
        Reply plugin = api().post("/v1/admin/plugins/whatsapp", team.adminToken(), obj("name", "S", "mode", "SANDBOX"));
        String pluginId = plugin.data().path("id").asString();
        String pnid = plugin.data()
                .path("wabas")
                .get(0)
                .path("phoneNumbers")
                .get(0)
                .path("id")
                .asString();
        assertThat(api().post(
                                "/v1/ext/plugin/whatsapp/" + pluginId + "/update-config",
                                team.adminToken(),
                                obj(
                                        "enableChakraWebhook",
                                        true,
                                        "chakraWebhookUrl",
                                        receiver.url("/chakra"),
                                        "whichChakraWebhookEventsToSend",
                                        List.of("message_echo"),
                                        "passThroughWebhookUrl",
                                        receiver.url("/raw"),
                                        "enableMessageEchoesForPassThroughWebhook",
                                        true))
                        .status())
                .isEqualTo(200);
        Reply sent = api().post(
                        "/v1/ext/plugin/whatsapp/" + pluginId + "/api/v23.0/" + pnid + "/messages",
                        team.adminToken(),
                        obj(
                                "messaging_product",
                                "whatsapp",
                                "to",
                                "919812300009",
                                "type",
                                "template",
                                "template",
                                obj("name", "hello_world", "language", obj("code", "en_US"))));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        String wamid = sent.data().path("whatsappMessageId").asString();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> receiver.received("/chakra").stream()
                                .anyMatch(r -> r.text().contains("message_echo"))
                        && receiver.received("/raw").stream()
                                .anyMatch(r -> r.text().contains("message_echoes")));
        JsonNode echo = JSON.readTree(receiver.received("/chakra").stream()
                .filter(r -> r.text().contains("message_echo"))
                .findFirst()
                .orElseThrow()
                .body());
        assertThat(echo.path("payload").path("messageId").asString()).isEqualTo(wamid);
        assertThat(echo.path("payload").path("to").asString()).isEqualTo("919812300009");
        assertThat(echo.path("payload").path("direction").asString()).isEqualTo("OUTBOUND");
        assertThat(echo.path("payload").path("dataType").asString()).isEqualTo("template");
        JsonNode raw = JSON.readTree(receiver.received("/raw").stream()
                .filter(r -> r.text().contains("message_echoes"))
                .findFirst()
                .orElseThrow()
                .body());
        JsonNode value = raw.path("entry").get(0).path("changes").get(0).path("value");
        assertThat(value.path("metadata").path("phone_number_id").asString()).isEqualTo(pnid);
        assertThat(value.path("message_echoes").get(0).path("id").asString()).isEqualTo(wamid);
        assertThat(value.path("message_echoes").get(0).path("to").asString()).isEqualTo("919812300009");
        assertThat(value.path("message_echoes")
                        .get(0)
                        .path("template")
                        .path("name")
                        .asString())
                .isEqualTo("hello_world");
    }

    @Test
    void anEventOfARolledBackTransactionIsNeverSent() {
        Setup s = setup(List.of("message"), true);
        var plugin = plugins.find(s.team().id(), UUID.fromString(s.pluginId())).orElseThrow();
        tx.executeWithoutResult(status -> {
            events.passThrough(plugin, "{\"rolled\":\"back\"}".getBytes(StandardCharsets.UTF_8), "k");
            status.setRollbackOnly();
        });
        tx.executeWithoutResult(
                status -> events.passThrough(plugin, "{\"kept\":true}".getBytes(StandardCharsets.UTF_8), "k"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> receiver.received("/raw").size() == 1);
        assertThat(receiver.received("/raw").get(0).text()).isEqualTo("{\"kept\":true}");
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_delivery WHERE team_id = :team")
                        .param("team", s.team().id())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void configReadsBackAndRefusesBadSettingsAndOtherTeams() {
        Setup s = setup(List.of("message"), false);
        String path = "/v1/ext/plugin/whatsapp/" + s.pluginId();
        JsonNode config = api().get(path + "/config", s.team().adminToken()).data();
        assertThat(config.propertyNames())
                .containsExactly(
                        "pluginId",
                        "isActive",
                        "mode",
                        "wabas",
                        "passThroughWebhookUrl",
                        "enableMessageEchoesForPassThroughWebhook",
                        "enableSendMessageTemplateEventForPassThroughWebhook",
                        "enableChakraWebhook",
                        "chakraWebhookUrl",
                        "whichChakraWebhookEventsToSend");
        assertThat(config.path("chakraWebhookUrl").asString()).isEqualTo(receiver.url("/chakra"));
        assertThat(config.path("wabas").get(0).path("id").asString()).isEqualTo(s.waba());
        assertThat(api().get(path + "/config", s.team().adminToken()).raw()).doesNotContain("app-" + s.waba());

        Reply bad = api().post(
                        path + "/update-config",
                        s.team().adminToken(),
                        obj(
                                "chakraWebhookUrl",
                                "ftp://example.com",
                                "whichChakraWebhookEventsToSend",
                                List.of("nope")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.raw()).contains("chakraWebhookUrl").contains("whichChakraWebhookEventsToSend");
        assertThat(api().get(path + "/config", s.team().adminToken())
                        .data()
                        .path("chakraWebhookUrl")
                        .asString())
                .isEqualTo(receiver.url("/chakra"));

        TestTeam other = newTeam();
        assertThat(api().get(path + "/config", other.adminToken()).status()).isEqualTo(404);
        assertThat(api().post(path + "/update-config", other.adminToken(), obj("enableChakraWebhook", false))
                        .status())
                .isEqualTo(404);
        assertThat(api().get(path + "/config", s.team().adminToken())
                        .data()
                        .path("enableChakraWebhook")
                        .asBoolean())
                .isTrue();
    }
}
