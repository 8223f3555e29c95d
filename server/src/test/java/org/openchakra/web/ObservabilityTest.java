package org.openchakra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openchakra.support.IntegrationTest;
import org.openchakra.support.Reply;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Request ids, the access log, and the operational endpoints (README §1, §3). */
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityTest extends IntegrationTest {

    @Test
    void everyAnswerCarriesARequestIdEchoedOrMade() {
        Reply made = api().get("/v1/ext/users", null);
        assertThat(made.header("X-Request-Id")).matches("[0-9a-f-]{36}");
        assertThat(made.json().path("_meta").path("requestId").asString()).isEqualTo(made.header("X-Request-Id"));

        Reply echoed = api().send("GET", "/v1/nowhere", null, null, Map.of("X-Request-Id", "trace-abc.123"));
        assertThat(echoed.header("X-Request-Id")).isEqualTo("trace-abc.123");
        // An id that could forge log lines or headers is replaced, not echoed.
        Reply unsafe = api().send("GET", "/v1/nowhere", null, null, Map.of("X-Request-Id", "a b\"c"));
        assertThat(unsafe.header("X-Request-Id")).isNotEqualTo("a b\"c").matches("[0-9a-f-]{36}");
    }

    @Test
    void oneAccessLineThatNamesTheRequestButNeverTheToken(CapturedOutput output) {
        TestTeam team = newTeam();
        Reply reply = api().send(
                        "GET",
                        "/v1/ext/users?secretQuery=shh",
                        team.adminToken(),
                        null,
                        Map.of("X-Request-Id", "log-check-42"));
        assertThat(reply.status()).isEqualTo(200);
        String log = output.getAll();
        assertThat(log).contains("log-check-42").contains("GET /v1/ext/users 200");
        assertThat(log.lines()
                        .filter(l -> l.contains("log-check-42") && l.contains("openchakra.access"))
                        .count())
                .isEqualTo(1);
        assertThat(log)
                .doesNotContain(team.adminToken())
                .doesNotContain("secretQuery")
                .doesNotContain(OPERATOR_TOKEN);
    }

    @Test
    void operationalEndpointsAnswerWithoutATeamToken() {
        Reply health = api().get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asString()).isEqualTo("UP");

        Reply metrics = api().get("/actuator/prometheus", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw()).contains("http_server_requests_seconds").contains("hikaricp_connections");
        // Timers, not long-task timers: those cost every request a sorted-set entry (application.yaml).
        assertThat(metrics.raw()).doesNotContain("http_server_requests_active");

        Reply docs = api().get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/v1/ext/users")).isTrue();
        assertThat(docs.json().path("paths").has("/v1/admin/api-keys")).isTrue();

        Reply ui = api().get("/swagger-ui/index.html", null);
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.raw()).contains("swagger");
    }

    @Test
    void internalErrorsRevealNothing() {
        // Unknown paths outside the API get the envelope too, never a container error page.
        Reply reply = api().get("/definitely/not/here", null);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.raw())
                .doesNotContain("Exception")
                .doesNotContain("Tomcat")
                .doesNotContain("<html");
        assertThat(reply.firstError()).isNotBlank();
    }
}
