package org.openchakra.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openchakra.support.Json.obj;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openchakra.support.ApiClient;
import org.openchakra.support.Reply;
import org.openchakra.support.ServerProcess;
import org.openchakra.support.TestReceiver;
import tools.jackson.databind.JsonNode;

/**
 * Two server processes on one database (the second attached to the first's embedded PostgreSQL), as a
 * deployment of several instances runs: a change made through one holds on the other at once (webhooks.md §2,
 * README §2 and §7), and the settings are read under the names the contract gives them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoInstancesTest {

    private static final String VERIFY_BY_CONTRACT_NAME = "verify-by-contract-name";
    private static final String VERIFY_BY_FORMER_NAME = "verify-by-former-name";
    private static final String BROWSER_ORIGIN = "https://inbox.example.test";

    private ServerProcess first;
    private ServerProcess second;
    private String token;
    private String pluginId;
    private TestReceiver receiver;

    @BeforeAll
    void startBoth() throws Exception {
        Path root = Files.createDirectories(Path.of("target", "test-data"));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> shared = Map.of(
                "OPENCHAKRA_SECRET_KEY", Base64.getEncoder().encodeToString(key),
                "OPENCHAKRA_WEBHOOKS_ALLOW_PRIVATE_URLS", "true",
                "OPENCHAKRA_WEBHOOKS_FIRST_RETRY", "200ms",
                "OPENCHAKRA_WEBHOOKS_MAX_BACKOFF", "1s");
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

    /** A rate limit, a role's privileges and a revoked key changed through one instance hold on the other. */
    @Test
    void rateLimitsRolesAndRevokedKeysChangedThroughOneInstanceHoldOnTheOther() {
        Reply limited =
                first.api().put("/v1/admin/team", token, obj("rateLimit", obj("requestsPerSecond", 70, "burst", 170)));
        assertThat(limited.status()).as(limited.toString()).isEqualTo(200);
        assertThat(second.api().get("/v1/health", token).header("X-RateLimit-Limit"))
                .isEqualTo("170");

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
        assertThat(second.api().get("/v1/ext/config", reader).status()).isEqualTo(403);

        Reply deleted = first.api()
                .delete(
                        "/v1/admin/api-keys/"
                                + key.data().path("apiKey").path("id").asString(),
                        token);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(second.api().get("/v1/health", reader).status()).isEqualTo(401);
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
}
