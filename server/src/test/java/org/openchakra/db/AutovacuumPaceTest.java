package org.openchakra.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openchakra.support.Json.obj;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openchakra.metasim.BusinessAccountSpec;
import org.openchakra.metasim.MetaSimulator;
import org.openchakra.metasim.SimulatorConfig;
import org.openchakra.support.ApiClient;
import org.openchakra.support.CloudPlugins;
import org.openchakra.support.EmbeddedDatabase;
import org.openchakra.support.Reply;
import org.openchakra.support.ServerProcess;

/**
 * The embedded PostgreSQL's autovacuum looks for work once a minute on an idle server (each look starts a worker
 * process) and every 2 s as soon as queue work is announced (the queue tables want vacuuming every few thousand
 * changes).
 */
class AutovacuumPaceTest {

    @Test
    void autovacuumLooksOftenOnlyWhileTheQueuesAreWorked() throws Exception {
        Path dataDir =
                Files.createDirectories(Path.of("target", "test-data")).resolve("autovacuum-pace-" + System.nanoTime());
        try (ServerProcess server = new ServerProcess(dataDir)) {
            server.start();
            try (Connection db = EmbeddedDatabase.connect(server.dataDir())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> naptime(db).equals("1min"));
                // What InboundWorker announces when a Meta notification is stored.
                try (Statement s = db.createStatement()) {
                    s.execute("NOTIFY openchakra_notices, 'inbound '");
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> naptime(db).equals("2s"));
            }
        }
    }

    /**
     * A bulk job's new rows want their first analyze before the job that follows works them: a bulk update of 100 000
     * just created processes ran 7x slower planned on the empty table's statistics (bench/README.md).
     */
    @Test
    void autovacuumLooksOftenWhileDurableJobsAreScheduled() throws Exception {
        Path dataDir = Files.createDirectories(Path.of("target", "test-data"))
                .resolve("autovacuum-pace-jobs-" + System.nanoTime());
        try (ServerProcess server = new ServerProcess(dataDir)) {
            server.start();
            try (Connection db = EmbeddedDatabase.connect(server.dataDir())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> naptime(db).equals("1min"));
                // What SchedulerAlarm announces when a bulk job's slices (or any execution) are scheduled.
                try (Statement s = db.createStatement()) {
                    s.execute("NOTIFY openchakra_notices, 'job.alarm " + System.currentTimeMillis() + "'");
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> naptime(db).equals("2s"));
            }
        }
    }

    /**
     * Sends write chats and messages, whose first analyze must not wait a minute: on a fresh server the sends'
     * batched write ran 20x slower until it came (bench/README.md, "Sends, fourth pass"). It comes within seconds of
     * the first 50 messages.
     */
    @Test
    void autovacuumLooksOftenWhileMessagesAreSent() throws Exception {
        Path dataDir = Files.createDirectories(Path.of("target", "test-data"))
                .resolve("autovacuum-pace-sends-" + System.nanoTime());
        try (MetaSimulator meta = MetaSimulator.start(
                        SimulatorConfig.builder().host("127.0.0.1").build());
                ServerProcess server = new ServerProcess(dataDir)) {
            meta.registerBusiness(BusinessAccountSpec.builder("102290129340398")
                    .accessToken("EAAB-pace")
                    .appSecret("s")
                    .phoneNumber("106540352242922", "+1 555-078-3881")
                    .build());
            meta.switches().enforceWindow(false);
            server.start();
            ApiClient api = server.api();
            String token = server.adminToken();
            Reply off = api.put("/v1/admin/team", token, obj("enforceCustomerServiceWindow", false));
            assertThat(off.status()).as(off.toString()).isEqualTo(200);
            String pluginId = CloudPlugins.connect(
                    api, token, meta.baseUrl(), "EAAB-pace", "s", "102290129340398", obj("id", "106540352242922"));
            String messages = "/v1/ext/plugin/whatsapp/" + pluginId + "/api/v23.0/106540352242922/messages";
            try (Connection db = EmbeddedDatabase.connect(server.dataDir())) {
                await().atMost(Duration.ofSeconds(30)).until(() -> naptime(db).equals("1min"));
                send(api, token, messages, 1);
                await().atMost(Duration.ofSeconds(30)).until(() -> naptime(db).equals("2s"));
                // The tables' own settings (V21: chat_message is analyzed again only once it has doubled) must
                // leave the first analyze where it was: after 50 changes.
                for (int customer = 2; customer <= 60; customer++) {
                    send(api, token, messages, customer);
                }
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> EmbeddedDatabase.single(
                                        db,
                                        "SELECT count(*) FROM pg_stat_user_tables WHERE relname IN ('chat', 'chat_message')"
                                                + " AND autoanalyze_count > 0")
                                == 2);
            }
        }
    }

    private static void send(ApiClient api, String token, String path, int customer) {
        Reply sent = api.post(
                path,
                token,
                obj(
                        "messaging_product",
                        "whatsapp",
                        "to",
                        "+9198765%05d".formatted(customer),
                        "type",
                        "text",
                        "text",
                        obj("body", "Your order has shipped.")));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
    }

    private static String naptime(Connection db) throws SQLException {
        return EmbeddedDatabase.strings(db, "SHOW autovacuum_naptime")
                .iterator()
                .next();
    }
}
