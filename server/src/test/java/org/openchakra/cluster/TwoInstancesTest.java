package org.openchakra.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openchakra.support.Json.obj;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openchakra.support.ApiClient;
import org.openchakra.support.Downloads;
import org.openchakra.support.EmbeddedDatabase;
import org.openchakra.support.Multipart;
import org.openchakra.support.ProcessWriteGate;
import org.openchakra.support.Reply;
import org.openchakra.support.ServerProcess;
import tools.jackson.databind.JsonNode;

/**
 * Two server processes on one database, as the README's "Several instances" section sets them up (the
 * second attached to the first's embedded PostgreSQL, the same secret key and operator token, a shared blob
 * store), with the test as the load balancer: consecutive requests go to alternate instances. Media
 * uploaded through one are served by the other; a sandbox conversation whose every step lands on the other
 * instance than the step before reads as one conversation from either; a bulk job started through one is
 * worked by both, each item once.
 */
class TwoInstancesTest {

    private static final String OPERATOR_TOKEN = "two-instances-operator-token-0123456789abcdef";

    private static Path firstDir;
    private static ServerProcess first;
    private static ServerProcess second;
    private static String token;
    private static final AtomicInteger turn = new AtomicInteger();

    @BeforeAll
    static void startTwoInstances() throws Exception {
        firstDir = Files.createDirectories(Path.of("target", "test-data")).resolve("two-a-" + System.nanoTime());
        Map<String, String> shared = new HashMap<>();
        shared.put("OPENCHAKRA_MEDIA_STORE", "postgres");
        shared.put("OPENCHAKRA_OPERATOR_TOKEN", OPERATOR_TOKEN);
        // One bulk-job slice per server at a time, in small batches: a job lasts long enough to share.
        shared.put("OPENCHAKRA_JOBS_WORKERS", "1");
        shared.put("OPENCHAKRA_JOBS_BATCH_SIZE", "100");
        shared.put("OPENCHAKRA_JOBS_POLLING_INTERVAL", "1s");
        first = new ServerProcess(firstDir, shared);
        first.start();
        Map<String, String> attached = new HashMap<>(shared);
        attached.putAll(EmbeddedDatabase.attach(firstDir));
        attached.put(
                "OPENCHAKRA_SECRET_KEY",
                Files.readString(firstDir.resolve("secret.key")).trim());
        second = new ServerProcess(firstDir.resolveSibling("two-b-" + System.nanoTime()), attached);
        second.start();
        token = Files.readString(firstDir.resolve("initial-admin-token")).trim();
    }

    @AfterAll
    static void stopBoth() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    /** The load balancer: each call answers the other instance than the call before. */
    private static ApiClient next() {
        return turn.getAndIncrement() % 2 == 0 ? first.api() : second.api();
    }

    @Test
    void mediaUploadedThroughOneInstanceAreServedByTheOther() {
        byte[] png = png();
        String plugin = sandboxPlugin(first.api());
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
        String plugin = sandboxPlugin(first.api());
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
        try (ProcessWriteGate gate = new ProcessWriteGate(firstDir)) {
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

        try (Connection db = EmbeddedDatabase.connect(firstDir)) {
            String where = " FROM background_job_entry WHERE job_id = '" + job + "'";
            assertThat(EmbeddedDatabase.single(db, "SELECT count(*)" + where + " AND completion_status = 'SUCCESS'"))
                    .isEqualTo(items);
            assertThat(EmbeddedDatabase.single(db, "SELECT count(DISTINCT process_id)" + where))
                    .isEqualTo(items);
            assertThat(EmbeddedDatabase.single(
                            db, "SELECT count(*) FROM process WHERE pk_value LIKE 'TWO-%' AND NOT is_deleted"))
                    .isEqualTo(items);
            Map<String, Long> byWorker = new HashMap<>();
            try (Statement s = db.createStatement();
                    ResultSet rs = s.executeQuery("SELECT worker, count(*)" + where + " GROUP BY worker")) {
                while (rs.next()) {
                    byWorker.put(rs.getString(1), rs.getLong(2));
                }
            }
            assertThat(byWorker).as(byWorker.toString()).hasSize(2);
        }
    }

    /**
     * Waits until the customer's messages, asked of the next instance, are exactly {@code texts}. Not in
     * order: Meta's webhooks time a customer's message to the second, so it may sort before an answer sent
     * earlier within the same second.
     */
    private static void awaitMessages(String plugin, String customer, List<String> texts) {
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

    private static JsonNode messages(ApiClient instance, String plugin, String customer) {
        Reply reply = instance.post(
                "/v1/ext/plugin/whatsapp/list-chat-messages-for-phone-number",
                token,
                obj("customerPhoneNumber", customer, "pluginId", plugin, "orderDirection", "asc", "limit", 100));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.data();
    }

    /** The default team's sandbox plugin, made at first start. */
    private static String sandboxPlugin(ApiClient api) {
        return api.get("/v1/admin/plugins/whatsapp", token)
                .data()
                .get(0)
                .path("id")
                .asString();
    }

    /** A real 1x1 PNG. */
    private static byte[] png() {
        return java.util.Base64.getDecoder()
                .decode(
                        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    }
}
