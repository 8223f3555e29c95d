package org.openchakra.whatsapp.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchakra.support.ServerProcess;

/**
 * The periodic template sync leaves alone a sandbox that nobody used in this process: listing its templates would
 * start the in-process simulator (an HTTP server and client waking an idle server ~100 times a minute) on every
 * fresh server 10 minutes after start, for nothing (issue 15, idle). Here a round runs every second.
 */
class TemplateSyncSandboxTest {

    private static final String SIMULATOR_STARTED = "Sandbox Meta simulator listening";

    @Test
    void roundsLeaveAnUnusedSandboxSimulatorUnstarted() throws Exception {
        Path dataDir = Files.createDirectories(Path.of("target", "test-data"))
                .resolve("template-sync-sandbox-" + System.nanoTime());
        try (ServerProcess server =
                new ServerProcess(dataDir, Map.of("OPENCHAKRA_WHATSAPP_TEMPLATE_SYNC_INTERVAL", "1s"))) {
            server.start();
            // The server's first start made its sandbox plugin; several rounds pass.
            Thread.sleep(4_000);
            assertThat(server.log()).doesNotContain(SIMULATOR_STARTED);

            // Its first use starts it (so the line above would have been seen), and the rounds list it from then on.
            String token = server.adminToken();
            assertThat(server.api().get("/v1/admin/plugins/whatsapp", token).status())
                    .isEqualTo(200);
            String plugin = server.api()
                    .get("/v1/admin/plugins/whatsapp", token)
                    .data()
                    .path(0)
                    .path("id")
                    .asString();
            assertThat(server.api()
                            .get("/v1/sandbox/" + plugin + "/outbox", token)
                            .status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> server.log().contains(SIMULATOR_STARTED));
        }
    }
}
