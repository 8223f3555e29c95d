package org.openchakra.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openchakra.campaign.CampaignServers.single;
import static org.openchakra.campaign.CampaignServers.strings;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openchakra.job.WorkerName;
import org.openchakra.metasim.MetaSimulator;
import org.openchakra.metasim.SimulatorConfig;
import org.openchakra.support.ApiClient;
import org.openchakra.support.ServerProcess;

/**
 * campaigns.md §3 "exactly once", across SIGKILL: a broadcast of 3 000 recipients through a CLOUD_API plugin
 * pointed at the Meta simulator (in this JVM, so it outlives the server), the server process and its embedded
 * PostgreSQL both killed with SIGKILL a third of the way in, then the server started again on the same data.
 *
 * <p>No number gets two messages. Every number gets one, except those whose send was in flight at the kill and
 * never reached Meta. "In flight" are the attempts the killed server claimed (committed before Meta was called)
 * with no outcome in what the database kept. Those that reached Meta are settled after the restart by Meta's
 * status webhooks (their {@code biz_opaque_callback_data} names the attempt), never sent again; those that did
 * not are FAILED, UNKNOWN_OUTCOME at the deadline (20 s here, 10 min by default).
 */
class CampaignCrashTest {

    private static final int RECIPIENTS = 3000;
    /** The campaign's pace is 80 % of it: 400 messages a second. */
    private static final int NUMBER_MPS = 500;

    @Test
    void aBroadcastCutBySigkillOfServerAndDatabaseSendsEachNumberAtMostOnce() throws Exception {
        // Meta retries webhooks a receiver did not take for days; here for about three minutes.
        List<Duration> retries = List.of(0L, 1L, 2L, 5L, 10L, 15L, 20L, 30L, 30L, 30L, 30L, 30L).stream()
                .map(Duration::ofSeconds)
                .toList();
        try (MetaSimulator simulator = MetaSimulator.start(SimulatorConfig.builder()
                        .host("127.0.0.1")
                        .webhookRetrySchedule(retries)
                        .webhookConcurrency(4)
                        // Meta takes a while to answer, so that sends are in flight at Meta when the kill comes.
                        .switches(s -> s.webhookBatchSize(50)
                                .readByRecipients(false)
                                .randomLatency(Duration.ofMillis(20), Duration.ofMillis(200)))
                        .build());
                ServerProcess server = new ServerProcess(
                        CampaignServers.freshDataDir("campaign-crash"),
                        Map.of("OPENCHAKRA_CAMPAIGNS_UNKNOWN_OUTCOME_AFTER", "20s"))) {
            CampaignServers.Meta meta =
                    new CampaignServers.Meta(simulator, "5300000000001", "5300000000002", "EAAB-crash", "crash-secret");
            meta.register(server.api().baseUrl() + "/webhooks/meta");
            server.start();
            ApiClient api = server.api();
            String token = server.adminToken();
            List<String> numbers = CampaignServers.numbers("9177", RECIPIENTS);
            String campaign = CampaignServers.broadcast(api, token, meta, NUMBER_MPS, numbers);

            assertThat(api.post("/v1/admin/campaigns/" + campaign + "/start", token, null)
                            .status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> simulator.sendTally(meta.number()).sends() >= RECIPIENTS / 3);
            String killedWorker = WorkerName.VALUE.substring(0, WorkerName.VALUE.indexOf('#')) + "#" + server.pid();
            server.kill();
            assertThat(server.killDatabase()).isNotEmpty();
            Instant killedAt = Instant.now();
            long sentBeforeKill = simulator.sendTally(meta.number()).sends();
            assertThat(sentBeforeKill).isLessThan(RECIPIENTS);

            server.start();
            // In flight at the kill: claimed by the killed server, no outcome in what the database kept.
            String inFlight = "FROM campaign_attempt a JOIN campaign_recipient r ON r.id = a.recipient_id"
                    + " WHERE a.campaign_id = '" + campaign + "' AND a.worker = '" + killedWorker + "'"
                    + " AND (a.settled_at IS NULL OR a.settled_at > '" + killedAt + "')";
            String unknownNumbers = "SELECT r.phone_number " + inFlight + " AND a.status = 'UNKNOWN'";
            // Settled: the campaign is over, no send is unresolved, and the numbers Meta never got a message for
            // are exactly the sends given up on (until then, an in-flight send may yet be named by a status).
            await().atMost(Duration.ofSeconds(150))
                    .pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions()
                    .untilAsserted(() -> {
                        assertThat(CampaignServers.status(api, token, campaign)).isEqualTo("COMPLETED");
                        Set<String> missing = new HashSet<>(numbers);
                        missing.removeAll(meta.sendsByNumber().keySet());
                        try (Connection db = server.database()) {
                            assertThat(single(db, "SELECT count(*) FROM campaign_attempt WHERE status = 'SENDING'"))
                                    .isZero();
                            assertThat(missing)
                                    .as("numbers without a message are exactly the unknown outcomes")
                                    .isEqualTo(strings(db, unknownNumbers));
                        }
                    });

            Map<String, Long> sends = meta.sendsByNumber();
            assertThat(sends.entrySet().stream().filter(e -> e.getValue() > 1))
                    .as("numbers that got the broadcast twice")
                    .isEmpty();
            try (Connection db = server.database()) {
                long inFlightAtKill = single(db, "SELECT count(*) " + inFlight);
                long settledByStatus =
                        single(db, "SELECT count(*) " + inFlight + " AND a.settled_by = 'STATUS_WEBHOOK'");
                long unknown = single(db, "SELECT count(*) " + inFlight + " AND a.status = 'UNKNOWN'");
                System.out.printf(
                        "campaign crash: %d of %d accepted by Meta by the kill; %d sends in flight at the kill: %d"
                                + " reached Meta and were settled by its status webhooks after the restart, %d never"
                                + " reached Meta (FAILED, UNKNOWN_OUTCOME); %d numbers got no message; none got two%n",
                        sentBeforeKill,
                        RECIPIENTS,
                        inFlightAtKill,
                        settledByStatus,
                        unknown,
                        RECIPIENTS - sends.size());
                assertThat(inFlightAtKill).isPositive();
                assertThat(settledByStatus + unknown).isEqualTo(inFlightAtKill);
                assertThat(sends).hasSize((int) (RECIPIENTS - unknown));
                assertThat(CampaignServers.counts(
                                db,
                                "SELECT status || ' ' || coalesce(reason, ''), count(*) FROM campaign_recipient"
                                        + " WHERE campaign_id = '" + campaign + "' GROUP BY 1"))
                        .isEqualTo(
                                unknown == 0
                                        ? Map.of("COMPLETED ", (long) RECIPIENTS)
                                        : Map.of(
                                                "COMPLETED ", RECIPIENTS - unknown, "FAILED UNKNOWN_OUTCOME", unknown));
                // Every message Meta accepted is one chat message under its wamid.
                assertThat(single(
                                db,
                                "SELECT count(*) FROM chat_message WHERE campaign_id = '" + campaign
                                        + "' AND external_id IS NOT NULL"))
                        .isEqualTo(sends.size());
                // Both lives of the server sent part of it.
                assertThat(strings(
                                db,
                                "SELECT DISTINCT worker FROM campaign_attempt WHERE campaign_id = '" + campaign + "'"))
                        .hasSize(2);
            }
        }
    }
}
