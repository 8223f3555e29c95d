package org.openchakra.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchakra.metasim.MetaSimulator;
import org.openchakra.support.EmbeddedDatabase;
import org.openchakra.support.ServerProcess;

/**
 * campaigns.md §3 "exactly once", across SIGKILL: a broadcast through a CLOUD_API plugin pointed at the Meta
 * simulator (in this JVM, so it outlives the servers) is cut by a kill mid-way, and finished by a restart or
 * by another server. No number gets two messages. Every number gets one, except those whose send was in flight
 * at the kill and never reached Meta. In flight are the attempts the killed server claimed (committed before
 * Meta was called) with no outcome in what the database kept: those that reached Meta are settled by Meta's
 * status webhooks (their {@code biz_opaque_callback_data} names the attempt), never sent again; those that did
 * not are FAILED, UNKNOWN_OUTCOME at the deadline (here seconds, by default 10 minutes).
 */
class CampaignCrashTest {

    private static Path dataDir(String name) throws Exception {
        return Files.createDirectories(Path.of("target", "test-data")).resolve(name + "-" + System.nanoTime());
    }

    /**
     * 3 000 recipients at 400 messages a second; the server process and its embedded PostgreSQL both killed
     * with SIGKILL a third of the way in (outcomes are committed without waiting for the WAL flush, so some that
     * were recorded are lost too), then the server started again on the same data.
     */
    @Test
    void aBroadcastCutBySigkillOfServerAndDatabaseSendsEachNumberAtMostOnce() throws Exception {
        int recipients = 3000;
        try (MetaSimulator simulator = CampaignServers.simulator();
                ServerProcess server = new ServerProcess(
                        dataDir("campaign-crash"), Map.of("OPENCHAKRA_CAMPAIGNS_UNKNOWN_OUTCOME_AFTER", "20s"))) {
            CampaignServers.Meta meta =
                    new CampaignServers.Meta(simulator, "5300000000001", "5300000000002", "EAAB-crash", "crash-secret");
            meta.register(server.api().baseUrl() + "/webhooks/meta");
            server.start();
            List<String> numbers = CampaignServers.numbers("9177", recipients);
            String campaign = CampaignServers.broadcast(server.api(), server.adminToken(), meta, 500, numbers);

            CampaignServers.start(server.api(), server.adminToken(), campaign);
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> meta.sends() >= recipients / 3);
            String killed = CampaignServers.worker(server.pid());
            server.kill();
            assertThat(server.killDatabase()).isNotEmpty();
            Instant killedAt = Instant.now();
            long acceptedByTheKill = meta.sends();
            assertThat(acceptedByTheKill).isLessThan(recipients);

            server.start();
            CampaignServers.InFlight inFlight = CampaignServers.awaitSettledAfterKill(
                    server, server.dataDir(), meta, campaign, numbers, killed, killedAt);
            System.out.printf(
                    "campaign crash (server and database): %d of %d accepted by Meta by the kill; %s%n",
                    acceptedByTheKill, recipients, inFlight.describe());
            try (Connection db = EmbeddedDatabase.connect(server.dataDir())) {
                // Both lives of the server sent part of it.
                assertThat(EmbeddedDatabase.strings(
                                db,
                                "SELECT DISTINCT worker FROM campaign_attempt WHERE campaign_id = '" + campaign + "'"))
                        .hasSize(2);
            }
        }
    }

    /**
     * Two servers on one database, a broadcast of 2 000 started through the second: it sends part of it, is
     * killed with SIGKILL, and the first finishes it alone. The first takes the second's due recipients, Meta's
     * statuses of the second's last sends reach it, and what the second left unresolved it settles.
     */
    @Test
    void aBroadcastIsFinishedByOneServerWhenTheOtherSendingItIsKilled() throws Exception {
        int recipients = 2000;
        // One slice at a time per server, so that a slice the second cannot run waits for the first; one secret
        // key, so that each reads the plugin's token the other stored.
        Map<String, String> shared = Map.of(
                "OPENCHAKRA_CAMPAIGNS_WORKERS",
                "1",
                "OPENCHAKRA_CAMPAIGNS_UNKNOWN_OUTCOME_AFTER",
                "10s",
                "OPENCHAKRA_SECRET_KEY",
                Base64.getEncoder().encodeToString(new byte[32]));
        try (MetaSimulator simulator = CampaignServers.simulator();
                ServerProcess first = new ServerProcess(dataDir("campaign-shared"), shared)) {
            CampaignServers.Meta meta = new CampaignServers.Meta(
                    simulator, "5400000000001", "5400000000002", "EAAB-shared", "shared-secret");
            // Meta's webhooks reach the first server (the one that stays up).
            meta.register(first.api().baseUrl() + "/webhooks/meta");
            first.start();
            Map<String, String> attached = new HashMap<>(shared);
            attached.putAll(first.databaseEnv());
            try (ServerProcess second = new ServerProcess(dataDir("campaign-shared-second"), attached)) {
                second.start();
                String token = first.adminToken();
                List<String> numbers = CampaignServers.numbers("9166", recipients);
                String campaign = CampaignServers.broadcast(second.api(), token, meta, 500, numbers);
                String killed = CampaignServers.worker(second.pid());
                String sentBySecond = "SELECT count(*) FROM campaign_attempt WHERE campaign_id = '" + campaign
                        + "' AND worker = '" + killed + "'";

                // Which server's scheduler picks a slice first is a race: the first is frozen while the second
                // takes the broadcast and sends a tenth of it.
                first.freeze();
                try {
                    CampaignServers.start(second.api(), token, campaign);
                    await().atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(20))
                            .until(() -> meta.sends() >= recipients / 10);
                    second.kill();
                } finally {
                    first.thaw();
                }
                Instant killedAt = Instant.now();
                long acceptedByTheKill = meta.sends();
                assertThat(acceptedByTheKill).isLessThan(recipients);

                CampaignServers.InFlight inFlight = CampaignServers.awaitSettledAfterKill(
                        first, first.dataDir(), meta, campaign, numbers, killed, killedAt);
                System.out.printf(
                        "campaign on two servers, the one sending it killed: %d of %d accepted by Meta by the kill;"
                                + " %s%n",
                        acceptedByTheKill, recipients, inFlight.describe());
                try (Connection db = EmbeddedDatabase.connect(first.dataDir())) {
                    long bySecond = EmbeddedDatabase.single(db, sentBySecond);
                    assertThat(bySecond).isBetween(acceptedByTheKill, (long) recipients - 1);
                    // The first sent all the rest.
                    assertThat(EmbeddedDatabase.single(
                                    db,
                                    "SELECT count(*) FROM campaign_attempt WHERE campaign_id = '" + campaign
                                            + "' AND worker = '" + CampaignServers.worker(first.pid()) + "'"))
                            .isEqualTo(recipients - bySecond);
                }
            }
        }
    }
}
