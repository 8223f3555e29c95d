package org.openchakra.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openchakra.support.Reply;
import org.openchakra.support.StubMeta;
import tools.jackson.databind.JsonNode;

/**
 * whatsapp.md §2.3 and README §3: when Meta answers 2xx without the object a call needs, OpenChakra answers
 * 502 {@code UPSTREAM_ERROR}, never a 200 carrying {@code _errors} (nor a success the caller cannot use), and
 * changes nothing on the strength of it. And a media id that Meta does not know as a medium, digits of any
 * length, is a 404.
 */
class IncompleteMetaAnswersTest extends MetaSimulatorTest {

    private static final String VERSION = "v23.0";

    private record Stubbed(TestTeam team, String pluginId, String wabaId, String numberId) {}

    private Stubbed stubbedPlugin(StubMeta stub) {
        TestTeam team = newTeam();
        String waba = nextId();
        String number = nextId();
        Reply created = api().post(
                        "/v1/admin/plugins/whatsapp",
                        team.adminToken(),
                        obj(
                                "name",
                                "Stubbed",
                                "graphBaseUrl",
                                stub.baseUrl(),
                                "accessToken",
                                "EAAB-stub",
                                "appSecret",
                                "app-secret",
                                "wabas",
                                List.of(obj("id", waba, "phoneNumbers", List.of(obj("id", number))))));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return new Stubbed(team, created.data().path("id").asString(), waba, number);
    }

    @Test
    void aSendAcceptedWithoutAMessageIdIsA502AndRecordedFailed() throws Exception {
        try (StubMeta stub = new StubMeta()) {
            Stubbed plugin = stubbedPlugin(stub);
            stub.answer(200, "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"919800000001\"}]}");
            Reply sent = api().post(
                            "/v1/ext/plugin/whatsapp/" + plugin.pluginId() + "/api/" + VERSION + "/" + plugin.numberId()
                                    + "/messages",
                            plugin.team().adminToken(),
                            obj(
                                    "messaging_product",
                                    "whatsapp",
                                    "to",
                                    "919800000001",
                                    "type",
                                    "template",
                                    "template",
                                    obj("name", "hello_world", "language", obj("code", "en_US"))));
            assertUpstreamError(sent, "messages[0].id");

            Reply history = api().post(
                            "/v1/ext/plugin/whatsapp/list-chat-messages-for-phone-number",
                            plugin.team().adminToken(),
                            obj("customerPhoneNumber", "919800000001"));
            assertThat(history.status()).as(history.toString()).isEqualTo(200);
            JsonNode recorded = history.data().path(0);
            assertThat(recorded.path("deliveryStatus").asString()).isEqualTo("FAILED");
            assertThat(recorded.path("externalId").isNull()).isTrue();
            assertThat(recorded.path("errors").path(0).path("code").asInt()).isEqualTo(502);
        }
    }

    @Test
    void callingSettingsAnsweredWithoutAnObjectIsA502() throws Exception {
        try (StubMeta stub = new StubMeta()) {
            Stubbed plugin = stubbedPlugin(stub);
            stub.answer(200, "[]");
            Reply settings = api().get(
                            "/v1/whatsapp/" + VERSION + "/" + plugin.numberId() + "/settings",
                            plugin.team().adminToken());
            assertUpstreamError(settings, "a JSON object");
            stub.answer(200, "");
            Reply empty = api().post(
                            "/v1/whatsapp/" + VERSION + "/" + plugin.numberId() + "/calls",
                            plugin.team().adminToken(),
                            obj("messaging_product", "whatsapp", "action", "terminate", "call_id", "wacid.X"));
            assertUpstreamError(empty, "a JSON object");
        }
    }

    @Test
    void aSyncWhoseListingHasNoDataIsA502AndKeepsTheNumbers() throws Exception {
        try (StubMeta stub = new StubMeta()) {
            Stubbed plugin = stubbedPlugin(stub);
            stub.answer(200, "{\"paging\":{}}");
            Reply sync = api().post(
                            "/v1/admin/plugins/whatsapp/" + plugin.pluginId() + "/sync",
                            plugin.team().adminToken(),
                            obj());
            assertUpstreamError(sync, "data list");
            Reply after = api().get(
                            "/v1/admin/plugins/whatsapp/" + plugin.pluginId(),
                            plugin.team().adminToken());
            assertThat(after.data()
                            .path("wabas")
                            .path(0)
                            .path("phoneNumbers")
                            .path(0)
                            .path("id")
                            .asString())
                    .as("the numbers Meta's empty answer did not list are kept: " + after)
                    .isEqualTo(plugin.numberId());
        }
    }

    @Test
    void aMediaLookupWithoutAUrlIsA502AndAnotherKindOfObjectA404() throws Exception {
        try (StubMeta stub = new StubMeta()) {
            Stubbed plugin = stubbedPlugin(stub);
            stub.answer(200, "{\"id\":\"4711\",\"mime_type\":\"image/png\",\"messaging_product\":\"whatsapp\"}");
            Reply noUrl = api().get(
                            "/v1/whatsapp/" + VERSION + "/media/4711",
                            plugin.team().adminToken());
            assertUpstreamError(noUrl, "without a url");
            // What Meta answers for a phone-number id: an object, but no medium.
            stub.answer(200, "{\"id\":\"4712\",\"display_phone_number\":\"15550001111\"}");
            Reply notMedia = api().get(
                            "/v1/whatsapp/" + VERSION + "/media/4712",
                            plugin.team().adminToken());
            assertThat(notMedia.status()).as(notMedia.toString()).isEqualTo(404);
            assertThat(notMedia.firstError()).contains("4712");
        }
    }

    @Test
    void unknownMediaIdsOfAnyLengthOfDigitsAre404() {
        Connected plugin = connect();
        for (int length : new int[] {1, 16, 20, 40, 128, 129, 400}) {
            String id = "7".repeat(length);
            for (String path : new String[] {
                "/v1/whatsapp/" + VERSION + "/media/" + id,
                "/v2/whatsapp/" + VERSION + "/media/" + id + "/show",
                "/v1/whatsapp/" + VERSION + "/media/whatsapp_business/attachments/?mid=" + id
            }) {
                Reply reply = api().get(path, plugin.team().adminToken());
                assertThat(reply.status())
                        .as(length + " digits, " + path + ": " + reply)
                        .isEqualTo(404);
                assertThat(reply.json().path("message").asString()).startsWith("Media ");
            }
        }
        // A Meta id that is no medium (the plugin's own phone number) is as unknown.
        Reply number = api().get(
                        "/v1/whatsapp/" + VERSION + "/media/" + plugin.phoneNumberId(),
                        plugin.team().adminToken());
        assertThat(number.status()).as(number.toString()).isEqualTo(404);
    }

    private static void assertUpstreamError(Reply reply, String says) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(502);
        assertThat(reply.json().path("_errorDetails").path(0).path("code").asString())
                .isEqualTo("UPSTREAM_ERROR");
        assertThat(reply.firstError()).contains(says);
        assertThat(reply.json().path("message").asString()).isEqualTo(reply.firstError());
        assertThat(reply.json().has("_data") && !reply.json().path("_data").isNull())
                .isFalse();
    }
}
