package org.openchakra.whatsapp.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openchakra.support.Reply;

/**
 * The usual spelling of a send's path is served by {@link PassThroughSendFilter}, without Spring MVC's dispatch; any
 * other spelling (here the number's first digit escaped, which Spring MVC decodes) by Spring MVC. Both must answer
 * alike: the same status, {@code Content-Type} and body for a send and for each kind of refusal (the caller's, the
 * role's, OpenChakra's in Meta's name, Meta's own), and both are counted under the endpoint's pattern.
 */
class PassThroughShortPathTest extends SendTestBase {

    /** The same path with the number's first digit escaped: the short path leaves it to Spring MVC. */
    private static String viaSpringMvc(String path, String number) {
        String escaped = "%" + Integer.toHexString(number.charAt(0)).toUpperCase() + number.substring(1);
        return path.replace("/" + number + "/", "/" + escaped + "/");
    }

    @Test
    void aSendIsAnsweredAndRecordedAlikeOnBothPaths() {
        TestTeam team = newTeam();
        CloudPlugin plugin = cloudPlugin(team);
        String customer = nextCustomer();
        openWindow(plugin, customer);

        Reply shortPath = api().post(plugin.messagesPath(), team.adminToken(), text(customer, "One"));
        Reply mvc = api().post(
                        viaSpringMvc(plugin.messagesPath(), plugin.numberId()),
                        team.adminToken(),
                        text(customer, "Two"));

        assertThat(shortPath.status()).as(shortPath.toString()).isEqualTo(200);
        assertThat(mvc.status()).as(mvc.toString()).isEqualTo(200);
        assertThat(shortPath.header("Content-Type")).isEqualTo(mvc.header("Content-Type"));
        // The same shape, only the ids differ.
        assertThat(shortPath.raw().replaceAll("wamid\\.[A-Za-z0-9_=+/-]+", "W").replaceAll("[0-9a-f-]{36}", "U"))
                .isEqualTo(
                        mvc.raw().replaceAll("wamid\\.[A-Za-z0-9_=+/-]+", "W").replaceAll("[0-9a-f-]{36}", "U"));
        assertThat(recorded(team, shortPath).text()).isEqualTo("One");
        assertThat(recorded(team, mvc).text()).isEqualTo("Two");
        assertThat(outboxSize(plugin)).isEqualTo(2);
        // Counted under the endpoint's pattern, as Spring MVC's handler mapping names it, not as an unknown URI.
        assertThat(api().get("/actuator/prometheus", null).raw())
                .containsPattern(
                        "http_server_requests_seconds_count\\{[^}]*status=\"200\"[^}]*"
                                + "uri=\"/v1/ext/plugin/whatsapp/\\{pluginId}/api/\\{version}/\\{whatsappPhoneNumberId}/messages\"");
    }

    @Test
    void everyRefusalIsTheSameOnBothPaths() {
        TestTeam team = newTeam();
        CloudPlugin plugin = cloudPlugin(team);
        String customer = nextCustomer();
        String reader = readerKey(team);
        String unknownPlugin =
                "/v1/ext/plugin/whatsapp/" + UUID.randomUUID() + "/api/v23.0/" + plugin.numberId() + "/messages";

        // The caller's: malformed JSON, a bad version, an unknown plugin; the role's; OpenChakra's in Meta's name
        // (the 24-hour window, also to a client that accepts no JSON); Meta's own (a template Meta does not know).
        assertSame(plugin.messagesPath(), team.adminToken(), "{\"to\": ", Map.of(), 400);
        assertSame(plugin.messagesPath("v1"), team.adminToken(), json(text(customer, "x")), Map.of(), 400);
        assertSame(unknownPlugin, team.adminToken(), json(text(customer, "x")), Map.of(), 404);
        assertSame(plugin.messagesPath(), reader, json(text(customer, "x")), Map.of(), 403);
        assertSame(plugin.messagesPath(), team.adminToken(), json(text(customer, "x")), Map.of(), 400);
        assertSame(
                plugin.messagesPath(),
                team.adminToken(),
                json(text(customer, "x")),
                Map.of("Accept", "image/png"),
                400);
        Object unknownTemplate = template(customer, obj("name", "no_such_template", "language", obj("code", "en_US")));
        assertSame(plugin.messagesPath(), team.adminToken(), json(unknownTemplate), Map.of(), 0);
        assertThat(outboxSize(plugin)).isZero();
    }

    /** Both paths refuse {@code body} alike, with {@code status} (any 4xx for 0: Meta's to choose). */
    private void assertSame(String path, String token, String body, Map<String, String> headers, int status) {
        Reply shortPath = api().send("POST", path, token, body, headers);
        Reply mvc = api().send("POST", viaSpringMvc(path, path.split("/")[8]), token, body, headers);
        if (status == 0) {
            assertThat(shortPath.status()).as(shortPath.toString()).isBetween(400, 499);
        } else {
            assertThat(shortPath.status()).as(shortPath.toString()).isEqualTo(status);
        }
        assertThat(mvc.status()).as(mvc.toString()).isEqualTo(shortPath.status());
        assertThat(shortPath.header("Content-Type")).as(path).isEqualTo(mvc.header("Content-Type"));
        assertThat(shortPath.header("Retry-After")).isEqualTo(mvc.header("Retry-After"));
        assertThat(withoutPerCallIds(shortPath.raw())).isEqualTo(withoutPerCallIds(mvc.raw()));
    }

    /** Each answer carries its own request id, and each of Meta's refusals its own trace id. */
    private static String withoutPerCallIds(String raw) {
        return raw.replaceAll("\"(requestId|fbtrace_id)\":\"[^\"]*\"", "\"$1\":\"X\"");
    }

    private static String json(Object body) {
        return org.openchakra.support.ApiClient.JSON.writeValueAsString(body);
    }
}
