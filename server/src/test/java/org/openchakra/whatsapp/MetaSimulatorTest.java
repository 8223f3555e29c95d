package org.openchakra.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openchakra.metasim.BusinessAccountSpec;
import org.openchakra.metasim.MetaSimulator;
import org.openchakra.metasim.PhoneNumberSpec;
import org.openchakra.metasim.SimulatorConfig;
import org.openchakra.support.CloudPlugins;
import org.openchakra.support.IntegrationTest;
import org.openchakra.support.Reply;

/**
 * Tests of WhatsApp features against a Meta simulator the test class owns, connected as CLOUD_API plugins
 * (the simulator's URL as {@code graphBaseUrl}). Each {@link #connect} makes a team a WABA and a number of
 * its own: ids are unique server-wide, since one test database serves every test class.
 */
public abstract class MetaSimulatorTest extends IntegrationTest {

    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L * 1000);

    protected static MetaSimulator meta;

    /** A team with an active CLOUD_API plugin holding one WABA with one number. */
    public record Connected(TestTeam team, String pluginId, String wabaId, String phoneNumberId, String token) {
        /** The pass-through prefix of this plugin: {@code /v1/ext/plugin/whatsapp/{pluginId}/api/{version}}. */
        public String api(String version) {
            return "/v1/ext/plugin/whatsapp/" + pluginId + "/api/" + version;
        }
    }

    @BeforeAll
    static void startMeta() {
        meta = MetaSimulator.start(SimulatorConfig.builder().host("127.0.0.1").build());
    }

    @AfterAll
    static void stopMeta() {
        meta.close();
    }

    protected static String nextId() {
        return "31" + IDS.incrementAndGet();
    }

    protected Connected connect() {
        return connect(newTeam());
    }

    protected Connected connect(TestTeam team) {
        return connect(team, false);
    }

    /** {@code webhooks}: Meta's side sends this WABA's webhooks to this server, signed with "app-secret". */
    protected Connected connect(TestTeam team, boolean webhooks) {
        String waba = nextId();
        String number = nextId();
        String token = "EAAB-" + nextId();
        BusinessAccountSpec.Builder spec = BusinessAccountSpec.builder(waba)
                .accessToken(token)
                .appSecret("app-secret")
                .phoneNumber(PhoneNumberSpec.of(number, "+1 555-010-" + number.substring(number.length() - 4)));
        if (webhooks) {
            spec.webhookUrl(api().baseUrl() + "/webhooks/meta");
        }
        meta.registerBusiness(spec.build());
        String pluginId = CloudPlugins.connect(
                api(), team.adminToken(), meta.baseUrl(), token, "app-secret", waba, obj("id", number));
        return new Connected(team, pluginId, waba, number, token);
    }

    /** A key of {@code team} whose role may read chats but not send ({@code whatsapp:send}). */
    protected String readerKey(TestTeam team) {
        Reply role = api().post(
                        "/v1/admin/roles",
                        team.adminToken(),
                        obj(
                                "shortId",
                                "reader",
                                "name",
                                "Reader",
                                "roleType",
                                "USER",
                                "privileges",
                                List.of("chat:read")));
        assertThat(role.status()).as(role.toString()).isEqualTo(200);
        return newKey(team, "reader");
    }
}
