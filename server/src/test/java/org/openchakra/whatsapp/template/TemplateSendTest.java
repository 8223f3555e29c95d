package org.openchakra.whatsapp.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchakra.metasim.MetaError;
import org.openchakra.metasim.OutboxEntry;
import org.openchakra.metasim.Route;
import org.openchakra.metasim.SandboxTemplates;
import org.openchakra.metasim.TemplateSpec;
import org.openchakra.support.ApiClient;
import org.openchakra.support.Reply;
import org.openchakra.whatsapp.MetaSimulatorTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Template sends in Chakra's format (whatsapp.md §3) to a phone number, checked by what Meta received. */
class TemplateSendTest extends MetaSimulatorTest {

    private static final String CUSTOMER = "919811122233";

    @Autowired
    private TemplateCache cache;

    @Autowired
    private JdbcClient jdbc;

    private Reply send(Connected c, Object body) {
        return send(c, "+91%2098111-22233", body);
    }

    private Reply send(Connected c, String phone, Object body) {
        return api().post(
                        "/v1/ext/plugin/whatsapp/" + c.pluginId() + "/phoneNumber/" + phone + "/send-template-message",
                        c.team().adminToken(),
                        body);
    }

    private Map<String, Object> body(Connected c, String template, Object... more) {
        Map<String, Object> body = obj("whatsappPhoneNumberId", c.phoneNumberId(), "templateName", template);
        body.putAll(obj(more));
        return body;
    }

    private static List<Map<String, Object>> mapping(String... namesAndValues) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            list.add(obj("schemaPropertyName", namesAndValues[i], "schemaPropertyValue", namesAndValues[i + 1]));
        }
        return list;
    }

    /** The template object of the last message Meta accepted from the number. */
    private static JsonNode lastTemplateSent(Connected c) {
        List<OutboxEntry> outbox = meta.outbox(c.phoneNumberId());
        assertThat(outbox).isNotEmpty();
        return ApiClient.JSON.readTree(outbox.getFirst().requestJson()).path("template");
    }

    private static JsonNode component(JsonNode template, String type) {
        for (JsonNode c : template.path("components")) {
            if (c.path("type").asString().equals(type)) {
                return c;
            }
        }
        throw new AssertionError("no " + type + " component in " + template);
    }

    private static JsonNode button(JsonNode template, String index) {
        for (JsonNode c : template.path("components")) {
            if (c.path("type").asString().equals("button")
                    && c.path("index").asString().equals(index)) {
                return c;
            }
        }
        throw new AssertionError("no button " + index + " in " + template);
    }

    private static String seed(Connected c, TemplateSpec spec) {
        return meta.seedTemplate(c.wabaId(), spec);
    }

    // ---------------------------------------------------------------- shapes

    @Test
    void positionalBodyVariablesGoToMetaInOrderAndTheAnswerIsTheSentMessage() {
        Connected c = connect();
        meta.seedSandboxTemplates(c.wabaId());
        Reply sent = send(
                c,
                body(
                        c,
                        SandboxTemplates.ORDER_UPDATE,
                        "language",
                        "en_US",
                        "mapping",
                        mapping("3", "Monday", "1", "Asha", "2", "#1234")));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        JsonNode message = sent.data();
        assertThat(message.path("externalId").asString()).startsWith("wamid.");
        assertThat(message.path("deliveryStatus").asString()).isEqualTo("SENT");
        assertThat(message.path("direction").asString()).isEqualTo("OUTBOUND");
        assertThat(message.path("dataType").asString()).isEqualTo("template");
        assertThat(message.path("source").path("sourceType").asString()).isEqualTo("TEMPLATE_API");
        assertThat(message.path("context").path("contactIdentifier").asString()).isEqualTo(CUSTOMER);
        assertThat(message.path("context").path("messageTemplateId").asString())
                .isEqualTo(templateId(c, SandboxTemplates.ORDER_UPDATE, "en_US"));
        assertThat(message.path("text").asString())
                .isEqualTo("Hi Asha, your order #1234 has shipped and will arrive on Monday.");
        assertThat(message.path("plugin").asString()).isEqualTo(c.pluginId());

        OutboxEntry entry = meta.outbox(c.phoneNumberId()).getFirst();
        assertThat(entry.wamid()).isEqualTo(message.path("externalId").asString());
        assertThat(entry.waId()).isEqualTo(CUSTOMER);
        JsonNode template = lastTemplateSent(c);
        assertThat(template.path("name").asString()).isEqualTo("order_update");
        assertThat(template.path("language").path("code").asString()).isEqualTo("en_US");
        assertThat(component(template, "body").path("parameters").findValuesAsString("text"))
                .containsExactly("Asha", "#1234", "Monday");
        assertThat(component(template, "body").path("parameters").get(0).has("parameter_name"))
                .isFalse();
    }

    @Test
    void namedBodyVariablesCarryTheirParameterName() {
        Connected c = connect();
        seed(
                c,
                TemplateSpec.approved("order_confirmation", "en_US", "UTILITY", """
                [{"type": "BODY", "text": "Hi {{first_name}}, order {{order_number}} is confirmed.",
                  "example": {"body_text_named_params": [{"param_name": "first_name", "example": "Jo"},
                                                         {"param_name": "order_number", "example": "A1"}]}}]""")
                        .named());
        Reply sent = send(
                c,
                body(c, "order_confirmation", "mapping", mapping("order_number", "SKBUP2", "first_name", "Jessica")));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(sent.data().path("text").asString()).isEqualTo("Hi Jessica, order SKBUP2 is confirmed.");
        JsonNode parameters = component(lastTemplateSent(c), "body").path("parameters");
        assertThat(parameters).hasSize(2);
        assertThat(parameters.get(0).path("parameter_name").asString()).isEqualTo("first_name");
        assertThat(parameters.get(0).path("text").asString()).isEqualTo("Jessica");
        assertThat(parameters.get(1).path("parameter_name").asString()).isEqualTo("order_number");
    }

    @Test
    void imageHeaderAndASingleUrlButtonNamedOne() {
        Connected c = connect();
        meta.seedSandboxTemplates(c.wabaId());
        Reply sent = send(
                c,
                body(
                        c,
                        SandboxTemplates.SEASONAL_PROMO,
                        "imageUrl",
                        "https://cdn.example.com/sale.jpg",
                        "mapping",
                        mapping("1", "Asha", "2", "25%"),
                        "buttonMapping",
                        mapping("1", "summer")));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        JsonNode template = lastTemplateSent(c);
        JsonNode header = component(template, "header").path("parameters").get(0);
        assertThat(header.path("type").asString()).isEqualTo("image");
        assertThat(header.path("image").path("link").asString()).isEqualTo("https://cdn.example.com/sale.jpg");
        JsonNode url = button(template, "0");
        assertThat(url.path("sub_type").asString()).isEqualTo("url");
        assertThat(url.path("parameters").get(0).path("text").asString()).isEqualTo("summer");

        Reply byIndex = send(
                c,
                body(
                        c,
                        SandboxTemplates.SEASONAL_PROMO,
                        "imageUrl",
                        "https://cdn.example.com/a.png",
                        "mapping",
                        mapping("1", "Asha", "2", "25%"),
                        "buttonMapping",
                        mapping("0", "winter")));
        assertThat(byIndex.status()).as(byIndex.toString()).isEqualTo(200);
        assertThat(button(lastTemplateSent(c), "0")
                        .path("parameters")
                        .get(0)
                        .path("text")
                        .asString())
                .isEqualTo("winter");

        Reply noImage = send(
                c,
                body(
                        c,
                        SandboxTemplates.SEASONAL_PROMO,
                        "mapping",
                        mapping("1", "Asha", "2", "25%"),
                        "buttonMapping",
                        mapping("0", "winter")));
        assertThat(noImage.status()).as(noImage.toString()).isEqualTo(400);
        assertThat(noImage.firstError())
                .isEqualTo("'imageUrl' is required: template '" + SandboxTemplates.SEASONAL_PROMO
                        + "' (en_US) has an IMAGE header");
    }

    @Test
    void videoAndDocumentHeadersTakeTheirUrlAndTheDocumentItsFilename() {
        Connected c = connect();
        seed(c, TemplateSpec.approved("promo_video", "en_US", "MARKETING", """
                [{"type": "HEADER", "format": "VIDEO", "example": {"header_handle": ["4::dmlkZW8=:ARb"]}},
                 {"type": "BODY", "text": "Watch this."}]"""));
        seed(c, TemplateSpec.approved("invoice", "en_US", "UTILITY", """
                [{"type": "HEADER", "format": "DOCUMENT", "example": {"header_handle": ["4::cGRm:ARb"]}},
                 {"type": "BODY", "text": "Your invoice {{1}}."}]"""));
        Reply video = send(c, body(c, "promo_video", "videoUrl", "https://cdn.example.com/v.mp4"));
        assertThat(video.status()).as(video.toString()).isEqualTo(200);
        JsonNode header =
                component(lastTemplateSent(c), "header").path("parameters").get(0);
        assertThat(header.path("type").asString()).isEqualTo("video");
        assertThat(header.path("video").path("link").asString()).isEqualTo("https://cdn.example.com/v.mp4");

        Reply document = send(
                c,
                body(
                        c,
                        "invoice",
                        "documentUrl",
                        "https://cdn.example.com/i.pdf",
                        "filename",
                        "INV-7.pdf",
                        "mapping",
                        mapping("1", "INV-7")));
        assertThat(document.status()).as(document.toString()).isEqualTo(200);
        header = component(lastTemplateSent(c), "header").path("parameters").get(0);
        assertThat(header.path("type").asString()).isEqualTo("document");
        assertThat(header.path("document").path("link").asString()).isEqualTo("https://cdn.example.com/i.pdf");
        assertThat(header.path("document").path("filename").asString()).isEqualTo("INV-7.pdf");

        Reply noUrl = send(c, body(c, "promo_video", "imageUrl", "https://cdn.example.com/wrong-kind.jpg"));
        assertThat(noUrl.status()).as(noUrl.toString()).isEqualTo(400);
        assertThat(noUrl.firstError()).contains("videoUrl").contains("promo_video");
    }

    @Test
    void locationHeaderTakesTheLocationFields() {
        Connected c = connect();
        seed(c, TemplateSpec.approved("store_location", "en_US", "UTILITY", """
                [{"type": "HEADER", "format": "LOCATION"}, {"type": "BODY", "text": "Find us here, {{1}}."}]"""));
        Reply sent = send(
                c,
                body(
                        c,
                        "store_location",
                        "locationLatitude",
                        37.44211676562361,
                        "locationLongitude",
                        "-122.16155960083124",
                        "locationName",
                        "Philz Coffee",
                        "locationAddress",
                        "101 Forest Ave, Palo Alto",
                        "mapping",
                        mapping("1", "Asha")));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        JsonNode location =
                component(lastTemplateSent(c), "header").path("parameters").get(0);
        assertThat(location.path("type").asString()).isEqualTo("location");
        assertThat(location.path("location").path("latitude").asString()).isEqualTo("37.44211676562361");
        assertThat(location.path("location").path("longitude").asString()).isEqualTo("-122.16155960083124");
        assertThat(location.path("location").path("name").asString()).isEqualTo("Philz Coffee");
        assertThat(location.path("location").path("address").asString()).isEqualTo("101 Forest Ave, Palo Alto");

        Reply missing = send(
                c,
                body(
                        c,
                        "store_location",
                        "locationLatitude",
                        0,
                        "locationLongitude",
                        0,
                        "mapping",
                        mapping("1", "Asha")));
        assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
        assertThat(missing.firstError()).contains("locationLatitude").contains("LOCATION");
    }

    @Test
    void copyCodeButtonTakesTheOtpCodeOrItsButtonMapping() {
        Connected c = connect();
        seed(c, TemplateSpec.approved("coupon", "en_US", "MARKETING", """
                [{"type": "BODY", "text": "Your coupon is ready."},
                 {"type": "BUTTONS", "buttons": [{"type": "QUICK_REPLY", "text": "Stop"},
                                                 {"type": "COPY_CODE", "example": "250FF"}]}]"""));
        Reply byOtp = send(c, body(c, "coupon", "otpCode", "250FF"));
        assertThat(byOtp.status()).as(byOtp.toString()).isEqualTo(200);
        JsonNode copy = button(lastTemplateSent(c), "1");
        assertThat(copy.path("sub_type").asString()).isEqualTo("copy_code");
        assertThat(copy.path("parameters").get(0).path("type").asString()).isEqualTo("coupon_code");
        assertThat(copy.path("parameters").get(0).path("coupon_code").asString())
                .isEqualTo("250FF");

        Reply byMapping = send(c, body(c, "coupon", "buttonMapping", mapping("1", "SAVE10", "0", "stop-payload")));
        assertThat(byMapping.status()).as(byMapping.toString()).isEqualTo(200);
        JsonNode template = lastTemplateSent(c);
        assertThat(button(template, "1")
                        .path("parameters")
                        .get(0)
                        .path("coupon_code")
                        .asString())
                .isEqualTo("SAVE10");
        assertThat(button(template, "0").path("sub_type").asString()).isEqualTo("quick_reply");
        assertThat(button(template, "0")
                        .path("parameters")
                        .get(0)
                        .path("payload")
                        .asString())
                .isEqualTo("stop-payload");

        Reply none = send(c, body(c, "coupon"));
        assertThat(none.status()).as(none.toString()).isEqualTo(400);
        assertThat(none.firstError()).contains("buttonMapping").contains("COPY_CODE");
    }

    @Test
    void authenticationTemplateGetsTheOtpCodeInBodyAndButton() {
        Connected c = connect();
        meta.seedSandboxTemplates(c.wabaId());
        Reply sent = send(c, body(c, SandboxTemplates.VERIFICATION_CODE, "otpCode", "483920"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(sent.data().path("text").asString()).isEqualTo("*483920* is your verification code.");
        JsonNode template = lastTemplateSent(c);
        assertThat(component(template, "body")
                        .path("parameters")
                        .get(0)
                        .path("text")
                        .asString())
                .isEqualTo("483920");
        JsonNode otp = button(template, "0");
        assertThat(otp.path("sub_type").asString()).isEqualTo("url");
        assertThat(otp.path("parameters").get(0).path("text").asString()).isEqualTo("483920");

        Reply noCode = send(c, body(c, SandboxTemplates.VERIFICATION_CODE, "otpCode", ""));
        assertThat(noCode.status()).as(noCode.toString()).isEqualTo(400);
        assertThat(noCode.firstError()).contains("otpCode");
    }

    @Test
    void aTemplateWithoutVariablesNeedsNoMapping() {
        Connected c = connect();
        meta.seedSandboxTemplates(c.wabaId());
        Reply sent = send(c, body(c, SandboxTemplates.HELLO_WORLD));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(lastTemplateSent(c).has("components")).isFalse();
        assertThat(sent.data().path("text").asString()).startsWith("Welcome and congratulations!!");
    }

    // ---------------------------------------------------------------- language

    @Test
    void withoutALanguageTheOnlyApprovedOneElseEnUsElseTheFirstApproved() {
        Connected c = connect();
        String body = "[{\"type\": \"BODY\", \"text\": \"Hello\"}]";
        seed(c, TemplateSpec.approved("only_one", "es", "UTILITY", body));
        seed(c, TemplateSpec.approved("only_one", "en_US", "UTILITY", body).withStatus("REJECTED"));
        seed(c, TemplateSpec.approved("several", "es", "UTILITY", body));
        seed(c, TemplateSpec.approved("several", "en_US", "UTILITY", body));
        seed(c, TemplateSpec.approved("several", "de", "UTILITY", body));
        seed(c, TemplateSpec.approved("no_english", "pt_BR", "UTILITY", body));
        seed(c, TemplateSpec.approved("no_english", "fr", "UTILITY", body));

        assertThat(send(c, body(c, "only_one")).status()).isEqualTo(200);
        assertThat(lastTemplateSent(c).path("language").path("code").asString()).isEqualTo("es");
        assertThat(send(c, body(c, "several")).status()).isEqualTo(200);
        assertThat(lastTemplateSent(c).path("language").path("code").asString()).isEqualTo("en_US");
        assertThat(send(c, body(c, "no_english", "language", "")).status()).isEqualTo(200);
        assertThat(lastTemplateSent(c).path("language").path("code").asString()).isEqualTo("fr");
    }

    @Test
    void languageCodeIsAnAliasOfLanguage() {
        Connected c = connect();
        String body = "[{\"type\": \"BODY\", \"text\": \"Hola {{1}}\"}]";
        seed(c, TemplateSpec.approved("greeting", "es", "UTILITY", body));
        seed(c, TemplateSpec.approved("greeting", "en_US", "UTILITY", body));
        Reply sent = send(c, body(c, "greeting", "languageCode", "es", "mapping", mapping("1", "Ana")));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(lastTemplateSent(c).path("language").path("code").asString()).isEqualTo("es");
        Reply dashed = send(c, body(c, "greeting", "language", "en-US", "mapping", mapping("1", "Ann")));
        assertThat(dashed.status()).as(dashed.toString()).isEqualTo(200);
        assertThat(lastTemplateSent(c).path("language").path("code").asString()).isEqualTo("en_US");
        Reply both = send(c, body(c, "greeting", "language", "es", "languageCode", "en_US"));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.firstError()).contains("languageCode");
    }

    @Test
    void emptyStringsAndZerosOfUnusedFieldsAreTolerated() {
        Connected c = connect();
        meta.seedSandboxTemplates(c.wabaId());
        Reply sent = send(
                c,
                body(
                        c,
                        SandboxTemplates.ORDER_UPDATE,
                        "language",
                        "en_US",
                        "mapping",
                        mapping("1", "Asha", "2", "#1", "3", "today"),
                        "headerMapping",
                        "",
                        "buttonMapping",
                        List.of(),
                        "imageUrl",
                        "",
                        "videoUrl",
                        "",
                        "documentUrl",
                        "",
                        "filename",
                        "",
                        "locationLatitude",
                        0,
                        "locationLongitude",
                        0,
                        "locationName",
                        "",
                        "locationAddress",
                        "",
                        "otpCode",
                        ""));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(lastTemplateSent(c).path("components")).hasSize(1);
    }

    // ---------------------------------------------------------------- refusals

    @Test
    void aMissingVariableIsA400ListingEveryMissingName() {
        Connected c = connect();
        meta.seedSandboxTemplates(c.wabaId());
        int before = meta.outbox(c.phoneNumberId()).size();
        Reply sent = send(c, body(c, SandboxTemplates.ORDER_UPDATE, "mapping", mapping("1", "Asha", "3", " ")));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(400);
        assertThat(sent.firstError())
                .contains("order_update")
                .contains("{{2}}")
                .contains("{{3}}")
                .doesNotContain("{{1}}");
        assertThat(sent.json().path("_errorDetails").get(0).path("field").asString())
                .isEqualTo("mapping");
        assertThat(meta.outbox(c.phoneNumberId())).hasSize(before);
    }

    @Test
    void anExtraVariableIsA400() {
        Connected c = connect();
        meta.seedSandboxTemplates(c.wabaId());
        Reply sent = send(
                c,
                body(
                        c,
                        SandboxTemplates.ORDER_UPDATE,
                        "mapping",
                        mapping("1", "a", "2", "b", "3", "c", "4", "d", "nickname", "e")));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(400);
        assertThat(sent.firstError()).contains("4").contains("nickname");
        Reply header = send(c, body(c, SandboxTemplates.HELLO_WORLD, "headerMapping", mapping("1", "x")));
        assertThat(header.status()).as(header.toString()).isEqualTo(400);
        assertThat(header.firstError()).contains("headerMapping");
        Reply button = send(c, body(c, SandboxTemplates.HELLO_WORLD, "buttonMapping", mapping("0", "x")));
        assertThat(button.status()).as(button.toString()).isEqualTo(400);
        assertThat(button.firstError()).contains("buttonMapping");
    }

    @Test
    void anUnknownTemplateIsA400NamingTemplateAndLanguage() {
        Connected c = connect();
        meta.seedSandboxTemplates(c.wabaId());
        Reply unknown = send(c, body(c, "no_such_template", "language", "en_US"));
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
        assertThat(unknown.firstError()).contains("no_such_template").contains("en_US");
        Reply wrongLanguage = send(c, body(c, SandboxTemplates.HELLO_WORLD, "language", "fr"));
        assertThat(wrongLanguage.status()).isEqualTo(400);
        assertThat(wrongLanguage.firstError()).contains("hello_world").contains("fr");
    }

    @Test
    void aTemplateNotApprovedIsA400() {
        Connected c = connect();
        String body = "[{\"type\": \"BODY\", \"text\": \"Hello\"}]";
        seed(c, TemplateSpec.approved("rejected_one", "en_US", "UTILITY", body).withStatus("REJECTED"));
        seed(c, TemplateSpec.approved("paused_one", "en_US", "UTILITY", body).withStatus("PAUSED"));
        Reply rejected = send(c, body(c, "rejected_one", "language", "en_US"));
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(400);
        assertThat(rejected.firstError())
                .contains("rejected_one")
                .contains("en_US")
                .contains("REJECTED");
        Reply paused = send(c, body(c, "paused_one"));
        assertThat(paused.status()).as(paused.toString()).isEqualTo(400);
        assertThat(paused.firstError()).contains("paused_one").contains("PAUSED");
        assertThat(meta.outbox(c.phoneNumberId())).isEmpty();
    }

    @Test
    void aTemplateMadeAfterTheCacheWasFilledIsFoundByRefreshingIt() {
        Connected c = connect();
        meta.seedSandboxTemplates(c.wabaId());
        assertThat(send(c, body(c, SandboxTemplates.HELLO_WORLD)).status()).isEqualTo(200);
        seed(c, TemplateSpec.approved("brand_new", "en_US", "UTILITY", "[{\"type\": \"BODY\", \"text\": \"New\"}]"));
        Reply sent = send(c, body(c, "brand_new"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
    }

    @Test
    void metasRefusalIsRelayedAndTheMessageRecordedAsFailed() {
        Connected c = connect();
        meta.seedSandboxTemplates(c.wabaId());
        meta.failNext(Route.SEND_MESSAGE, 1, MetaError.of(131026, "Message undeliverable"));
        Reply refused = send(c, body(c, SandboxTemplates.HELLO_WORLD));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().path("error").path("code").asInt()).isEqualTo(131026);
        assertThat(refused.json().path("_errorDetails").get(0).path("metaCode").asInt())
                .isEqualTo(131026);
        assertThat(refused.firstError()).contains("131026");
        assertThat(jdbc.sql(
                                "SELECT delivery_status FROM chat_message WHERE team_id = :team AND source_type = 'TEMPLATE_API'"
                                        + " ORDER BY created_at DESC LIMIT 1")
                        .param("team", c.team().id())
                        .query(String.class)
                        .single())
                .isEqualTo("FAILED");

        meta.failNext(Route.SEND_MESSAGE, 1, MetaError.of(132001, "template name (hello_world) does not exist"));
        Reply notFound = send(c, body(c, SandboxTemplates.HELLO_WORLD));
        assertThat(notFound.status()).as(notFound.toString()).isEqualTo(404);
        assertThat(notFound.json().path("error").path("code").asInt()).isEqualTo(132001);
    }

    @Test
    void badBodiesAndPathsNameTheField() {
        Connected c = connect();
        Reply empty = send(c, obj());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.raw()).contains("whatsappPhoneNumberId").contains("templateName");
        Reply badTypes = send(
                c,
                body(
                        c,
                        "x",
                        "mapping",
                        "nope",
                        "imageUrl",
                        "not a url",
                        "locationLatitude",
                        91,
                        "headerMapping",
                        List.of(obj("schemaPropertyValue", "v")),
                        "otpCode",
                        List.of(1)));
        assertThat(badTypes.status()).isEqualTo(400);
        assertThat(badTypes.raw())
                .contains("'mapping'")
                .contains("imageUrl")
                .contains("locationLatitude")
                .contains("headerMapping[0].schemaPropertyName")
                .contains("otpCode");
        Reply twice = send(c, body(c, "x", "mapping", mapping("1", "a", "1", "b")));
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.firstError()).contains("twice");
        Reply badPhone = send(c, "12", body(c, "x"));
        assertThat(badPhone.status()).isEqualTo(400);
        assertThat(badPhone.firstError()).contains("phone");
        Reply otherNumber = send(c, obj("whatsappPhoneNumberId", "123", "templateName", "x"));
        assertThat(otherNumber.status()).isEqualTo(404);
        meta.seedSandboxTemplates(c.wabaId());
        Reply processReference = send(
                c,
                body(
                        c,
                        SandboxTemplates.ORDER_UPDATE,
                        "mapping",
                        mapping("1", "{{process.data.name}}", "2", "b", "3", "c")));
        assertThat(processReference.status()).isEqualTo(400);
        assertThat(processReference.firstError()).contains("process");
    }

    @Test
    void anotherTeamCanNeitherSendThroughThePluginNorWithItsNumber() {
        Connected owner = connect();
        meta.seedSandboxTemplates(owner.wabaId());
        Connected other = connect();
        String path = "/v1/ext/plugin/whatsapp/" + owner.pluginId() + "/phoneNumber/9811122233/send-template-message";
        Reply foreign = api().post(path, other.team().adminToken(), body(owner, SandboxTemplates.HELLO_WORLD));
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);
        Reply foreignNumber = send(other, body(owner, SandboxTemplates.HELLO_WORLD));
        assertThat(foreignNumber.status()).as(foreignNumber.toString()).isEqualTo(404);
        assertThat(meta.outbox(owner.phoneNumberId())).isEmpty();
        String agent = newKey(owner.team(), "agent");
        Reply asAgent = api().post(path, agent, body(owner, SandboxTemplates.HELLO_WORLD));
        assertThat(asAgent.status()).as(asAgent.toString()).isEqualTo(200);
    }

    private String templateId(Connected c, String name, String language) {
        return cache.find(c.team().id(), c.wabaId(), name, language)
                .orElseThrow()
                .id();
    }
}
