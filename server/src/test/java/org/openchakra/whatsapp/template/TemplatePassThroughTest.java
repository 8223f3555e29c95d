package org.openchakra.whatsapp.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openchakra.support.Json.obj;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openchakra.metasim.SandboxTemplates;
import org.openchakra.metasim.TemplateSpec;
import org.openchakra.support.RawHttp;
import org.openchakra.support.Reply;
import org.openchakra.whatsapp.MetaSimulatorTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Templates pass-through (whatsapp.md §4): Meta's bodies unwrapped, paging links on OpenChakra, the cache kept. */
class TemplatePassThroughTest extends MetaSimulatorTest {

    private static final String BODY =
            "[{\"type\": \"BODY\", \"text\": \"Hello {{1}}\"," + " \"example\": {\"body_text\": [[\"Jo\"]]}}]";

    @Autowired
    private TemplateCache cache;

    private String templates(Connected c) {
        return "/v1/ext/plugin/whatsapp/api/v23.0/" + c.wabaId() + "/message_templates";
    }

    private static String template(String id) {
        return "/v1/ext/plugin/whatsapp/api/v23.0/" + id;
    }

    @Test
    void listingPagesAreMetasWithPagingLinksPointingAtOpenChakra() {
        Connected c = connect();
        for (String name : List.of("t_one", "t_two", "t_three", "t_four", "t_five")) {
            meta.seedTemplate(c.wabaId(), TemplateSpec.approved(name, "en_US", "UTILITY", BODY));
        }
        String self = api().baseUrl() + templates(c);
        Reply first =
                api().get(templates(c) + "?limit=2&status=APPROVED", c.team().adminToken());
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().has("_data")).isFalse();
        assertThat(first.json().path("data")).hasSize(2);
        assertThat(first.json().path("data").get(0).path("components").isArray())
                .isTrue();
        String next = first.json().path("paging").path("next").asString();
        assertThat(next)
                .startsWith(self + "?")
                .contains("limit=2")
                .contains("status=APPROVED")
                .contains("after=")
                .doesNotContain(meta.baseUrl())
                .doesNotContain("access_token");
        assertThat(first.json().path("paging").has("previous")).isFalse();
        assertThat(first.json().path("paging").path("cursors").path("after").isString())
                .isTrue();

        List<String> names = new ArrayList<>();
        first.json().path("data").forEach(t -> names.add(t.path("name").asString()));
        Reply page = first;
        String previous = null;
        while (page.json().path("paging").path("next").isString()) {
            page = api().get(
                            page.json()
                                    .path("paging")
                                    .path("next")
                                    .asString()
                                    .substring(api().baseUrl().length()),
                            c.team().adminToken());
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.json().path("data").forEach(t -> names.add(t.path("name").asString()));
            previous = page.json().path("paging").path("previous").asString();
            assertThat(previous).startsWith(self + "?").contains("before=").contains("status=APPROVED");
        }
        assertThat(names).containsExactlyInAnyOrder("t_one", "t_two", "t_three", "t_four", "t_five");
        Reply back =
                api().get(previous.substring(api().baseUrl().length()), c.team().adminToken());
        assertThat(back.status()).as(back.toString()).isEqualTo(200);
        assertThat(back.json().path("data")).hasSize(2);

        // Every template listed is cached, as Meta described it.
        CachedTemplate cached =
                cache.find(c.team().id(), c.wabaId(), "t_three", "en_US").orElseThrow();
        assertThat(cached.approved()).isTrue();
        assertThat(cached.components().get(0).path("text").asString()).isEqualTo("Hello {{1}}");
    }

    @Test
    void createIsPendingThenApprovedAndTheCacheFollowsAGet() {
        Connected c = connect();
        Reply created = api().post(
                        templates(c),
                        c.team().adminToken(),
                        obj(
                                "name",
                                "welcome_back",
                                "category",
                                "UTILITY",
                                "language",
                                "en_US",
                                "components",
                                List.of(obj(
                                        "type",
                                        "BODY",
                                        "text",
                                        "Welcome back {{1}}",
                                        "example",
                                        obj("body_text", List.of(List.of("Jo")))))));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String id = created.json().path("id").asString();
        assertThat(created.json().path("status").asString()).isEqualTo("PENDING");
        assertThat(created.json().path("category").asString()).isEqualTo("UTILITY");
        CachedTemplate pending =
                cache.find(c.team().id(), c.wabaId(), "welcome_back", "en_US").orElseThrow();
        assertThat(pending.id()).isEqualTo(id);
        assertThat(pending.status()).isEqualTo("PENDING");
        assertThat(pending.parameterFormat()).isEqualTo("POSITIONAL");
        assertThat(pending.components().get(0).path("text").asString()).isEqualTo("Welcome back {{1}}");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> meta.templateStatus(c.wabaId(), "welcome_back", "en_US")
                        .orElse("")
                        .equals("APPROVED"));
        assertThat(cache.find(c.team().id(), c.wabaId(), "welcome_back", "en_US")
                        .orElseThrow()
                        .status())
                .isEqualTo("PENDING");
        Reply read = api().get(template(id), c.team().adminToken());
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().path("status").asString()).isEqualTo("APPROVED");
        assertThat(read.json().path("name").asString()).isEqualTo("welcome_back");
        assertThat(cache.find(c.team().id(), c.wabaId(), "welcome_back", "en_US")
                        .orElseThrow()
                        .status())
                .isEqualTo("APPROVED");

        Reply statusOnly = api().get(template(id) + "?fields=status", c.team().adminToken());
        assertThat(statusOnly.status()).isEqualTo(200);
        assertThat(statusOnly.json().path("status").asString()).isEqualTo("APPROVED");
        assertThat(statusOnly.json().has("name")).isFalse();
    }

    /**
     * The README's own walk-through lists {@code ?fields=name,language,status}: such partial templates update only
     * what they carry, so Chakra template sends with variables keep working without waiting for a full listing.
     */
    @Test
    void aListingOfSomeFieldsUpdatesOnlyThoseFieldsOfTheCache() {
        Connected c = connect();
        meta.seedSandboxTemplates(c.wabaId());
        String token = c.team().adminToken();
        assertThat(api().get(templates(c), token).status()).isEqualTo(200);
        CachedTemplate whole = cache.find(c.team().id(), c.wabaId(), SandboxTemplates.ORDER_UPDATE, "en_US")
                .orElseThrow();
        assertThat(whole.components()).isNotEmpty();

        Reply partial = api().get(templates(c) + "?fields=name,language,status", token);
        assertThat(partial.status()).as(partial.toString()).isEqualTo(200);
        assertThat(partial.json().path("data").path(0).has("components")).isFalse();
        CachedTemplate after = cache.find(c.team().id(), c.wabaId(), SandboxTemplates.ORDER_UPDATE, "en_US")
                .orElseThrow();
        assertThat(after.components()).isEqualTo(whole.components());
        assertThat(after.category()).isEqualTo(whole.category()).isEqualTo("UTILITY");
        assertThat(after.parameterFormat()).isEqualTo(whole.parameterFormat());
        assertThat(after.status()).isEqualTo("APPROVED");
        sendOrderUpdate(c);

        // What a partial object does carry is taken in.
        meta.setTemplateStatus(c.wabaId(), SandboxTemplates.ORDER_UPDATE, "en_US", "PAUSED", null);
        assertThat(api().get(templates(c) + "?fields=name,language,status", token)
                        .status())
                .isEqualTo(200);
        CachedTemplate paused = cache.find(c.team().id(), c.wabaId(), SandboxTemplates.ORDER_UPDATE, "en_US")
                .orElseThrow();
        assertThat(paused.status()).isEqualTo("PAUSED");
        assertThat(paused.components()).isEqualTo(whole.components());
        meta.setTemplateStatus(c.wabaId(), SandboxTemplates.ORDER_UPDATE, "en_US", "APPROVED", null);

        // A partial object cannot stand for a template the cache lacks: no row, and a send reads it whole.
        meta.seedTemplate(c.wabaId(), TemplateSpec.approved("made_since", "en_US", "UTILITY", BODY));
        assertThat(api().get(templates(c) + "?fields=name,language,status", token)
                        .status())
                .isEqualTo(200);
        assertThat(cache.find(c.team().id(), c.wabaId(), "made_since", "en_US")).isEmpty();
        Reply sent = api().post(
                        "/v1/ext/plugin/whatsapp/" + c.pluginId() + "/phoneNumber/919811122244/send-template-message",
                        token,
                        obj(
                                "whatsappPhoneNumberId",
                                c.phoneNumberId(),
                                "templateName",
                                "made_since",
                                "mapping",
                                List.of(obj("schemaPropertyName", "1", "schemaPropertyValue", "Jo"))));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(cache.find(c.team().id(), c.wabaId(), "made_since", "en_US")
                        .orElseThrow()
                        .components())
                .isNotEmpty();
    }

    private void sendOrderUpdate(Connected c) {
        Reply sent = api().post(
                        "/v1/ext/plugin/whatsapp/" + c.pluginId() + "/phoneNumber/919811122233/send-template-message",
                        c.team().adminToken(),
                        obj(
                                "whatsappPhoneNumberId",
                                c.phoneNumberId(),
                                "templateName",
                                SandboxTemplates.ORDER_UPDATE,
                                "mapping",
                                List.of(
                                        obj("schemaPropertyName", "1", "schemaPropertyValue", "Asha"),
                                        obj("schemaPropertyName", "2", "schemaPropertyValue", "#77"),
                                        obj("schemaPropertyName", "3", "schemaPropertyValue", "Friday"))));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
    }

    @Test
    void aTemplateTheCacheDoesNotKnowIsFoundAtMeta() {
        Connected c = connect();
        String id = meta.seedTemplate(c.wabaId(), TemplateSpec.approved("made_elsewhere", "en_US", "UTILITY", BODY));
        assertThat(cache.wabaOf(c.team().id(), id)).isEmpty();
        Reply read = api().get(template(id), c.team().adminToken());
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().path("name").asString()).isEqualTo("made_elsewhere");
        assertThat(cache.wabaOf(c.team().id(), id)).contains(c.wabaId());
        assertThat(api().get(template("99999999999999"), c.team().adminToken()).status())
                .isEqualTo(404);
    }

    @Test
    void editReplacesTheComponentsAndSendsTheTemplateBackToReview() {
        Connected c = connect();
        String id = meta.seedTemplate(c.wabaId(), TemplateSpec.approved("editable", "en_US", "UTILITY", BODY));
        assertThat(api().get(templates(c), c.team().adminToken()).status()).isEqualTo(200);
        Reply edited = api().post(
                        template(id),
                        c.team().adminToken(),
                        obj(
                                "components",
                                List.of(obj(
                                        "type",
                                        "BODY",
                                        "text",
                                        "Hi again {{1}}",
                                        "example",
                                        obj("body_text", List.of(List.of("Jo")))))));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(edited.json().path("success").asBoolean()).isTrue();
        CachedTemplate cached =
                cache.find(c.team().id(), c.wabaId(), "editable", "en_US").orElseThrow();
        assertThat(cached.status()).isEqualTo("PENDING");
        assertThat(cached.components().get(0).path("text").asString()).isEqualTo("Hi again {{1}}");

        Reply again = api().post(template(id), c.team().adminToken(), obj("category", "NOT_A_CATEGORY"));
        assertThat(again.status()).as(again.toString()).isEqualTo(400);
        assertThat(again.json().path("error").path("code").asInt()).isEqualTo(100);
        assertThat(again.firstError()).isNotBlank();
    }

    @Test
    void deleteByNameEmptiesTheCacheOfEveryLanguageAndByIdOfOne() {
        Connected c = connect();
        meta.seedTemplate(c.wabaId(), TemplateSpec.approved("bilingual", "en_US", "UTILITY", BODY));
        String spanish = meta.seedTemplate(c.wabaId(), TemplateSpec.approved("bilingual", "es", "UTILITY", BODY));
        meta.seedTemplate(c.wabaId(), TemplateSpec.approved("twice", "en_US", "UTILITY", BODY));
        String twiceEs = meta.seedTemplate(c.wabaId(), TemplateSpec.approved("twice", "es", "UTILITY", BODY));
        api().get(templates(c), c.team().adminToken());
        assertThat(cache.languages(c.team().id(), c.wabaId(), "bilingual")).hasSize(2);

        Reply deleted = api().delete(templates(c) + "?name=bilingual", c.team().adminToken());
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(deleted.json().path("success").asBoolean()).isTrue();
        assertThat(cache.languages(c.team().id(), c.wabaId(), "bilingual")).isEmpty();
        assertThat(api().get(template(spanish), c.team().adminToken()).status()).isEqualTo(404);

        Reply one = api().delete(
                        templates(c) + "?name=twice&hsm_id=" + twiceEs, c.team().adminToken());
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertThat(cache.languages(c.team().id(), c.wabaId(), "twice"))
                .extracting(CachedTemplate::language)
                .containsExactly("en_US");

        Reply unknown = api().delete(templates(c) + "?name=never_was", c.team().adminToken());
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
        assertThat(unknown.json().path("error").path("code").asInt()).isEqualTo(100);
    }

    @Test
    void metasRefusalsAreRelayedInBothShapes() {
        Connected c = connect();
        Reply bad = api().post(
                        templates(c),
                        c.team().adminToken(),
                        obj(
                                "name",
                                "Bad Name!",
                                "category",
                                "UTILITY",
                                "language",
                                "en_US",
                                "components",
                                List.of(obj("type", "BODY", "text", "x"))));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        JsonNode error = bad.json().path("error");
        assertThat(error.path("code").asInt()).isEqualTo(100);
        assertThat(bad.json().path("_errorDetails").get(0).path("code").asString())
                .isEqualTo("UPSTREAM_ERROR");
        assertThat(bad.firstError()).startsWith("(#100)");
        assertThat(cache.languages(c.team().id(), c.wabaId(), "Bad Name!")).isEmpty();
    }

    @Test
    void anotherTeamsWabaAndTemplatesAre404() {
        Connected owner = connect();
        String id = meta.seedTemplate(owner.wabaId(), TemplateSpec.approved("private_one", "en_US", "UTILITY", BODY));
        assertThat(api().get(templates(owner), owner.team().adminToken()).status())
                .isEqualTo(200);
        Connected other = connect();
        String token = other.team().adminToken();
        assertThat(api().get(templates(owner), token).status()).isEqualTo(404);
        assertThat(api().post(
                                templates(owner),
                                token,
                                obj(
                                        "name",
                                        "mine_now",
                                        "category",
                                        "UTILITY",
                                        "language",
                                        "en_US",
                                        "components",
                                        List.of(obj("type", "BODY", "text", "x"))))
                        .status())
                .isEqualTo(404);
        assertThat(api().delete(templates(owner) + "?name=private_one", token).status())
                .isEqualTo(404);
        assertThat(api().get(template(id), token).status()).isEqualTo(404);
        assertThat(api().post(template(id), token, obj("category", "MARKETING")).status())
                .isEqualTo(404);
        assertThat(meta.templateStatus(owner.wabaId(), "private_one", "en_US")).contains("APPROVED");
        assertThat(meta.templateStatus(owner.wabaId(), "mine_now", "en_US")).isEmpty();

        String agent = newKey(owner.team(), "agent");
        assertThat(api().get(templates(owner), agent).status()).isEqualTo(403);
        String manager = newKey(owner.team(), "manager");
        assertThat(api().get(templates(owner), manager).status()).isEqualTo(200);
    }

    @Test
    void badVersionsIdsAndQueriesAre4xx() {
        Connected c = connect();
        String token = c.team().adminToken();
        assertThat(api().get("/v1/ext/plugin/whatsapp/api/23/" + c.wabaId() + "/message_templates", token)
                        .status())
                .isEqualTo(400);
        assertThat(api().get("/v1/ext/plugin/whatsapp/api/v23.0/not-a-waba/message_templates", token)
                        .status())
                .isEqualTo(404);
        assertThat(api().get(template("abc"), token).status()).isEqualTo(404);
        Reply badEscape = new RawHttp(port).send("GET", templates(c) + "?limit=%ZZ", token, null, null);
        assertThat(badEscape.status()).as(badEscape.toString()).isEqualTo(400);
        assertThat(api().get(templates(c) + "?" + "a=1&".repeat(51), token).status())
                .isEqualTo(400);
        assertThat(api().post(templates(c), token, "[1]").status()).isEqualTo(400);
    }
}
