package org.openchakra.metasim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Bearer checks (190), unknown or foreign ids (100/33), unknown paths and node reads (spec 2.2, 7, 8.2). */
class AuthAndObjectsTest extends SimulatorFixture {

    private static final String TEXT = envelope("text", "{\"body\": \"x\"}");

    @Test
    void missingGarbageAndUnknownTokensAnswer190With401() {
        for (GraphClient client :
                new GraphClient[] {graph.withToken(null), graph.withToken("not a token!"), graph.withToken("EAAunknown")
                }) {
            GraphClient.Answer answer = client.postJson(V + "/" + PNID + "/messages", TEXT);
            assertThat(answer.status()).isEqualTo(401);
            JsonNode error = answer.error();
            assertThat(error.path("message").asString())
                    .isEqualTo("Invalid OAuth access token - Cannot parse access token");
            assertThat(error.path("type").asString()).isEqualTo("OAuthException");
            assertThat(error.path("code").asInt()).isEqualTo(190);
            assertThat(error.has("error_subcode")).isFalse();
            assertThat(error.path("fbtrace_id").asString()).isNotBlank();
        }
    }

    @Test
    void tokenMayComeAsAccessTokenQueryParameter() {
        GraphClient.Answer answer = graph.withToken(null).get(V + "/" + PNID + "?access_token=" + TOKEN);
        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void switchAnswers190WithHttp400() {
        sim.switches().authErrorHttpStatus(400);
        assertThat(graph.withToken("EAAunknown").get(V + "/" + PNID).status()).isEqualTo(400);
    }

    @Test
    void expiredTokensCarrySubcode463() {
        sim.expireAccessToken(TOKEN);
        GraphClient.Answer answer = graph.get(V + "/" + PNID);
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.error().path("message").asString()).isEqualTo("Invalid OAuth access token");
        assertThat(answer.error().path("error_subcode").asInt()).isEqualTo(463);
    }

    @Test
    void unknownIdsAnswerGraphMethodException100Subcode33() {
        GraphClient.Answer answer = graph.postJson(V + "/111687571665026/messages", TEXT);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().toString())
                .startsWith("{\"error\":{\"message\":\"Unsupported post request. Object with"
                        + " ID '111687571665026' does not exist, cannot be loaded due to missing permissions, or does not support this"
                        + " operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api\","
                        + "\"type\":\"GraphMethodException\",\"code\":100,\"error_subcode\":33,\"fbtrace_id\":");
        assertThat(graph.get(V + "/111687571665026").error().path("message").asString())
                .startsWith("Unsupported get request.");
    }

    @Test
    void anotherBusinessesTokenCannotSeeTheNumber() {
        sim.registerBusiness(BusinessAccountSpec.builder("999000111222333")
                .accessToken("EAAother")
                .phoneNumber("888000111222333", "15550009999")
                .build());
        GraphClient.Answer answer = graph.withToken("EAAother").postJson(V + "/" + PNID + "/messages", TEXT);
        assertThat(answer.code()).isEqualTo(100);
        assertThat(answer.error().path("error_subcode").asInt()).isEqualTo(33);
    }

    @Test
    void unknownPathsAndVersionlessPathsAreRefused() {
        assertThat(graph.get(V + "/" + PNID + "/nonsense").status()).isEqualTo(400);
        assertThat(graph.get("/" + PNID + "/messages").status()).isEqualTo(400);
        assertThat(graph.delete(V + "/" + PNID).code()).isEqualTo(100);
    }

    @Test
    void phoneNumberNodeAnswersTheMessagingLimit() {
        JsonNode limit = graph.get(V + "/" + PNID + "?fields=whatsapp_business_manager_messaging_limit")
                .json();
        assertThat(limit.toString())
                .isEqualTo("{\"whatsapp_business_manager_messaging_limit\":\"TIER_2K\",\"id\":\"" + PNID + "\"}");
        JsonNode node = graph.get(V + "/" + PNID).json();
        assertThat(node.path("display_phone_number").asString()).isEqualTo(DISPLAY);
        assertThat(node.path("quality_rating").asString()).isEqualTo("GREEN");
        JsonNode numbers = graph.get(V + "/" + WABA + "/phone_numbers").json();
        assertThat(numbers.path("data")).hasSize(2);
        assertThat(graph.get(V + "/" + WABA + "?fields=name")
                        .json()
                        .path("name")
                        .asString())
                .isNotBlank();
    }
}
