package org.openchakra.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchakra.metasim.MetaSimulator;
import org.openchakra.metasim.SimulatorConfig;
import org.openchakra.support.ServerProcess;

/**
 * campaigns.md §3 "several server instances": two server processes on one database send one broadcast
 * together. Each runs one campaign slice at a time, so each takes one of the campaign's two slices; both claim
 * recipients with SKIP LOCKED and draw from the same pace. Every number gets exactly one message, and both
 * servers sent some.
 */
class CampaignSharedTest {

    private static final int RECIPIENTS = 2000;

    @Test
    void twoServersShareOneCampaignWithoutADuplicate() throws Exception {
        // One slice at a time per server, so that the campaign's two slices run on both; one secret key, so
        // that each reads the plugin's token the other stored.
        Map<String, String> oneSliceEach = Map.of(
                "OPENCHAKRA_CAMPAIGNS_WORKERS",
                "1",
                "OPENCHAKRA_SECRET_KEY",
                Base64.getEncoder().encodeToString(new byte[32]));
        try (MetaSimulator simulator = MetaSimulator.start(SimulatorConfig.builder()
                        .host("127.0.0.1")
                        .webhookConcurrency(4)
                        .switches(s -> s.webhookBatchSize(50).readByRecipients(false))
                        .build());
                ServerProcess first =
                        new ServerProcess(CampaignServers.freshDataDir("campaign-shared"), oneSliceEach)) {
            CampaignServers.Meta meta = new CampaignServers.Meta(
                    simulator, "5400000000001", "5400000000002", "EAAB-shared", "shared-secret");
            meta.register(first.api().baseUrl() + "/webhooks/meta");
            first.start();
            Map<String, String> attached = new HashMap<>(oneSliceEach);
            attached.putAll(first.databaseEnv());
            try (ServerProcess second =
                    new ServerProcess(CampaignServers.freshDataDir("campaign-shared-second"), attached)) {
                second.start();
                String token = first.adminToken();
                List<String> numbers = CampaignServers.numbers("9166", RECIPIENTS);
                String campaign = CampaignServers.broadcast(second.api(), token, meta, 500, numbers);
                assertThat(first.api()
                                .post("/v1/admin/campaigns/" + campaign + "/start", token, null)
                                .status())
                        .isEqualTo(200);
                await().atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> CampaignServers.status(second.api(), token, campaign)
                                .equals("COMPLETED"));

                Map<String, Long> sends = meta.sendsByNumber();
                assertThat(sends).containsOnlyKeys(numbers);
                assertThat(sends.values()).allMatch(n -> n == 1);
                try (Connection db = first.database()) {
                    Map<String, Long> byWorker = CampaignServers.counts(
                            db,
                            "SELECT worker, count(*) FROM campaign_attempt WHERE campaign_id = '" + campaign
                                    + "' GROUP BY worker");
                    System.out.println("campaign shared by two servers: attempts per server " + byWorker.values());
                    assertThat(byWorker).as(byWorker.toString()).hasSize(2);
                    assertThat(byWorker.values()).allSatisfy(n -> assertThat(n).isPositive());
                    assertThat(byWorker.values().stream()
                                    .mapToLong(Long::longValue)
                                    .sum())
                            .isEqualTo(RECIPIENTS);
                }
            }
        }
    }
}
