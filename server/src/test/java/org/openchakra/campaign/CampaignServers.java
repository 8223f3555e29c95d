package org.openchakra.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openchakra.metasim.BusinessAccountSpec;
import org.openchakra.metasim.MetaSimulator;
import org.openchakra.metasim.OutboxEntry;
import org.openchakra.metasim.PhoneNumberSpec;
import org.openchakra.support.ApiClient;
import org.openchakra.support.Reply;

/**
 * What the campaign tests on real server processes share: a Meta simulator in the test's JVM (it outlives the
 * servers it serves), a CLOUD_API plugin pointed at it, a broadcast to a list, what Meta received per number,
 * and SQL on the server's embedded PostgreSQL.
 */
final class CampaignServers {

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
    }

    private CampaignServers() {}

    static Path freshDataDir(String name) throws IOException {
        return Files.createDirectories(Path.of("target", "test-data")).resolve(name + "-" + System.nanoTime());
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
        Reply plugin = api.post(
                "/v1/admin/plugins/whatsapp",
                adminToken,
                obj(
                        "name",
                        "Cloud",
                        "graphBaseUrl",
                        meta.simulator().baseUrl(),
                        "accessToken",
                        meta.token(),
                        "appSecret",
                        meta.appSecret(),
                        "wabas",
                        List.of(obj(
                                "id",
                                meta.waba(),
                                "phoneNumbers",
                                List.of(obj("id", meta.number(), "throughputMps", numberMps))))));
        assertThat(plugin.status()).as(plugin.toString()).isEqualTo(200);
        Reply created = api.post(
                "/v1/admin/campaigns",
                adminToken,
                obj(
                        "name",
                        "broadcast",
                        "kind",
                        "BROADCAST",
                        "pluginId",
                        plugin.data().path("id").asString(),
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

    static String status(ApiClient api, String adminToken, String campaign) {
        return api.get("/v1/admin/campaigns/" + campaign, adminToken)
                .data()
                .path("status")
                .asString();
    }

    static long single(Connection db, String sql) throws SQLException {
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The first column as keys, the second (a count) as values. */
    static Map<String, Long> counts(Connection db, String sql) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    static Set<String> strings(Connection db, String sql) throws SQLException {
        Set<String> values = new HashSet<>();
        try (Statement s = db.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }
}
