package org.openchakra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchakra.support.IntegrationTest;
import org.openchakra.support.Reply;

/**
 * README §2: the API answers CORS for the origins an operator allows (here {@link IntegrationTest#CORS_ORIGINS}),
 * so that browser code such as the official SDK's calling client can call it. A preflight needs no token; a
 * disallowed origin gets no {@code Access-Control-*} header.
 */
class CorsTest extends IntegrationTest {

    private static final String APP = "https://app.example.test";

    private Reply preflight(String path, String origin, String method, String headers) {
        return api().send(
                        "OPTIONS",
                        path,
                        null,
                        null,
                        Map.of(
                                "Origin",
                                origin,
                                "Access-Control-Request-Method",
                                method,
                                "Access-Control-Request-Headers",
                                headers));
    }

    @Test
    void aPreflightFromAnAllowedOriginNeedsNoTokenAndIs204() {
        for (String path : new String[] {
            "/v1/health", "/v1/whatsapp/v23.0/106540352242922/calls", "/v1/ext/plugin/whatsapp/x/update-config"
        }) {
            Reply reply = preflight(path, APP, "POST", "authorization,content-type,x-chakra-sdk");
            assertThat(reply.status()).as(path + ": " + reply).isEqualTo(204);
            assertThat(reply.raw()).isEmpty();
            assertThat(reply.header("Access-Control-Allow-Origin")).isEqualTo(APP);
            assertThat(reply.header("Access-Control-Allow-Methods")).contains("GET", "POST", "PUT", "PATCH", "DELETE");
            assertThat(reply.header("Access-Control-Allow-Headers"))
                    .contains("authorization", "content-type", "x-chakra-sdk", "x-request-id");
            assertThat(Long.parseLong(reply.header("Access-Control-Max-Age"))).isPositive();
            assertThat(reply.header("Access-Control-Allow-Credentials")).isNull();
            assertThat(reply.headers().allValues("Vary")).contains("Origin");
            assertThat(reply.header("X-Request-Id")).isNotBlank();
        }
        // A pattern of the setting, and headers the browser asks for beyond ours (tracing).
        Reply partner = preflight("/v1/health", "https://shop.partner.example.test", "GET", "traceparent");
        assertThat(partner.status()).isEqualTo(204);
        assertThat(partner.header("Access-Control-Allow-Origin")).isEqualTo("https://shop.partner.example.test");
        assertThat(partner.header("Access-Control-Allow-Headers")).contains("authorization", "traceparent");
    }

    @Test
    void answersToAnAllowedOriginNameItAndExposeTheHeadersClientsRead() {
        TestTeam team = newTeam();
        Map<String, Reply> answers = Map.of(
                "200",
                api().send("GET", "/v1/health", team.adminToken(), null, Map.of("Origin", APP)),
                "401",
                api().send("GET", "/v1/health", null, null, Map.of("Origin", APP)),
                "404",
                api().send("GET", "/v1/ext/nowhere", team.adminToken(), null, Map.of("Origin", APP)));
        answers.forEach((expected, reply) -> {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(Integer.parseInt(expected));
            assertThat(reply.header("Access-Control-Allow-Origin"))
                    .as(expected + " " + reply.headers())
                    .isEqualTo(APP);
            assertThat(reply.header("Access-Control-Expose-Headers"))
                    .contains("X-Request-Id", "Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining")
                    .contains("X-RateLimit-Reset");
            assertThat(reply.headers().allValues("Vary")).contains("Origin");
        });
        assertThat(answers.get("200").header("X-RateLimit-Limit")).isNotBlank();
    }

    @Test
    void aDisallowedOriginGetsNoAccessControlHeader() {
        TestTeam team = newTeam();
        Reply refused = preflight("/v1/health", "https://evil.example.test", "GET", "authorization");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("message").asString()).contains("https://evil.example.test");
        Reply answered =
                api().send("GET", "/v1/health", team.adminToken(), null, Map.of("Origin", "https://evil.example.test"));
        assertThat(answered.status()).isEqualTo(200);
        Reply lookalike = preflight("/v1/health", "https://app.example.test.evil.test", "GET", "authorization");
        for (Reply reply : new Reply[] {refused, answered, lookalike}) {
            assertThat(reply.headers().map().keySet())
                    .as(reply.headers().toString())
                    .noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
        }
        // Outside the API (the operational endpoints) nothing is answered for browsers either.
        Reply actuator = api().send("GET", "/actuator/health", null, null, Map.of("Origin", APP));
        assertThat(actuator.header("Access-Control-Allow-Origin")).isNull();
    }
}
