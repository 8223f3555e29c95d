package org.openchakra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.openchakra.support.RawHttp;
import org.openchakra.support.Reply;
import org.openchakra.whatsapp.MetaSimulatorTest;

/**
 * README §3: every refusal carries a top-level {@code message}, the first of {@code _errors}, because
 * generic HTTP tools (ChakraHQ's n8n node in n8n, most API clients) show a body's {@code message} and
 * nothing else; {@code _errors} and {@code _errorDetails} stay as they are. One refusal of each kind of
 * writer: a filter, Spring MVC's handlers, the container's own refusal, and Meta's relayed error.
 */
class TopLevelMessageTest extends MetaSimulatorTest {

    @Test
    void refusalsMadeByTheServerCarryTheirFirstErrorAsMessage() {
        TestTeam team = newTeam();
        assertMessage(api().get("/v1/health", null), 401, "Missing bearer token");
        assertMessage(api().get("/v1/ext/users", "ock_not-a-token"), 401, "Invalid or revoked token");
        assertMessage(api().get("/v1/admin/teams", team.adminToken()), 403, "Only the operator token");
        assertMessage(api().get("/v1/ext/nowhere", team.adminToken()), 404, "No such endpoint");
        assertMessage(api().delete("/v1/health", team.adminToken()), 405, "Method DELETE is not allowed");
        Reply invalid = api().post("/v1/admin/api-keys", team.adminToken(), obj("name", "x", "role", 42));
        assertMessage(invalid, 400, "'role'");
        Reply malformed = api().post("/v1/admin/api-keys", team.adminToken(), "{not json");
        assertMessage(malformed, 400, "Malformed JSON");
        // Refused by Tomcat before any filter runs: still the envelope, with its message.
        Reply undecodable = new RawHttp(port).send("GET", "/v1/ext/user/%00", team.adminToken(), null, null);
        assertThat(undecodable.status()).isEqualTo(400);
        assertThat(undecodable.json().path("message").asString()).isEqualTo(undecodable.firstError());
    }

    @Test
    void metaRefusalsCarryTheSummaryAsMessageBesideMetasErrorObject() {
        Connected plugin = connect();
        Reply local = api().post(
                        plugin.api("v23.0") + "/" + plugin.phoneNumberId() + "/messages",
                        plugin.team().adminToken(),
                        obj("messaging_product", "whatsapp", "type", "text", "text", obj("body", "hi")));
        assertMessage(local, 400, "(#100)");
        assertThat(local.json().path("error").path("code").asInt()).isEqualTo(100);

        Reply relayed = api().post(
                        plugin.api("v23.0") + "/" + plugin.phoneNumberId() + "/messages",
                        plugin.team().adminToken(),
                        obj(
                                "messaging_product",
                                "whatsapp",
                                "to",
                                "15550009999",
                                "type",
                                "template",
                                "template",
                                obj("name", "no_such_template", "language", obj("code", "en_US"))));
        assertThat(relayed.status()).as(relayed.toString()).isBetween(400, 499);
        assertThat(relayed.json().path("error").isObject()).isTrue();
        assertThat(relayed.json().path("message").asString())
                .isEqualTo(relayed.firstError())
                .startsWith("(#");
        assertThat(relayed.json().path("_errorDetails").path(0).path("code").asString())
                .isEqualTo("UPSTREAM_ERROR");
    }

    private static void assertMessage(Reply reply, int status, String startOrPart) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.json().path("message").isString())
                .as("a top-level message: " + reply)
                .isTrue();
        assertThat(reply.json().path("message").asString())
                .isEqualTo(reply.firstError())
                .contains(startOrPart);
        assertThat(reply.json().path("_errorDetails").path(0).path("message").asString())
                .isEqualTo(reply.firstError());
        assertThat(reply.raw().getBytes(StandardCharsets.UTF_8)).isNotEmpty();
    }
}
