package org.openchakra.metasim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Template management (spec 3) and send-time template checks (spec 1.7, 8.4). */
class TemplatesTest extends SimulatorFixture {

    private static final String TEMPLATES = V + "/" + WABA + "/message_templates";
    private static final String SEASONAL = """
      {"category": "MARKETING", "language": "en", "name": "seasonal_promotion_text_only", "components": [
        {"example": {"header_text": ["Summer Sale"]}, "format": "TEXT", "text": "Our {{1}} is on!", "type": "HEADER"},
        {"example": {"body_text": [["the end of August", "25OFF", "25%"]]}, "text": "Shop now through {{1}} and use code {{2}} to get {{3}} off of all merchandise.", "type": "BODY"},
        {"text": "Use the buttons below to manage your marketing subscriptions", "type": "FOOTER"},
        {"buttons": [{"text": "Unsubcribe from Promos", "type": "QUICK_REPLY"}, {"text": "Unsubscribe from All", "type": "QUICK_REPLY"}], "type": "BUTTONS"}]}""";

    private GraphClient.Answer sendTemplate(String template) {
        return send(envelope("template", template));
    }

    @Test
    void createdTemplatesArePendingThenApprovedWithAStatusWebhook() {
        GraphClient.Answer created = graph.postJson(TEMPLATES, SEASONAL);
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        assertThat(created.json().path("status").asString()).isEqualTo("PENDING");
        assertThat(created.json().path("category").asString()).isEqualTo("MARKETING");
        String id = created.json().path("id").asString();
        assertThat(id).matches("[0-9]+");

        await().atMost(Duration.ofSeconds(5))
                .until(() -> graph.get(V + "/" + id + "?fields=status")
                        .json()
                        .path("status")
                        .asString()
                        .equals("APPROVED"));
        assertThat(graph.get(V + "/" + id + "?fields=status").json().toString())
                .isEqualTo("{\"status\":\"APPROVED\",\"id\":\"" + id + "\"}");

        await().atMost(Duration.ofSeconds(5))
                .until(() -> receiver.values("message_template_status_update").size() == 2);
        List<JsonNode> events = receiver.values("message_template_status_update");
        assertThat(events).extracting(v -> v.path("event").asString()).containsExactly("PENDING", "APPROVED");
        JsonNode approved = events.get(1);
        assertThat(approved.path("message_template_id").isIntegralNumber()).isTrue();
        assertThat(approved.path("message_template_id").asLong()).isEqualTo(Long.parseLong(id));
        assertThat(approved.path("message_template_name").asString()).isEqualTo("seasonal_promotion_text_only");
        assertThat(approved.path("reason").asString()).isEqualTo("NONE");
        JsonNode entry = receiver.received().getLast().json().path("entry").get(0);
        assertThat(entry.path("time").isIntegralNumber()).isTrue();

        GraphClient.Answer sent = sendTemplate("{\"name\": \"seasonal_promotion_text_only\", \"language\": {\"code\":"
                + " \"en\"}, \"components\": [{\"type\": \"header\", \"parameters\": [{\"type\": \"text\", \"text\": \"Sale\"}]},"
                + " {\"type\": \"body\", \"parameters\": [{\"type\": \"text\", \"text\": \"Friday\"}, {\"type\": \"text\","
                + " \"text\": \"X\"}, {\"type\": \"text\", \"text\": \"10%\"}]}]}");
        assertThat(sent.status()).as(sent.text()).isEqualTo(200);
    }

    @Test
    void rejectedReviewsCarryReasonAndRejectionInfo() {
        sim.switches().templateReviewOutcome(TemplateReviewOutcome.REJECT);
        String id = graph.postJson(TEMPLATES, SEASONAL).json().path("id").asString();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> receiver.values("message_template_status_update").size() == 2);
        JsonNode rejected = receiver.values("message_template_status_update").get(1);
        assertThat(rejected.path("event").asString()).isEqualTo("REJECTED");
        assertThat(rejected.path("reason").asString()).isEqualTo("INVALID_FORMAT");
        assertThat(rejected.path("rejection_info").path("recommendation").asString())
                .isNotBlank();
        assertThat(graph.get(V + "/" + id).json().path("status").asString()).isEqualTo("REJECTED");

        GraphClient.Answer send =
                sendTemplate("{\"name\": \"seasonal_promotion_text_only\", \"language\":" + " {\"code\": \"en\"}}");
        assertThat(send.status()).isEqualTo(404);
        assertThat(send.code()).isEqualTo(132001);
    }

    @Test
    void creationRulesAnswerCode100() {
        assertThat(graph.postJson(TEMPLATES, SEASONAL.replace("seasonal_promotion_text_only", "Bad Name"))
                        .code())
                .isEqualTo(100);
        GraphClient.Answer duplicate = graph.postJson(
                TEMPLATES,
                SEASONAL.replace("seasonal_promotion_text_only", "hello_world").replace("\"en\"", "\"en_US\""));
        assertThat(duplicate.error().path("error_subcode").asInt()).isEqualTo(2388024);
        GraphClient.Answer longFooter =
                graph.postJson(TEMPLATES, SEASONAL.replace("Use the buttons below", "x".repeat(61)));
        assertThat(longFooter.error().path("error_subcode").asInt()).isEqualTo(2388040);
        GraphClient.Answer badCategory = graph.postJson(TEMPLATES, SEASONAL.replace("MARKETING", "PROMO"));
        assertThat(badCategory.code()).isEqualTo(100);
    }

    @Test
    void listPagesWithCursorsAndFiltersByStatus() {
        sim.seedTemplate(
                WABA,
                TemplateSpec.approved("extra_one", "en_US", "UTILITY", "[{\"type\": \"BODY\"," + " \"text\": \"One\"}]")
                        .withStatus("REJECTED"));
        GraphClient.Answer first = graph.get(TEMPLATES + "?limit=2&fields=name,category,status");
        assertThat(first.status()).isEqualTo(200);
        JsonNode body = first.json();
        assertThat(body.path("data")).hasSize(2);
        assertThat(body.path("data").get(0).propertyNames())
                .containsExactlyInAnyOrder("name", "category", "status", "id");
        String next = body.path("paging").path("next").asString();
        assertThat(next).startsWith(sim.baseUrl() + "/v23.0/" + WABA + "/message_templates?");

        List<String> names = new ArrayList<>();
        body.path("data").forEach(t -> names.add(t.path("name").asString()));
        String after = body.path("paging").path("cursors").path("after").asString();
        while (after != null) {
            JsonNode page = graph.get(TEMPLATES + "?limit=2&after=" + after).json();
            page.path("data").forEach(t -> names.add(t.path("name").asString()));
            after = page.path("paging").has("next")
                    ? page.path("paging").path("cursors").path("after").asString()
                    : null;
        }
        assertThat(names)
                .containsExactlyInAnyOrder(
                        "hello_world", "order_update", "seasonal_promo", "verification_code", "extra_one");

        JsonNode approved = graph.get(TEMPLATES + "?status=approved").json();
        assertThat(approved.path("data")).hasSize(4);
        JsonNode full = graph.get(TEMPLATES + "?name=hello").json().path("data").get(0);
        assertThat(full.path("parameter_format").asString()).isEqualTo("POSITIONAL");
        assertThat(full.path("components").isArray()).isTrue();
        assertThat(full.path("language").asString()).isEqualTo("en_US");
    }

    @Test
    void deleteByNameRemovesEveryLanguageAndByHsmIdOnlyOne() {
        sim.seedTemplate(
                WABA,
                TemplateSpec.approved(
                        "order_update", "es_MX", "UTILITY", "[{\"type\": \"BODY\", \"text\": \"Hola {{1}}\"}]"));
        String french = sim.seedTemplate(
                WABA,
                TemplateSpec.approved(
                        "order_update", "fr", "UTILITY", "[{\"type\": \"BODY\", \"text\": \"Salut {{1}}\"}]"));

        GraphClient.Answer one = graph.delete(TEMPLATES + "?name=order_update&hsm_id=" + french);
        assertThat(one.json().path("success").asBoolean()).isTrue();
        assertThat(graph.get(TEMPLATES + "?name=order_update").json().path("data"))
                .hasSize(2);

        graph.delete(TEMPLATES + "?name=order_update");
        assertThat(graph.get(TEMPLATES + "?name=order_update").json().path("data"))
                .isEmpty();
        assertThat(graph.get(V + "/" + french).code()).isEqualTo(100);

        GraphClient.Answer reuse = graph.postJson(
                TEMPLATES,
                "{\"name\": \"order_update\", \"language\": \"en_US\","
                        + " \"category\": \"UTILITY\", \"components\": [{\"type\": \"BODY\", \"text\": \"x\"}]}");
        assertThat(reuse.code()).as("approved names are blocked for 30 days").isEqualTo(100);
        clock.advance(Duration.ofDays(31));
        assertThat(graph.postJson(
                                TEMPLATES,
                                "{\"name\": \"order_update\", \"language\": \"en_US\", \"category\":"
                                        + " \"UTILITY\", \"components\": [{\"type\": \"BODY\", \"text\": \"x\"}]}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void editReplacesComponentsAndReentersReviewOncePerDay() {
        String id = sim.templateStatus(WABA, "hello_world", "en_US")
                .map(s -> graph.get(TEMPLATES + "?name=hello_world")
                        .json()
                        .path("data")
                        .get(0)
                        .path("id")
                        .asString())
                .orElseThrow();
        GraphClient.Answer edit = graph.postJson(
                V + "/" + id, "{\"components\": [{\"type\": \"BODY\", \"text\":" + " \"Hello {{1}}\"}]}");
        assertThat(edit.json().path("success").asBoolean()).isTrue();
        // The review is asynchronous (30 ms here): check the transitions by their webhooks, not by racing a GET.
        await().atMost(Duration.ofSeconds(5))
                .until(() -> receiver.values("message_template_status_update").stream()
                        .filter(v -> v.path("message_template_id").asString().equals(id))
                        .map(v -> v.path("event").asString())
                        .toList()
                        .equals(List.of("PENDING", "APPROVED")));
        assertThat(graph.get(V + "/" + id).json().path("components")).hasSize(1);

        GraphClient.Answer again =
                graph.postJson(V + "/" + id, "{\"components\": [{\"type\": \"BODY\", \"text\":" + " \"Hi {{1}}\"}]}");
        assertThat(again.code()).as("one edit per 24 h for approved templates").isEqualTo(100);
        GraphClient.Answer category = graph.postJson(V + "/" + id, "{\"category\": \"MARKETING\"}");
        assertThat(category.code()).isEqualTo(100);
    }

    @Test
    void parameterCountMismatchIs132000WithMetasDetails() {
        GraphClient.Answer answer = sendTemplate(
                "{\"name\": \"order_update\", \"language\": {\"code\": \"en_US\"},"
                        + " \"components\": [{\"type\": \"body\", \"parameters\": [{\"type\": \"text\", \"text\": \"Pablo\"}]}]}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.error().path("message").asString())
                .isEqualTo("(#132000) Number of parameters does not match the expected number of params");
        assertThat(answer.error().path("error_data").path("details").asString())
                .isEqualTo("body: number of localizable_params (1) does not match the expected number of params (3)");
    }

    @Test
    void unknownLanguageIs132001With404() {
        GraphClient.Answer answer = sendTemplate("{\"name\": \"hello_world\", \"language\": {\"code\": \"es_MX\"}}");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.error().path("message").asString())
                .isEqualTo("(#132001) Template name does not exist in the translation");
        assertThat(answer.error().path("error_data").path("details").asString())
                .isEqualTo("template name (hello_world) does not exist in es_MX");
    }

    @Test
    void mediaHeaderAndUrlButtonAreChecked() {
        String ok = "{\"name\": \"seasonal_promo\", \"language\": {\"code\": \"en_US\"}, \"components\": ["
                + "{\"type\": \"header\", \"parameters\": [{\"type\": \"image\", \"image\": {\"link\": \"https://e.com/a.jpg\"}}]},"
                + "{\"type\": \"body\", \"parameters\": [{\"type\": \"text\", \"text\": \"Pablo\"}, {\"type\": \"text\","
                + " \"text\": \"25%\"}]},"
                + "{\"type\": \"button\", \"sub_type\": \"url\", \"index\": 0, \"parameters\": [{\"type\": \"text\", \"text\":"
                + " \"summer\"}]}]}";
        assertThat(sendTemplate(ok).status()).isEqualTo(200);

        GraphClient.Answer wrongHeader =
                sendTemplate(ok.replace("{\"type\": \"image\", \"image\"", "{\"type\": \"video\", \"video\""));
        assertThat(wrongHeader.code()).isEqualTo(132012);
        assertThat(wrongHeader.error().path("error_data").path("details").asString())
                .isEqualTo("header: Format mismatch, expected IMAGE, received VIDEO");

        GraphClient.Answer noButton = sendTemplate(ok.substring(0, ok.indexOf(",{\"type\": \"button\"")) + "]}");
        assertThat(noButton.code()).isEqualTo(131008);

        GraphClient.Answer noHeader = sendTemplate(
                ok.replace(ok.substring(ok.indexOf("{\"type\": \"header\""), ok.indexOf("{\"type\": \"body\"")), ""));
        assertThat(noHeader.code()).isEqualTo(131008);
    }

    @Test
    void authenticationTemplateNeedsTheCodeInBodyAndButton() {
        String ok = "{\"name\": \"verification_code\", \"language\": {\"code\": \"en_US\"}, \"components\": ["
                + "{\"type\": \"body\", \"parameters\": [{\"type\": \"text\", \"text\": \"123456\"}]},"
                + "{\"type\": \"button\", \"sub_type\": \"url\", \"index\": \"0\", \"parameters\": [{\"type\": \"text\","
                + " \"text\": \"123456\"}]}]}";
        GraphClient.Answer sent = sendTemplate(ok);
        assertThat(sent.status()).as(sent.text()).isEqualTo(200);
        String wamid = sent.json().path("messages").get(0).path("id").asString();
        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.statusObject(wamid, "sent") != null);
        assertThat(receiver.statusObject(wamid, "sent")
                        .path("pricing")
                        .path("category")
                        .asString())
                .isEqualTo("authentication");
    }

    @Test
    void pausedAndDisabledTemplatesAreRefused() {
        sim.setTemplateStatus(WABA, "hello_world", "en_US", "PAUSED", "NONE");
        String hello = "{\"name\": \"hello_world\", \"language\": {\"code\": \"en_US\"}}";
        assertThat(sendTemplate(hello).code()).isEqualTo(132015);
        sim.setTemplateStatus(WABA, "hello_world", "en_US", "DISABLED", "NONE");
        assertThat(sendTemplate(hello).code()).isEqualTo(132016);
        assertThat(graph.delete(TEMPLATES + "?name=hello_world").code())
                .as("disabled can't be deleted")
                .isEqualTo(100);
    }

    @Test
    void namedTemplatesNeedParameterNames() {
        sim.seedTemplate(
                WABA,
                TemplateSpec.approved(
                                "order_confirmation",
                                "en_US",
                                "UTILITY",
                                "[{\"type\": \"BODY\", \"text\": \"Thanks {{first_name}}, order {{order_number}} is confirmed.\"}]")
                        .named());
        String named =
                "{\"name\": \"order_confirmation\", \"language\": {\"code\": \"en_US\"}, \"components\": [{\"type\":"
                        + " \"body\", \"parameters\": [{\"type\": \"text\", \"parameter_name\": \"first_name\", \"text\": \"Jessica\"},"
                        + " {\"type\": \"text\", \"parameter_name\": \"order_number\", \"text\": \"SKBUP2-4CPIG9\"}]}]}";
        assertThat(sendTemplate(named).status()).isEqualTo(200);
        assertThat(sendTemplate(named.replace("\"parameter_name\": \"first_name\", ", ""))
                        .code())
                .isEqualTo(132012);
    }

    @Test
    void hydratedBodyLongerThan1024Is132005() {
        String big = "x".repeat(1000);
        GraphClient.Answer answer = sendTemplate("{\"name\": \"order_update\", \"language\": {\"code\": \"en_US\"},"
                + " \"components\": [{\"type\": \"body\", \"parameters\": [{\"type\": \"text\", \"text\": \"" + big
                + "\"},"
                + " {\"type\": \"text\", \"text\": \"1\"}, {\"type\": \"text\", \"text\": \"2\"}]}]}");
        assertThat(answer.code()).isEqualTo(132005);
    }

    @Test
    void pacedTemplatesAnswerMessageStatusAccepted() {
        sim.seedTemplate(
                WABA,
                TemplateSpec.approved(
                                "paced_promo", "en_US", "MARKETING", "[{\"type\": \"BODY\", \"text\": \"Sale!\"}]")
                        .pacedSends());
        GraphClient.Answer answer = sendTemplate("{\"name\": \"paced_promo\", \"language\": {\"code\": \"en_US\"}}");
        assertThat(answer.json().path("messages").get(0).path("message_status").asString())
                .isEqualTo("accepted");
    }
}
