package org.openchakra.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openchakra.support.EmbeddedDatabase.single;
import static org.openchakra.support.EmbeddedDatabase.strings;
import static org.openchakra.support.Json.obj;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openchakra.job.WorkerName;
import org.openchakra.metasim.BusinessAccountSpec;
import org.openchakra.metasim.MetaSimulator;
import org.openchakra.metasim.OutboxEntry;
import org.openchakra.metasim.PhoneNumberSpec;
import org.openchakra.metasim.SimulatorConfig;
import org.openchakra.support.ApiClient;
import org.openchakra.support.CloudPlugins;
import org.openchakra.support.EmbeddedDatabase;
import org.openchakra.support.Reply;
import org.openchakra.support.ServerProcess;

/**
 * What the campaign tests on real server processes share: a Meta simulator in the test's JVM (it outlives the
 * servers it serves), a CLOUD_API plugin pointed at it, a broadcast to a list, and the check that a broadcast
 * cut by a SIGKILL ended with each number sent at most once, every send settled.
 */
final class CampaignServers {

    private CampaignServers() {}

    /**
     * A simulator that answers sends after 20 to 200 ms, so that sends are at Meta when a kill comes, and
     * retries the status webhooks a dead server did not take every 2 s for three minutes (Meta: for days).
     */
    static MetaSimulator simulator() {
        List<Duration> retries = new ArrayList<>(List.of(Duration.ZERO, Duration.ofSeconds(1)));
        for (int i = 0; i < 90; i++) {
            retries.add(Duration.ofSeconds(2));
        }
        return MetaSimulator.start(SimulatorConfig.builder()
                .host("127.0.0.1")
                .webhookRetrySchedule(retries)
                .webhookConcurrency(4)
                .switches(s -> s.webhookBatchSize(50)
                        .readByRecipients(false)
                        .randomLatency(Duration.ofMillis(20), Duration.ofMillis(200)))
                .build());
    }

    /** One business with one number on the simulator, its statuses signed for the plugin's app secret. */
    record Meta(MetaSimulator simulator, String waba, String number, String token, String appSecret) {

        void register(String webhookUrl) {
            simulator.registerBusiness(BusinessAccountSpec.builder(waba)
                    .accessToken(token)
                    .appSecret(appSecret)
                    .webhookUrl(webhookUrl)
                    // Meta's side never limits: the server's own pace is what is under test.
                    .phoneNumber(PhoneNumberSpec.of(number, "+1 555-030-" + number.substring(number.length() - 4))
                            .withThroughputMps(10_000))
                    .build());
            simulator.seedSandboxTemplates(waba);
        }

        /** How many messages each number got from Meta's side. */
        Map<String, Long> sendsByNumber() {
            Map<String, Long> sends = new HashMap<>();
            for (OutboxEntry e : simulator.outbox(number)) {
                sends.merge(e.waId(), 1L, Long::sum);
            }
            return sends;
        }

        long sends() {
            return simulator.sendTally(number).sends();
        }
    }

    /** {@code n} distinct customer numbers starting with {@code prefix} (digits). */
    static List<String> numbers(String prefix, int n) {
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            numbers.add(prefix + String.format("%08d", i));
        }
        return numbers;
    }

    /**
     * A CLOUD_API plugin on the simulator's number with {@code numberMps} (the campaign's default pace is 80 % of
     * it), and a broadcast of {@code hello_world} to {@code numbers}, not started; answers the campaign's id.
     */
    static String broadcast(ApiClient api, String adminToken, Meta meta, int numberMps, List<String> numbers) {
        String pluginId = CloudPlugins.connect(
                api,
                adminToken,
                meta.simulator().baseUrl(),
                meta.token(),
                meta.appSecret(),
                meta.waba(),
                obj("id", meta.number(), "throughputMps", numberMps));
        Reply created = api.post(
                "/v1/admin/campaigns",
                adminToken,
                obj(
                        "name",
                        "broadcast",
                        "kind",
                        "BROADCAST",
                        "pluginId",
                        pluginId,
                        "whatsappPhoneNumberId",
                        meta.number(),
                        "steps",
                        List.of(obj("templateName", "hello_world"))));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String campaign = created.data().path("id").asString();
        Reply added = api.post(
                "/v1/admin/campaigns/" + campaign + "/recipients",
                adminToken,
                obj(
                        "recipients",
                        numbers.stream().map(n -> obj("phoneNumber", n)).toList()));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(added.data().path("added").asInt()).isEqualTo(numbers.size());
        return campaign;
    }

    static void start(ApiClient api, String adminToken, String campaign) {
        Reply started = api.post("/v1/admin/campaigns/" + campaign + "/start", adminToken, null);
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
    }

    /** The name attempts record for the server process {@code pid} on this machine ({@link WorkerName}). */
    static String worker(long pid) {
        return WorkerName.VALUE.substring(0, WorkerName.VALUE.lastIndexOf('#')) + "#" + pid;
    }

    /**
     * The sends a killed server had in flight: claimed (committed before Meta was called), with no outcome in
     * what the database kept at the kill. {@code settledByStatus} reached Meta and were settled by a status
     * webhook naming the attempt; {@code unknown} never reached Meta and were given up on (UNKNOWN_OUTCOME).
     */
    record InFlight(long total, long settledByStatus, long unknown) {

        String describe() {
            return total + " sends in flight at the kill: " + settledByStatus + " had reached Meta and were settled"
                    + " by its status webhooks, " + unknown + " never reached Meta (FAILED, UNKNOWN_OUTCOME);"
                    + " no number got two messages";
        }
    }

    /**
     * Waits until the broadcast is over and every send settled, then checks it from Meta's side and the
     * database's: no number got two messages; the numbers that got none are exactly the sends given up on, all
     * of them in flight at {@code killedWorker}'s kill; every other recipient COMPLETED, under one chat message
     * with Meta's wamid. Answers what became of the sends in flight at the kill.
     */
    static InFlight awaitSettledAfterKill(
            ServerProcess server,
            Path databaseDir,
            Meta meta,
            String campaign,
            List<String> numbers,
            String killedWorker,
            Instant killedAt)
            throws Exception {
        String token = server.adminToken();
        String attempts = " FROM campaign_attempt a JOIN campaign_recipient r ON r.id = a.recipient_id"
                + " WHERE a.campaign_id = '" + campaign + "'";
        String inFlight = attempts + " AND a.worker = '" + killedWorker + "'"
                + " AND (a.settled_at IS NULL OR a.settled_at > '" + killedAt + "')";
        // Until then an attempt may be SENDING, or given up on and yet named by a status still on its way.
        await().atMost(Duration.ofSeconds(150))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .untilAsserted(() -> {
                    assertThat(server.api()
                                    .get("/v1/admin/campaigns/" + campaign, token)
                                    .data()
                                    .path("status")
                                    .asString())
                            .isEqualTo("COMPLETED");
                    Set<String> missing = new HashSet<>(numbers);
                    missing.removeAll(meta.sendsByNumber().keySet());
                    try (Connection db = EmbeddedDatabase.connect(databaseDir)) {
                        assertThat(single(db, "SELECT count(*)" + attempts + " AND a.status = 'SENDING'"))
                                .isZero();
                        assertThat(missing)
                                .as("numbers without a message are exactly the sends given up on")
                                .isEqualTo(
                                        strings(db, "SELECT r.phone_number" + attempts + " AND a.status = 'UNKNOWN'"));
                    }
                });

        Map<String, Long> sends = meta.sendsByNumber();
        assertThat(sends.entrySet().stream().filter(e -> e.getValue() > 1))
                .as("numbers that got the broadcast twice")
                .isEmpty();
        try (Connection db = EmbeddedDatabase.connect(databaseDir)) {
            InFlight result = new InFlight(
                    single(db, "SELECT count(*)" + inFlight),
                    single(db, "SELECT count(*)" + inFlight + " AND a.settled_by = 'STATUS_WEBHOOK'"),
                    single(db, "SELECT count(*)" + inFlight + " AND a.status = 'UNKNOWN'"));
            long unknown = single(db, "SELECT count(*)" + attempts + " AND a.status = 'UNKNOWN'");
            assertThat(result.total()).as("sends in flight at the kill").isPositive();
            assertThat(result.settledByStatus() + result.unknown()).isEqualTo(result.total());
            assertThat(unknown)
                    .as("only sends in flight at the kill are given up on")
                    .isEqualTo(result.unknown());
            assertThat(sends).hasSize((int) (numbers.size() - unknown));
            assertThat(EmbeddedDatabase.counts(
                            db,
                            "SELECT status || ' ' || coalesce(reason, ''), count(*) FROM campaign_recipient"
                                    + " WHERE campaign_id = '" + campaign + "' GROUP BY 1"))
                    .isEqualTo(
                            unknown == 0
                                    ? Map.of("COMPLETED ", (long) numbers.size())
                                    : Map.of(
                                            "COMPLETED ", numbers.size() - unknown, "FAILED UNKNOWN_OUTCOME", unknown));
            // Every message Meta accepted is one chat message under its wamid.
            assertThat(single(
                            db,
                            "SELECT count(*) FROM chat_message WHERE campaign_id = '" + campaign
                                    + "' AND external_id IS NOT NULL"))
                    .isEqualTo(sends.size());
            return result;
        }
    }
}
