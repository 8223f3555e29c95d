package org.openchakra.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openchakra.support.Json.obj;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openchakra.support.ApiClient;
import org.openchakra.support.Downloads;
import org.openchakra.support.EmbeddedDatabase;
import org.openchakra.support.Multipart;
import org.openchakra.support.Reply;
import org.openchakra.support.ServerProcess;
import org.openchakra.support.TableWriteGate;
import org.openchakra.support.TestReceiver;
import tools.jackson.databind.JsonNode;

/**
 * Two server processes on one database, as the README's "Several instances" section sets them up (the second
 * attached to the first's embedded PostgreSQL; the same secret key, operator token and blob store), as a
 * deployment of several instances runs: a change made through one holds on the other at once (webhooks.md §2,
 * README §2 and §7), and the settings are read under the names the contract gives them. Where the test plays
 * the load balancer, consecutive requests go to alternate instances: media uploaded through one are served by
 * the other; a sandbox conversation whose every step lands on the other instance than the step before reads
 * as one conversation from either; a bulk job and a broadcast started through one are worked by both, each
 * item once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesTest {

    /** The statements with which a bulk job's batch writes its processes. */
    private static final String BULK_WRITES = "%process%jsonb_to_recordset%";

    private static final String VERIFY_BY_CONTRACT_NAME = "verify-by-contract-name";
    private static final String VERIFY_BY_FORMER_NAME = "verify-by-former-name";
    private static final String BROWSER_ORIGIN = "https://inbox.example.test";
    private static final String OPERATOR_TOKEN = "two-instances-operator-token-0123456789abcdef";

    private ServerProcess first;
    private ServerProcess second;
    private String token;
    private String pluginId;
    private TestReceiver receiver;
    private final AtomicInteger turn = new AtomicInteger();

    @BeforeAll
    void startBoth() throws Exception {
        Path root = Files.createDirectories(Path.of("target", "test-data"));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> shared = new HashMap<>();
        shared.put("OPENCHAKRA_SECRET_KEY", Base64.getEncoder().encodeToString(key));
        shared.put("OPENCHAKRA_OPERATOR_TOKEN", OPERATOR_TOKEN);
        shared.put("OPENCHAKRA_MEDIA_STORE", "postgres");
        shared.put("OPENCHAKRA_WEBHOOKS_ALLOW_PRIVATE_URLS", "true");
        shared.put("OPENCHAKRA_WEBHOOKS_FIRST_RETRY", "200ms");
        shared.put("OPENCHAKRA_WEBHOOKS_MAX_BACKOFF", "1s");
        // One bulk-job slice per server at a time, in small batches: a job lasts long enough to share.
        shared.put("OPENCHAKRA_JOBS_WORKERS", "1");
        shared.put("OPENCHAKRA_JOBS_BATCH_SIZE", "100");
        // And one campaign batch per server at a time: two batches waiting to be recorded are two servers.
        shared.put("OPENCHAKRA_CAMPAIGNS_WORKERS", "1");
        shared.put("OPENCHAKRA_CAMPAIGNS_PIPELINES", "1");
        Map<String, String> firstEnv = new HashMap<>(shared);
        firstEnv.put("OPENCHAKRA_META_VERIFY_TOKEN", VERIFY_BY_CONTRACT_NAME);
        firstEnv.put("OPENCHAKRA_CORS_ALLOWED_ORIGINS", BROWSER_ORIGIN);
        first = new ServerProcess(root.resolve("two-first-" + System.nanoTime()), firstEnv);
        first.start();
        Map<String, String> secondEnv = new HashMap<>(shared);
        secondEnv.putAll(first.databaseEnv());
        secondEnv.put("OPENCHAKRA_WHATSAPP_META_VERIFY_TOKEN", VERIFY_BY_FORMER_NAME);
        secondEnv.put("OPENCHAKRA_META_VERIFY_TOKEN", VERIFY_BY_CONTRACT_NAME);
        second = new ServerProcess(root.resolve("two-second-" + System.nanoTime()), secondEnv);
        second.start();
        token = Files.readString(first.dataDir().resolve("initial-admin-token")).trim();
        Reply plugins = first.api().get("/v1/admin/plugins/whatsapp", token);
        assertThat(plugins.status()).as(plugins.toString()).isEqualTo(200);
        for (JsonNode plugin : plugins.data()) {
            if (plugin.path("mode").asString().equals("SANDBOX")) {
                pluginId = plugin.path("id").asString();
            }
        }
        assertThat(pluginId).as("the default team's sandbox plugin: " + plugins).isNotNull();
        receiver = new TestReceiver();
    }

    @AfterAll
    void stopBoth() {
        if (receiver != null) {
            receiver.close();
        }
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    /**
     * The customer turns the Chakra webhook on through one instance; a message that reaches the other the
     * moment update-config has answered makes its event (it was lost for ~5 s: a kept copy of the settings
     * decided). And off again the other way round: a message after that makes none.
     */
    @Test
    void aSettingsChangeThroughOneInstanceDecidesTheNextMessageThroughTheOther() {
        String customer = "919877700001";
        // Both instances receive and process a message first, so that each has met the plugin's settings.
        inbound(first.api(), customer, "warm-up one");
        inbound(second.api(), customer, "warm-up two");
        awaitRecorded(customer, "warm-up one");
        awaitRecorded(customer, "warm-up two");
        assertThat(second.api()
                        .get(config(), token)
                        .data()
                        .path("enableChakraWebhook")
                        .asBoolean())
                .isFalse();

        Reply enabled = first.api()
                .post(
                        config().replace("/config", "/update-config"),
                        token,
                        obj(
                                "enableChakraWebhook",
                                true,
                                "chakraWebhookUrl",
                                receiver.url("/chakra"),
                                "whichChakraWebhookEventsToSend",
                                List.of("message")));
        assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
        inbound(second.api(), customer, "right after update-config");
        // What the other instance answers already says so, too.
        assertThat(second.api()
                        .get(config(), token)
                        .data()
                        .path("chakraWebhookUrl")
                        .asString())
                .isEqualTo(receiver.url("/chakra"));

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(eventTexts()).contains("right after update-config"));
        assertThat(eventTexts()).doesNotContain("warm-up one", "warm-up two");

        Reply disabled = second.api()
                .post(config().replace("/config", "/update-config"), token, obj("enableChakraWebhook", false));
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
        inbound(first.api(), customer, "right after turning it off");
        awaitRecorded(customer, "right after turning it off");
        // The event would be written with the message, in its transaction: none can come later.
        sleep(Duration.ofSeconds(2));
        assertThat(eventTexts()).doesNotContain("right after turning it off");
    }

    /**
     * A rate limit, a role's privileges, a revoked token and a deleted key changed through one instance hold on the
     * other at once, though the other keeps the callers it has met (each is used there first).
     */
    @Test
    void rateLimitsRolesAndRevokedKeysChangedThroughOneInstanceHoldOnTheOther() {
        assertThat(second.api().get("/v1/health", token).status()).isEqualTo(200);
        Reply limited =
                first.api().put("/v1/admin/team", token, obj("rateLimit", obj("requestsPerSecond", 70, "burst", 170)));
        assertThat(limited.status()).as(limited.toString()).isEqualTo(200);
        await().atMost(NOTICE_DELAY)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> "170".equals(second.api().get("/v1/health", token).header("X-RateLimit-Limit")));

        String shortId =
                "reader_" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
        Reply role = first.api()
                .post(
                        "/v1/admin/roles",
                        token,
                        obj(
                                "shortId",
                                shortId,
                                "name",
                                "Reader",
                                "roleType",
                                "USER",
                                "privileges",
                                List.of("config:read")));
        assertThat(role.status()).as(role.toString()).isEqualTo(200);
        Reply key = first.api().post("/v1/admin/api-keys", token, obj("name", "reader", "role", shortId));
        assertThat(key.status()).as(key.toString()).isEqualTo(200);
        String reader = key.data().path("token").path("token").asString();
        assertThat(second.api().get("/v1/ext/config", reader).status()).isEqualTo(200);

        Reply narrowed = first.api()
                .put("/v1/admin/roles/" + role.data().path("id").asString(), token, obj("privileges", List.of()));
        assertThat(narrowed.status()).as(narrowed.toString()).isEqualTo(200);
        soonAnswers(() -> second.api().get("/v1/ext/config", reader).status(), 403);

        String keyId = key.data().path("apiKey").path("id").asString();
        Reply another = first.api().post("/v1/admin/api-keys/" + keyId + "/tokens", token, null);
        assertThat(another.status()).as(another.toString()).isEqualTo(200);
        String revokedToken = another.data().path("token").asString();
        assertThat(second.api().get("/v1/health", revokedToken).status()).isEqualTo(200);
        Reply revoked = first.api()
                .delete(
                        "/v1/admin/api-keys/" + keyId + "/tokens/"
                                + another.data().path("id").asString(),
                        token);
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        soonAnswers(() -> second.api().get("/v1/health", revokedToken).status(), 401);
        assertThat(second.api().get("/v1/health", reader).status()).isEqualTo(200);

        Reply deleted = first.api().delete("/v1/admin/api-keys/" + keyId, token);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        soonAnswers(() -> second.api().get("/v1/health", reader).status(), 401);
    }

    /**
     * The other instance learns of a change from its notice, which PostgreSQL hands over after the commit: on a
     * loaded machine that can come a little after the changing request's answer. It has to come well within the
     * 5 s that callers are kept, so a change whose notice is missing still fails here.
     */
    private static final Duration NOTICE_DELAY = Duration.ofMillis(1500);

    private static void soonAnswers(IntSupplier status, int expected) {
        await().atMost(NOTICE_DELAY).pollInterval(Duration.ofMillis(20)).until(() -> status.getAsInt() == expected);
    }

    /** A procedure changed through one instance: the other forgets its copy once the change's notice arrives. */
    @Test
    void aProcedureChangedThroughOneInstanceIsUsedByTheOtherAtOnce() {
        assertThat(second.api()
                        .post("/v1/ext/procedure/lead/process", token, obj("data", obj("name", "Warm")))
                        .status())
                .isEqualTo(200);
        String attribute = "a" + UUID.randomUUID().toString().substring(0, 8).replace("-", "");
        Reply added = first.api()
                .post("/v1/admin/procedures/lead/attributes", token, obj("shortId", attribute, "type", "string"));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        // Notices arrive milliseconds after the commit; the kept copy lived 2 s before them.
        await().atMost(Duration.ofMillis(1500))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> second.api()
                                .post(
                                        "/v1/ext/procedure/lead/process",
                                        token,
                                        obj("data", obj("name", "Fresh", attribute, "x")))
                                .status()
                        == 200);
    }

    /** OPENCHAKRA_META_VERIFY_TOKEN (webhooks.md §1), the former name an alias; OPENCHAKRA_CORS_ALLOWED_ORIGINS. */
    @Test
    void settingsAreReadUnderTheContractsNames() {
        assertThat(handshake(first, VERIFY_BY_CONTRACT_NAME).raw()).isEqualTo("challenge-42");
        assertThat(handshake(first, VERIFY_BY_FORMER_NAME).status()).isEqualTo(403);
        assertThat(handshake(second, VERIFY_BY_CONTRACT_NAME).raw()).isEqualTo("challenge-42");
        assertThat(handshake(second, VERIFY_BY_FORMER_NAME).raw()).isEqualTo("challenge-42");
        assertThat(handshake(second, "something-else").status()).isEqualTo(403);

        Map<String, String> preflight = Map.of(
                "Origin",
                BROWSER_ORIGIN,
                "Access-Control-Request-Method",
                "GET",
                "Access-Control-Request-Headers",
                "authorization");
        Reply allowed = first.api().send("OPTIONS", "/v1/health", null, null, preflight);
        assertThat(allowed.status()).isEqualTo(204);
        assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(BROWSER_ORIGIN);
        // Unset on the second: no cross-origin access by default.
        Reply byDefault = second.api().send("OPTIONS", "/v1/health", null, null, preflight);
        assertThat(byDefault.header("Access-Control-Allow-Origin")).isNull();
    }

    /** The load balancer: each call answers the other instance than the call before. */
    private ApiClient next() {
        return turn.getAndIncrement() % 2 == 0 ? first.api() : second.api();
    }

    @Test
    void mediaUploadedThroughOneInstanceAreServedByTheOther() {
        byte[] png = png();
        String plugin = pluginId;
        Multipart form = new Multipart().file("file", "logo.png", "image/png", png);
        Reply published = first.api()
                .send(
                        "POST",
                        "/v1/ext/plugin/whatsapp/" + plugin + "/upload-public-media",
                        token,
                        form.body(),
                        form.headers());
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        String url = published.data().path("publicMediaUrl").asString();
        String path = url.substring(url.indexOf("/public-media/"));

        HttpResponse<byte[]> served = Downloads.get(second.api().baseUrl() + path, null, Map.of());
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(served.body()).isEqualTo(png);
        HttpResponse<byte[]> range = Downloads.get(second.api().baseUrl() + path, null, Map.of("Range", "bytes=0-7"));
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.body()).isEqualTo(java.util.Arrays.copyOf(png, 8));

        byte[] scan = new byte[300_000];
        new Random(7).nextBytes(scan);
        Multipart photo = new Multipart().file("photo", "scan.bin", "application/octet-stream", scan);
        Reply uploaded = second.api().send("POST", "/v1/ext/photo", token, photo.body(), photo.headers());
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(200);
        HttpResponse<byte[]> content = Downloads.get(
                first.api().baseUrl() + "/v1/ext/photo/"
                        + uploaded.data().path("id").asString() + "/content",
                token,
                Map.of());
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.body()).isEqualTo(scan);
    }

    @Test
    void aSandboxConversationWhoseStepsAlternateBetweenInstancesIsOneConversation() {
        String plugin = pluginId;
        String number = first.api()
                .get("/v1/admin/plugins/whatsapp/" + plugin, token)
                .data()
                .path("wabas")
                .path(0)
                .path("phoneNumbers")
                .path(0)
                .path("id")
                .asString();
        String customer = "91987" + (100_000 + new Random().nextInt(900_000));
        List<String> said = new ArrayList<>();
        for (int round = 1; round <= 2; round++) {
            String question = "Question " + round + " from the customer";
            Reply inbound = next().post(
                            "/v1/sandbox/" + plugin + "/inbound",
                            token,
                            obj("from", customer, "name", "Asha", "text", obj("body", question)));
            assertThat(inbound.status()).as(inbound.toString()).isEqualTo(200);
            said.add(question);
            awaitMessages(plugin, customer, said);

            String answer = "Answer " + round + " from the team";
            Reply sent = next().post(
                            "/v1/ext/plugin/whatsapp/" + plugin + "/api/v23.0/" + number + "/messages",
                            token,
                            obj(
                                    "messaging_product",
                                    "whatsapp",
                                    "to",
                                    customer,
                                    "type",
                                    "text",
                                    "text",
                                    obj("body", answer)));
            assertThat(sent.status()).as("round " + round + ": " + sent).isEqualTo(200);
            said.add(answer);
            awaitMessages(plugin, customer, said);
        }
        // Each answer's statuses came back (through whichever simulator sent it) and are seen from both.
        for (ApiClient instance : List.of(first.api(), second.api())) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode messages = messages(instance, plugin, customer);
                for (JsonNode message : messages) {
                    if (message.path("direction").asString().equals("OUTBOUND")) {
                        assertThat(message.path("deliveryStatus").asString()).isIn("DELIVERED", "READ");
                    }
                }
            });
        }
    }

    @Test
    void aBulkJobStartedThroughOneInstanceIsWorkedByBothEachItemOnce() throws Exception {
        int items = 3_000;
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < items; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"lead_id\":\"TWO-")
                    .append(i)
                    .append("\",\"name\":\"Lead ")
                    .append(i)
                    .append("\"}");
        }
        String job;
        try (TableWriteGate gate = new TableWriteGate(first.dataDir(), "process", BULK_WRITES)) {
            Reply accepted = next().send(
                            "POST",
                            "/v1/ext/procedure/lead/process/bulk-create",
                            token,
                            body.append(']').toString(),
                            Map.of("Content-Type", "application/json"));
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
            job = accepted.data().path("id").asString();
            gate.awaitWriters(2, Duration.ofSeconds(60));
        }
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> next().get("/v1/ext/background-job/" + job, token)
                        .data()
                        .path("completionStatus")
                        .asString()
                        .equals("COMPLETED"));

        try (Connection db = EmbeddedDatabase.connect(first.dataDir())) {
            String where = " FROM background_job_entry WHERE job_id = '" + job + "'";
            assertThat(EmbeddedDatabase.single(db, "SELECT count(*)" + where + " AND completion_status = 'SUCCESS'"))
                    .isEqualTo(items);
            assertThat(EmbeddedDatabase.single(db, "SELECT count(DISTINCT process_id)" + where))
                    .isEqualTo(items);
            assertThat(EmbeddedDatabase.single(
                            db, "SELECT count(*) FROM process WHERE pk_value LIKE 'TWO-%' AND NOT is_deleted"))
                    .isEqualTo(items);
            assertThat(EmbeddedDatabase.counts(db, "SELECT worker, count(*)" + where + " GROUP BY worker"))
                    .hasSize(2);
        }
    }

    @Test
    void aBroadcastStartedThroughOneInstanceIsSentByBothEachRecipientOnce() throws Exception {
        int count = 60;
        List<String> customers = new ArrayList<>();
        long base = 9_198_000_000_00L + System.nanoTime() % 1_000_000 * 100;
        for (int i = 0; i < count; i++) {
            customers.add(Long.toString(base + i));
        }
        String number = next().get("/v1/admin/plugins/whatsapp/" + pluginId, token)
                .data()
                .path("wabas")
                .path(0)
                .path("phoneNumbers")
                .path(0)
                .path("id")
                .asString();
        Reply created = next().post(
                        "/v1/admin/campaigns",
                        token,
                        obj(
                                "name",
                                "Shared broadcast",
                                "kind",
                                "BROADCAST",
                                "pluginId",
                                pluginId,
                                "whatsappPhoneNumberId",
                                number,
                                "steps",
                                List.of(obj("templateName", "hello_world"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String campaign = created.data().path("id").asString();
        Reply added = next().post(
                        "/v1/admin/campaigns/" + campaign + "/recipients",
                        token,
                        obj(
                                "recipients",
                                customers.stream()
                                        .map(c -> obj("phoneNumber", c))
                                        .toList()));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(added.data().path("added").asInt()).isEqualTo(count);

        // Each recipient's attempt is recorded before its send: held back until both servers have claimed a batch.
        try (TableWriteGate gate =
                new TableWriteGate(first.dataDir(), "campaign_attempt", "%INSERT INTO campaign_attempt%")) {
            Reply started = next().post("/v1/admin/campaigns/" + campaign + "/start", token, null);
            assertThat(started.status()).as(started.toString()).isEqualTo(200);
            gate.awaitWriters(2, Duration.ofSeconds(60));
        }
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> next().get("/v1/admin/campaigns/" + campaign, token)
                        .data()
                        .path("status")
                        .asString()
                        .equals("COMPLETED"));

        // Each customer got the message once, from one of the two instances' sandboxes.
        Map<String, Long> received = new HashMap<>();
        for (ApiClient instance : List.of(first.api(), second.api())) {
            Reply outbox = instance.get("/v1/sandbox/" + pluginId + "/outbox?limit=1000", token);
            assertThat(outbox.status()).as(outbox.toString()).isEqualTo(200);
            outbox.data().values().forEach(entry -> {
                if (customers.contains(entry.path("waId").asString())) {
                    received.merge(entry.path("waId").asString(), 1L, Long::sum);
                }
            });
        }
        assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(customers);
        assertThat(received.values()).allMatch(n -> n == 1);
        try (Connection db = EmbeddedDatabase.connect(first.dataDir())) {
            String where = " FROM campaign_attempt WHERE campaign_id = '" + campaign + "'";
            assertThat(EmbeddedDatabase.single(db, "SELECT count(*)" + where + " AND status = 'SENT'"))
                    .isEqualTo(count);
            assertThat(EmbeddedDatabase.single(db, "SELECT count(DISTINCT recipient_id)" + where))
                    .isEqualTo(count);
            assertThat(EmbeddedDatabase.counts(db, "SELECT worker, count(*)" + where + " GROUP BY worker"))
                    .hasSize(2);
        }
    }

    /**
     * Waits until the customer's messages, asked of the next instance, are exactly {@code texts}. Not in
     * order: Meta's webhooks time a customer's message to the second, so it may sort before an answer sent
     * earlier within the same second.
     */
    private void awaitMessages(String plugin, String customer, List<String> texts) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    List<String> seen = new ArrayList<>();
                    for (JsonNode message : messages(next(), plugin, customer)) {
                        seen.add(message.path("text").asString());
                    }
                    assertThat(seen).containsExactlyInAnyOrderElementsOf(texts);
                });
    }

    private JsonNode messages(ApiClient instance, String plugin, String customer) {
        Reply reply = instance.post(
                "/v1/ext/plugin/whatsapp/list-chat-messages-for-phone-number",
                token,
                obj("customerPhoneNumber", customer, "pluginId", plugin, "orderDirection", "asc", "limit", 100));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.data();
    }

    private static Reply handshake(ServerProcess server, String verifyToken) {
        return server.api()
                .get(
                        "/webhooks/meta?hub.mode=subscribe&hub.verify_token=" + verifyToken
                                + "&hub.challenge=challenge-42",
                        null);
    }

    private String config() {
        return "/v1/ext/plugin/whatsapp/" + pluginId + "/config";
    }

    /** The sandbox's customer writes; the instance's own simulator delivers it to that instance. */
    private void inbound(ApiClient api, String from, String text) {
        Reply sent =
                api.post("/v1/sandbox/" + pluginId + "/inbound", token, obj("from", from, "text", obj("body", text)));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
    }

    private void awaitRecorded(String customer, String text) {
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> first
                        .api()
                        .post(
                                "/v1/ext/plugin/whatsapp/list-chat-messages-for-phone-number",
                                token,
                                obj("customerPhoneNumber", customer))
                        .data()
                        .values()
                        .stream()
                        .anyMatch(message -> message.path("text").asString("").equals(text)));
    }

    private List<String> eventTexts() {
        return receiver.received("/chakra").stream()
                .map(r -> ApiClient.JSON.readTree(r.body()))
                .filter(event -> event.path("event").asString().equals("message"))
                .map(event -> event.path("payload").path("text").asString())
                .toList();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A real 1x1 PNG. */
    private static byte[] png() {
        return java.util.Base64.getDecoder()
                .decode(
                        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    }
}
