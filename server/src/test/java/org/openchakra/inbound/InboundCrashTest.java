package org.openchakra.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openchakra.support.Json.obj;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openchakra.support.ApiClient;
import org.openchakra.support.CloudPlugins;
import org.openchakra.support.MetaNotifications;
import org.openchakra.support.ServerProcess;
import org.openchakra.support.TestReceiver;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * webhooks.md §2.3 "a server crash loses nothing": a real server process is SIGKILLed in the middle of a
 * stream of Meta notifications and started again; every notification it answered 200 is processed and its
 * customer event delivered, each once (retries repeat the same event id, never a second event).
 */
class InboundCrashTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int NOTIFICATIONS = 600;
    private static final String WABA = "5100000000001";
    private static final String PNID = "5100000000002";
    private static final String APP_SECRET = "crash-test-app-secret";

    @TempDir
    Path temp;

    @Test
    void everyAcknowledgedNotificationIsProcessedAndForwardedAfterASigkill() throws Exception {
        Map<String, String> env = Map.of(
                "OPENCHAKRA_WEBHOOKS_ALLOW_PRIVATE_URLS",
                "true",
                "OPENCHAKRA_WEBHOOKS_FIRST_RETRY",
                "200ms",
                "OPENCHAKRA_WEBHOOKS_MAX_BACKOFF",
                "1s",
                "OPENCHAKRA_WEBHOOKS_TIMEOUT",
                "2s",
                "OPENCHAKRA_WEBHOOKS_LEASE",
                "4s",
                "OPENCHAKRA_INBOUND_LEASE",
                "4s");
        try (TestReceiver receiver = new TestReceiver();
                ServerProcess server = new ServerProcess(temp.resolve("data"), env)) {
            server.start();
            ApiClient api = server.api();
            String token = Files.readString(server.dataDir().resolve("initial-admin-token"))
                    .trim();
            String pluginId =
                    CloudPlugins.connect(api, token, "http://127.0.0.1:9", "EAAB-x", APP_SECRET, WABA, obj("id", PNID));
            assertThat(api.post(
                                    "/v1/ext/plugin/whatsapp/" + pluginId + "/update-config",
                                    token,
                                    obj(
                                            "enableChakraWebhook",
                                            true,
                                            "chakraWebhookUrl",
                                            receiver.url("/chakra"),
                                            "whichChakraWebhookEventsToSend",
                                            List.of("message")))
                            .status())
                    .isEqualTo(200);

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicInteger attempted = new AtomicInteger();
            HttpClient http = HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
            Thread sender = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < NOTIFICATIONS; i++) {
                    String wamid = "wamid.crash-" + i;
                    byte[] body = notification("9199000" + String.format("%05d", i % 40), wamid, "message " + i);
                    // As Meta does: what is not answered 200 is sent again (here at once, every 100 ms).
                    for (int attempt = 0; attempt < 600 && !acknowledged.contains(wamid); attempt++) {
                        try {
                            HttpResponse<Void> answer = http.send(
                                    HttpRequest.newBuilder(URI.create(api.baseUrl() + "/webhooks/meta"))
                                            .timeout(Duration.ofSeconds(5))
                                            .header(
                                                    "X-Hub-Signature-256",
                                                    MetaNotifications.signature(APP_SECRET, body))
                                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding());
                            if (answer.statusCode() == 200) {
                                acknowledged.add(wamid);
                            }
                        } catch (Exception refusedWhileDown) {
                            sleep(100);
                        }
                    }
                    attempted.incrementAndGet();
                }
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= NOTIFICATIONS / 3);
            server.kill();
            int acknowledgedBeforeKill = acknowledged.size();
            server.start();
            sender.join(Duration.ofSeconds(120));
            assertThat(attempted.get()).isEqualTo(NOTIFICATIONS);
            assertThat(acknowledgedBeforeKill).isGreaterThan(0).isLessThan(NOTIFICATIONS);
            assertThat(acknowledged).hasSize(NOTIFICATIONS);

            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> messageIdsOf(receiver).keySet().containsAll(acknowledged));
            Map<String, Set<String>> eventIdsByWamid = messageIdsOf(receiver);
            // Each notification made one event: a redelivery repeats its event id, never a new one.
            assertThat(eventIdsByWamid.entrySet().stream()
                            .filter(e -> e.getValue().size() > 1)
                            .map(Map.Entry::getKey))
                    .isEmpty();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** wamid -> the event ids it arrived under. */
    private static Map<String, Set<String>> messageIdsOf(TestReceiver receiver) {
        return receiver.received("/chakra").stream()
                .collect(Collectors.groupingBy(
                        r -> {
                            JsonNode event = JSON.readTree(r.body());
                            return event.path("payload").path("messageId").asString();
                        },
                        Collectors.mapping(r -> r.header("X-Chakra-Event-Id"), Collectors.toSet())));
    }

    private static byte[] notification(String from, String wamid, String text) {
        return MetaNotifications.of(
                WABA,
                PNID,
                "\"contacts\":[{\"profile\":{\"name\":\"C\"},\"wa_id\":\"" + from + "\"}],\"messages\":[{\"from\":\""
                        + from + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"1750025136\",\"type\":\"text\","
                        + "\"text\":{\"body\":\"" + text + "\"}}]");
    }
}
