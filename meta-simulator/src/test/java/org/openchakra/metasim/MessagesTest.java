package org.openchakra.metasim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Every outbound type of spec 1 is accepted with Meta's answer; one invalid example per type is refused. */
class MessagesTest extends SimulatorFixture {

    static Stream<Arguments> validMessages() {
        return Stream.of(
                Arguments.of("text", "{\"preview_url\": true, \"body\": \"Here's the link: https://www.meta.com/\"}"),
                Arguments.of("image", "{\"link\": \"https://example.com/a.png\", \"caption\": \"A picture\"}"),
                Arguments.of("audio", "{\"link\": \"https://example.com/a.ogg\"}"),
                Arguments.of("video", "{\"link\": \"https://example.com/a.mp4\", \"caption\": \"clip\"}"),
                Arguments.of("document", "{\"link\": \"https://example.com/a.pdf\", \"filename\": \"a.pdf\"}"),
                Arguments.of("sticker", "{\"link\": \"https://example.com/a.webp\"}"),
                Arguments.of(
                        "location",
                        "{\"latitude\": 37.758056, \"longitude\": -122.425332, \"name\": \"META HQ\","
                                + " \"address\": \"1 Hacker Way\"}"),
                Arguments.of(
                        "contacts",
                        "[{\"name\": {\"formatted_name\": \"John Smith\", \"first_name\": \"John\"},"
                                + " \"phones\": [{\"phone\": \"+1 (650) 555-1234\", \"type\": \"WORK\", \"wa_id\": \"16505551234\"}]}]"),
                Arguments.of(
                        "interactive",
                        "{\"type\": \"button\", \"body\": {\"text\": \"Pick\"}, \"action\": {\"buttons\":"
                                + " [{\"type\": \"reply\", \"reply\": {\"id\": \"a\", \"title\": \"Yes\"}},"
                                + " {\"type\": \"reply\", \"reply\": {\"id\": \"b\", \"title\": \"No\"}}]}}"),
                Arguments.of(
                        "interactive",
                        "{\"type\": \"list\", \"header\": {\"type\": \"text\", \"text\": \"Shipping\"},"
                                + " \"body\": {\"text\": \"Which option?\"}, \"footer\": {\"text\": \"Lucky Shrub\"}, \"action\":"
                                + " {\"button\": \"Options\", \"sections\": [{\"title\": \"Fast\", \"rows\": [{\"id\": \"x\", \"title\":"
                                + " \"Express\", \"description\": \"Next day\"}]}, {\"title\": \"Slow\", \"rows\": [{\"id\": \"y\","
                                + " \"title\": \"Ground\"}]}]}}"),
                Arguments.of(
                        "interactive",
                        "{\"type\": \"cta_url\", \"header\": {\"type\": \"image\", \"image\": {\"link\":"
                                + " \"https://example.com/banner.png\"}}, \"body\": {\"text\": \"Tap below\"}, \"action\": {\"name\":"
                                + " \"cta_url\", \"parameters\": {\"display_text\": \"See Dates\", \"url\": \"https://example.com\"}}}"),
                Arguments.of(
                        "interactive",
                        "{\"type\": \"flow\", \"header\": {\"type\": \"text\", \"text\": \"Flow\"},"
                                + " \"body\": {\"text\": \"Open it\"}, \"action\": {\"name\": \"flow\", \"parameters\":"
                                + " {\"flow_message_version\": \"3\", \"flow_id\": \"123\", \"flow_cta\": \"Open Flow!\","
                                + " \"flow_token\": \"t\", \"flow_action\": \"navigate\", \"flow_action_payload\": {\"screen\": \"S\"}}}}"),
                Arguments.of(
                        "interactive",
                        "{\"type\": \"product\", \"action\": {\"catalog_id\": \"367025965434465\","
                                + " \"product_retailer_id\": \"sku-1\"}}"),
                Arguments.of(
                        "interactive",
                        "{\"type\": \"product_list\", \"header\": {\"type\": \"text\", \"text\": \"Shop\"},"
                                + " \"body\": {\"text\": \"Our picks\"}, \"action\": {\"catalog_id\": \"1\", \"sections\": [{\"title\":"
                                + " \"Top\", \"product_items\": [{\"product_retailer_id\": \"sku-1\"}]}]}}"),
                Arguments.of(
                        "interactive",
                        "{\"type\": \"catalog_message\", \"body\": {\"text\": \"Browse\"}, \"action\":"
                                + " {\"name\": \"catalog_message\", \"parameters\": {\"thumbnail_product_retailer_id\": \"2lc20305pt\"}}}"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("validMessages")
    void acceptsEveryTypeWithMetasAnswer(String type, String content) {
        openWindow();
        GraphClient.Answer answer = send(envelope(type, content));

        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.path("messaging_product").asString()).isEqualTo("whatsapp");
        assertThat(body.path("contacts").get(0).path("input").asString()).isEqualTo(USER);
        assertThat(body.path("contacts").get(0).path("wa_id").asString()).isEqualTo(USER_WA);
        String wamid = body.path("messages").get(0).path("id").asString();
        assertThat(wamid).startsWith("wamid.HBgL");
        assertThat(body.path("messages").get(0).has("message_status")).isFalse();
        assertThat(sim.outbox().getFirst().wamid()).isEqualTo(wamid);
        assertThat(sim.outbox().getFirst().type()).isEqualTo(type);
    }

    static Stream<Arguments> invalidMessages() {
        return Stream.of(
                Arguments.of(
                        "text",
                        "{\"body\": \"" + "x".repeat(4097) + "\"}",
                        100,
                        "Param text['body'] must be at most 4096 characters long."),
                Arguments.of(
                        "image",
                        "{\"id\": \"1\", \"link\": \"https://example.com/a.png\"}",
                        100,
                        "Param image must contain either id or link, not both."),
                Arguments.of(
                        "audio",
                        "{\"link\": \"https://example.com/a.ogg\", \"caption\": \"no\"}",
                        100,
                        "Param caption is not allowed for audio."),
                Arguments.of(
                        "video",
                        "{\"caption\": \"missing media\"}",
                        131008,
                        "Parameter video['id'] or video['link'] is required."),
                Arguments.of(
                        "document",
                        "{\"link\": \"ftp://example.com/a.pdf\"}",
                        131009,
                        "Param document['link'] must be a valid http(s) URL."),
                Arguments.of(
                        "sticker",
                        "{\"id\": \"999999\"}",
                        131053,
                        "Media id 999999 is unknown, expired or belongs to another business account."),
                Arguments.of(
                        "location",
                        "{\"latitude\": 95, \"longitude\": 1}",
                        131009,
                        "Param location['latitude'] is not a valid coordinate."),
                Arguments.of("contacts", "[]", 131009, "Param contacts must have between 1 and 5 items; got 0."),
                Arguments.of(
                        "interactive",
                        "{\"type\": \"button\", \"body\": {\"text\": \"t\"}, \"action\": {\"buttons\": ["
                                + "{\"type\": \"reply\", \"reply\": {\"id\": \"1\", \"title\": \"a\"}},"
                                + "{\"type\": \"reply\", \"reply\": {\"id\": \"2\", \"title\": \"b\"}},"
                                + "{\"type\": \"reply\", \"reply\": {\"id\": \"3\", \"title\": \"c\"}},"
                                + "{\"type\": \"reply\", \"reply\": {\"id\": \"4\", \"title\": \"d\"}}]}}",
                        131009,
                        "Param interactive['action']['buttons'] must have between 1 and 3 items; got 4."),
                Arguments.of("reaction", "{\"emoji\": \"x\"}", 131008, "Parameter reaction['message_id'] is required."),
                Arguments.of(
                        "template",
                        "{\"name\": \"no_such_template\", \"language\": {\"code\": \"en_US\"}}",
                        132001,
                        "template name (no_such_template) does not exist in en_US"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("invalidMessages")
    void refusesInvalidContentWithMetasErrorBody(String type, String content, int code, String details) {
        openWindow();
        GraphClient.Answer answer = send(envelope(type, content));

        assertThat(answer.status()).isEqualTo(code == 132001 ? 404 : 400);
        JsonNode error = answer.error();
        assertThat(error.path("code").asInt()).isEqualTo(code);
        assertThat(error.path("type").asString()).isEqualTo("OAuthException");
        assertThat(error.path("message").asString()).startsWith("(#" + code + ") ");
        assertThat(error.path("error_data").path("messaging_product").asString())
                .isEqualTo("whatsapp");
        assertThat(error.path("error_data").path("details").asString()).isEqualTo(details);
        assertThat(error.path("fbtrace_id").asString()).isNotBlank();
        assertThat(sim.outbox()).isEmpty();
    }

    @Test
    void listBodyMayBe4096CharactersButButtonBodyOnly1024() {
        openWindow();
        String list =
                "{\"type\": \"list\", \"body\": {\"text\": \"" + "b".repeat(4000) + "\"}, \"action\": {\"button\":"
                        + " \"Go\", \"sections\": [{\"rows\": [{\"id\": \"1\", \"title\": \"One\"}]}]}}";
        assertThat(send(envelope("interactive", list)).status()).isEqualTo(200);
        String buttons = "{\"type\": \"button\", \"body\": {\"text\": \"" + "b".repeat(1025) + "\"}, \"action\":"
                + " {\"buttons\": [{\"type\": \"reply\", \"reply\": {\"id\": \"1\", \"title\": \"a\"}}]}}";
        assertThat(send(envelope("interactive", buttons)).code()).isEqualTo(131009);
    }

    @Test
    void listRowsAreLimitedToTenAcrossSections() {
        openWindow();
        StringBuilder rows = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            rows.append(i == 0 ? "" : ",").append("{\"id\": \"r").append(i).append("\", \"title\": \"Row\"}");
        }
        String list =
                "{\"type\": \"list\", \"body\": {\"text\": \"t\"}, \"action\": {\"button\": \"Go\", \"sections\": ["
                        + "{\"title\": \"A\", \"rows\": [" + rows + "]}, {\"title\": \"B\", \"rows\": ["
                        + rows.toString().replace("\"r", "\"s") + "]}]}}";
        GraphClient.Answer answer = send(envelope("interactive", list));
        assertThat(answer.code()).isEqualTo(131009);
        assertThat(answer.error().path("error_data").path("details").asString())
                .isEqualTo("A list message has at most 10 rows across all sections; got 12.");
    }

    @Test
    void envelopeErrorsNameTheMissingParameter() {
        GraphClient.Answer noProduct =
                send("{\"to\": \"" + USER + "\", \"type\": \"text\", \"text\": {\"body\": \"x\"}}");
        assertThat(noProduct.status()).isEqualTo(400);
        assertThat(noProduct.error().path("message").asString())
                .isEqualTo("(#100) The parameter messaging_product is required.");

        GraphClient.Answer noTo =
                send("{\"messaging_product\": \"whatsapp\", \"type\": \"text\", \"text\": {\"body\": \"x\"}}");
        assertThat(noTo.error().path("message").asString()).isEqualTo("(#100) The parameter to is required.");

        GraphClient.Answer badType = send(envelope("carousel", "{}"));
        assertThat(badType.code()).isEqualTo(131051);

        GraphClient.Answer badTo = send("{\"messaging_product\": \"whatsapp\", \"to\": \"call-me\", \"type\": \"text\","
                + " \"text\": {\"body\": \"x\"}}");
        assertThat(badTo.code()).isEqualTo(100);

        GraphClient.Answer self =
                send("{\"messaging_product\": \"whatsapp\", \"to\": \"15550783881\", \"type\": \"text\","
                        + " \"text\": {\"body\": \"x\"}}");
        assertThat(self.code()).isEqualTo(131021);

        GraphClient.Answer longOpaque = send("{\"messaging_product\": \"whatsapp\", \"to\": \"" + USER + "\", \"type\":"
                + " \"text\", \"text\": {\"body\": \"x\"}, \"biz_opaque_callback_data\": \"" + "o".repeat(513) + "\"}");
        assertThat(longOpaque.code()).isEqualTo(100);
    }

    @Test
    void formEncodedSendsAreAcceptedLikeJson() {
        openWindow();
        GraphClient.Answer answer = graph.postForm(
                V + "/" + PNID + "/messages",
                "messaging_product=whatsapp&to=%2B16505551234&type=text&text=%7B%22body%22%3A%22hi%22%7D");
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    }

    @Test
    void markAsReadAndTypingAnswerSuccess() {
        String inbound = openWindow();
        GraphClient.Answer read = send("{\"messaging_product\": \"whatsapp\", \"status\": \"read\", \"message_id\": \""
                + inbound + "\", \"typing_indicator\": {\"type\": \"text\"}}");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().path("success").asBoolean()).isTrue();
        assertThat(sim.readReceipts().getFirst().typingIndicator()).isTrue();

        GraphClient.Answer unknown = send(
                "{\"messaging_product\": \"whatsapp\", \"status\": \"read\", \"message_id\":" + " \"wamid.nope\"}");
        assertThat(unknown.code()).isEqualTo(100);
    }

    @Test
    void mediaUploadedEarlierCanBeSentById() {
        openWindow();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0};
        String id = graph.postMultipart(
                        V + "/" + PNID + "/media",
                        java.util.Map.of("messaging_product", "whatsapp"),
                        "a.png",
                        "image/png",
                        png)
                .json()
                .path("id")
                .asString();

        assertThat(send(envelope("image", "{\"id\": \"" + id + "\"}")).status()).isEqualTo(200);
        GraphClient.Answer asVideo = send(envelope("video", "{\"id\": \"" + id + "\"}"));
        assertThat(asVideo.code()).isEqualTo(131053);
    }

    @Test
    void quotedRepliesCarryContextAndAnswerNormally() {
        String inbound = openWindow();
        GraphClient.Answer answer = send("{\"context\": {\"message_id\": \"" + inbound + "\"}, \"messaging_product\":"
                + " \"whatsapp\", \"to\": \"" + USER + "\", \"type\": \"text\", \"text\": {\"body\": \"re\"}}");
        assertThat(answer.status()).isEqualTo(200);
    }

    @Test
    void anyApiVersionIsAcceptedAndEchoedInHeaders() {
        openWindow();
        GraphClient.Answer answer =
                graph.postJson("/v25.0/" + PNID + "/messages", envelope("text", "{\"body\": \"x\"}"));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().firstValue("facebook-api-version")).contains("v25.0");
        assertThat(answer.headers().firstValue("x-fb-trace-id")).isPresent();
        assertThat(answer.headers().firstValue("x-business-use-case-usage").orElseThrow())
                .contains(WABA);
    }
}
