package org.openchakra.metasim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Error injection, outages, latency, and the /_sim control API used when the simulator runs standalone. */
class FaultsAndControlTest extends SimulatorFixture {

    private static final String HELLO =
            envelope("template", "{\"name\": \"hello_world\", \"language\": {\"code\": \"en_US\"}}");

    @Test
    void failNextAnswersTheInjectedErrorThenRecovers() {
        sim.failNext(Route.SEND_MESSAGE, 2, 131000);
        GraphClient.Answer first = send(HELLO);
        assertThat(first.status()).isEqualTo(500);
        assertThat(first.error().path("message").asString()).isEqualTo("(#131000) Something went wrong");
        assertThat(send(HELLO).code()).isEqualTo(131000);
        assertThat(send(HELLO).status()).isEqualTo(200);
    }

    @Test
    void injectedErrorsOnlyHitTheirRoute() {
        sim.failNext(Route.TEMPLATE_LIST, 1, MetaErrors.appRateLimit());
        assertThat(send(HELLO).status()).isEqualTo(200);
        GraphClient.Answer limited = graph.get(V + "/" + WABA + "/message_templates");
        assertThat(limited.code()).isEqualTo(4);
        assertThat(limited.error().path("is_transient").asBoolean()).isTrue();
        assertThat(limited.error().path("error_subcode").asInt()).isEqualTo(2446079);
    }

    @Test
    void outagesAnswer5xxOrRefuseConnectionsUntilUp() {
        sim.down(DownMode.HTTP_503);
        GraphClient.Answer unavailable = send(HELLO);
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.code()).isEqualTo(2);
        sim.up();

        sim.down(DownMode.CONNECTION_REFUSED);
        assertThatThrownBy(() -> send(HELLO)).isInstanceOf(UncheckedIOException.class);
        sim.up();
        assertThat(send(HELLO).status()).isEqualTo(200);
    }

    @Test
    void latencyDelaysEveryAnswer() {
        sim.switches().fixedLatency(Duration.ofMillis(150));
        long start = System.nanoTime();
        send(HELLO);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void controlApiSeedsAccountsTemplatesAndInboundAndReadsTheOutbox() {
        sim.enableControlApi();
        GraphClient control = new GraphClient(sim.baseUrl(), null);
        GraphClient.Answer registered = control.postJson(
                "/_sim/businesses",
                "{\"waba_id\": \"555000111222333\","
                        + " \"access_tokens\": [\"EAAbench\"], \"app_secret\": \"s\", \"webhook_url\": \""
                        + receiver.url() + "\","
                        + " \"sandbox_templates\": true, \"phone_numbers\": [{\"id\": \"777000111222333\", \"display_phone_number\":"
                        + " \"15550002222\"}]}");
        assertThat(registered.status()).as(registered.text()).isEqualTo(200);
        assertThat(registered.json().path("template_ids")).hasSize(4);

        GraphClient.Answer inbound = control.postJson(
                "/_sim/inbound",
                "{\"phone_number_id\": \"777000111222333\","
                        + " \"from\": \"+16505551234\", \"name\": \"Sheena\", \"text\": \"hello there\"}");
        assertThat(inbound.json().path("id").asString()).startsWith("wamid.");

        GraphClient bench = new GraphClient(sim.baseUrl(), "EAAbench");
        assertThat(bench.postJson(V + "/777000111222333/messages", envelope("text", "{\"body\": \"hi\"}"))
                        .status())
                .isEqualTo(200);
        JsonNode outbox =
                control.get("/_sim/outbox?phone_number_id=777000111222333").json();
        assertThat(outbox.path("data")).hasSize(1);
        // The summary counts every send, per recipient: a second message to one recipient shows.
        assertThat(bench.postJson(V + "/777000111222333/messages", envelope("text", "{\"body\": \"again\"}"))
                        .status())
                .isEqualTo(200);
        JsonNode summary = control.get("/_sim/outbox/summary?phone_number_id=777000111222333")
                .json();
        assertThat(summary.path("sends").asLong()).isEqualTo(2);
        assertThat(summary.path("recipients").asLong()).isEqualTo(1);
        assertThat(summary.path("recipients_more_than_once").asLong()).isEqualTo(1);
        assertThat(summary.path("first_received_at").asString()).isNotBlank();
        assertThat(sim.sendTally("777000111222333").sends()).isEqualTo(2);
        // Counted for the recipients of a prefix only: a benchmark's campaign apart from its API sends.
        assertThat(sim.sendTally("777000111222333", USER.substring(1, 4)).sends())
                .isEqualTo(2);
        assertThat(control.get("/_sim/outbox/summary?phone_number_id=777000111222333&wa_id_prefix=0")
                        .json()
                        .path("recipients")
                        .asLong())
                .isZero();
        assertThat(outbox.path("data")
                        .get(0)
                        .path("request")
                        .path("text")
                        .path("body")
                        .asString())
                .isEqualTo("hi");

        assertThat(control.postJson("/_sim/switches", "{\"rate_limit_http_status\": 429, \"enforce_window\": false}")
                        .status())
                .isEqualTo(200);
        assertThat(sim.switches().rateLimitHttpStatus()).isEqualTo(429);
        assertThat(control.postJson("/_sim/faults", "{\"route\": \"send_message\", \"code\": 131016}")
                        .status())
                .isEqualTo(200);
        assertThat(send(HELLO).code()).isEqualTo(131016);

        assertThat(control.postJson("/_sim/clock/advance", "{\"seconds\": 60}").status())
                .isEqualTo(200);
        assertThat(control.postJson("/_sim/webhooks/verify", "{\"waba_id\": \"" + WABA + "\"}")
                        .json()
                        .path("verified")
                        .asBoolean())
                .isTrue();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> control.get("/_sim/webhooks").json().path("data").size() > 0);
        assertThat(control.get("/_sim/nope").status()).isEqualTo(404);
        assertThat(control.postJson("/_sim/inbound", "{}").status()).isEqualTo(400);
    }

    @Test
    void controlApiIsOffUnlessEnabled() {
        assertThat(new GraphClient(sim.baseUrl(), null).get("/_sim/health").status())
                .isEqualTo(404);
    }

    @Test
    void mainOptionsParse() {
        Main.Options o = Main.Options.parse(new String[] {
            "--port",
            "0",
            "--waba",
            "1",
            "--phone-number-id",
            "2",
            "--token",
            "t",
            "--latency-ms",
            "5",
            "--no-window",
            "--status-delays",
            "1,2,3"
        });
        assertThat(o.port).isZero();
        assertThat(o.phoneNumberIds).containsExactly("2");
        assertThat(o.enforceWindow).isFalse();
        assertThat(o.statusDelaysMs).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> Main.Options.parse(new String[] {"--bogus", "x"}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sameSeedReplaysTheSameIds() {
        MutableClock fixed = new MutableClock(java.time.Instant.parse("2026-01-01T00:00:00Z"));
        java.util.List<String> first = runSeeded(fixed);
        java.util.List<String> second = runSeeded(fixed);
        assertThat(first).isEqualTo(second);
    }

    private static java.util.List<String> runSeeded(MutableClock clock) {
        try (MetaSimulator s = MetaSimulator.start(
                SimulatorConfig.builder().clock(clock).seed(99).build())) {
            s.registerBusiness(BusinessAccountSpec.builder("1")
                    .accessToken("t")
                    .phoneNumber("2", "15550001")
                    .build());
            return s.seedSandboxTemplates("1");
        }
    }
}
