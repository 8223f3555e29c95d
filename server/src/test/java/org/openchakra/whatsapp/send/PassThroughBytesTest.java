package org.openchakra.whatsapp.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchakra.support.ApiClient;
import org.openchakra.support.Reply;
import org.openchakra.support.StubMeta;
import org.openchakra.whatsapp.MetaSimulatorTest;
import tools.jackson.databind.JsonNode;

/**
 * whatsapp.md §2: the pass-through body goes to Meta as the caller sent it, byte for byte, and Meta's answer
 * comes back as Meta sent it; a body whose bytes Meta could read otherwise than we did goes out as we read it.
 */
class PassThroughBytesTest extends MetaSimulatorTest {

    private static final String META_ANSWER = "{ \"messaging_product\" : \"whatsapp\", \"contacts\": [{\"input\": "
            + "\"919800000002\", \"wa_id\": \"919800000002\"}], \"messages\": [{\"id\": \"wamid.B1\"}],"
            + " \"extra\": 1.50 }";

    @Test
    void theCallersBytesReachMetaAndMetasBytesComeBack() throws Exception {
        try (StubMeta stub = new StubMeta()) {
            String path = stubbedPlugin(stub);
            stub.answer(200, META_ANSWER);
            // Spacing, escapes, a number's trailing zero, fields in an unusual order: all Meta's to read.
            String body = "\n  {\"type\":\"text\" , \"to\": \"+91 98000-00002\", \"text\": {\"body\": \"caf\\u00e9 "
                    + "\\ud83d\\ude00\", \"preview_url\": false}, \"biz_opaque_callback_data\": 1.50,"
                    + " \"messaging_product\": \"whatsapp\"}\n";

            Reply sent = api().send("POST", path, token, body, Map.of());

            assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
            assertThat(new String(stub.bodies().getLast(), StandardCharsets.UTF_8))
                    .isEqualTo(body);
            assertThat(sent.raw()).contains("\"response\":" + META_ANSWER);
            assertThat(sent.data().path("whatsappMessageId").asString()).isEqualTo("wamid.B1");
        }
    }

    @Test
    void aNameGivenTwiceGoesToMetaAsItWasRecorded() throws Exception {
        try (StubMeta stub = new StubMeta()) {
            String path = stubbedPlugin(stub);
            stub.answer(200, META_ANSWER);
            String body = "{\"messaging_product\": \"whatsapp\", \"to\": \"919800000001\", \"type\": \"text\","
                    + " \"text\": {\"body\": \"Hi\"}, \"to\": \"919800000002\"}";

            Reply sent = api().send("POST", path, token, body, Map.of());

            assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
            JsonNode forwarded = ApiClient.JSON.readTree(stub.bodies().getLast());
            assertThat(new String(stub.bodies().getLast(), StandardCharsets.UTF_8))
                    .containsOnlyOnce("\"to\"");
            assertThat(forwarded.path("to").asString()).isEqualTo("919800000002");
        }
    }

    private String token;

    /** A plugin of a new team whose Graph API is {@code stub}, the window check off; the messages path. */
    private String stubbedPlugin(StubMeta stub) {
        TestTeam team = newTeam();
        token = team.adminToken();
        Reply off = api().put("/v1/admin/team", token, obj("enforceCustomerServiceWindow", false));
        assertThat(off.status()).as(off.toString()).isEqualTo(200);
        String number = nextId();
        Reply created = api().post(
                        "/v1/admin/plugins/whatsapp",
                        token,
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
                                List.of(obj("id", nextId(), "phoneNumbers", List.of(obj("id", number))))));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return "/v1/ext/plugin/whatsapp/" + created.data().path("id").asString() + "/api/v23.0/" + number + "/messages";
    }
}
