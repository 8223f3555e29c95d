package org.openchakra.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.openchakra.support.AppSession;
import org.openchakra.support.AppTest;
import org.openchakra.support.Reply;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The page-level bad-input pass (issue 14): every form of the app, posted with missing and malformed values,
 * answers a 4xx with a message a person can read (never a 500, never a stack trace) and changes nothing. A
 * new POST route under {@code /app} without cases here (or, for the campaign and settings pages, in their own
 * page tests) fails {@link #everyFormOfTheAppHasCases}.
 */
class AppFormsBadInputTest extends AppTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** One bad post: the route it exercises, how it is sent, and the status and words the person sees. */
    record Case(String route, String what, Function<AppSession, Reply> post, int status, String says) {}

    private static final String FAKE_ID = UUID.randomUUID().toString();

    /** The campaign and settings pages' forms have their bad-input cases in CampaignPagesTest and SettingsPagesTest. */
    private static final java.util.regex.Pattern OWN_TESTS =
            java.util.regex.Pattern.compile("/app/(campaigns|settings)\\b");

    /** The cases against the chat, {@code linkToken} a fresh sign-in link's token. */
    private static List<Case> cases(UUID chat, String linkToken) {
        String c = "/app/chats/" + chat;
        List<Case> cases = new ArrayList<>();
        // Signing in and choosing a password: plain forms, answered with their page.
        cases.add(form("/app/sign-in", "nothing", "/app/sign-in", Map.of(), 401, "Enter your email"));
        cases.add(form(
                "/app/sign-in",
                "a 5 000-character login",
                "/app/sign-in",
                Map.of("login", "x".repeat(5000), "password", "y"),
                401,
                "email or password is wrong"));
        cases.add(form("/app/password", "no link", "/app/password", Map.of(), 410, "cannot be used"));
        cases.add(form(
                "/app/password",
                "a made-up link",
                "/app/password",
                Map.of("link", "ocl_made-up", "password", PASSWORD, "confirmation", PASSWORD),
                410,
                "cannot be used"));
        cases.add(form(
                "/app/password",
                "a short password",
                "/app/password",
                Map.of("link", linkToken, "password", "short", "confirmation", "short"),
                400,
                "at least 12"));
        cases.add(form(
                "/app/password",
                "a confirmation that differs",
                "/app/password",
                Map.of("link", linkToken, "password", PASSWORD, "confirmation", PASSWORD + "!"),
                400,
                "The two passwords differ"));
        cases.add(form(
                "/app/password", "no password", "/app/password", Map.of("link", linkToken), 400, "Enter a password"));
        // The chat's actions, as the page's htmx sends them.
        cases.add(htmx(
                "/app/chats/{chatId}/read", "a malformed chat id", "/app/chats/nope/read", Map.of(), 404, "Not found"));
        cases.add(htmx(
                "/app/chats/{chatId}/read",
                "an unknown chat",
                "/app/chats/" + FAKE_ID + "/read",
                Map.of(),
                404,
                "Chat not found"));
        cases.add(htmx(
                "/app/chats/{chatId}/assign",
                "a malformed assignee",
                c + "/assign",
                Map.of("assignee", "nobody"),
                400,
                "Choose a user of your team"));
        cases.add(htmx(
                "/app/chats/{chatId}/assign",
                "an unknown assignee",
                c + "/assign",
                Map.of("assignee", FAKE_ID),
                400,
                "Choose a user of your team"));
        cases.add(htmx(
                "/app/chats/{chatId}/close",
                "an unknown chat",
                "/app/chats/" + FAKE_ID + "/close",
                Map.of(),
                404,
                "Chat not found"));
        cases.add(htmx(
                "/app/chats/{chatId}/reopen",
                "a blank chat id",
                "/app/chats/%20/reopen",
                Map.of(),
                400,
                "The request was malformed"));
        cases.add(htmx(
                "/app/chats/{chatId}/messages",
                "nothing",
                c + "/messages",
                Map.of(),
                400,
                "Type a message or attach a file"));
        cases.add(htmx(
                "/app/chats/{chatId}/messages",
                "blanks",
                c + "/messages",
                Map.of("text", "  \n "),
                400,
                "Type a message or attach a file"));
        cases.add(htmx(
                "/app/chats/{chatId}/messages",
                "4 097 characters",
                c + "/messages",
                Map.of("text", "x".repeat(4097)),
                400,
                "at most 4,096 characters"));
        cases.add(new Case(
                "/app/chats/{chatId}/messages",
                "a broken multipart body",
                s -> s.htmxBody(
                        c + "/messages",
                        "multipart/form-data; boundary=XYZ",
                        "--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nno end"
                                .getBytes(StandardCharsets.UTF_8)),
                400,
                "malformed"));
        cases.add(new Case(
                "/app/chats/{chatId}/messages",
                "an empty file",
                s -> s.htmxBody(
                        c + "/messages",
                        "multipart/form-data; boundary=XYZ",
                        ("--XYZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"empty.png\"\r\n"
                                        + "Content-Type: image/png\r\n\r\n\r\n--XYZ--\r\n")
                                .getBytes(StandardCharsets.UTF_8)),
                400,
                "Type a message or attach a file"));
        cases.add(htmx(
                "/app/chats/{chatId}/templates", "nothing", c + "/templates", Map.of(), 400, "'template' is required"));
        cases.add(htmx(
                "/app/chats/{chatId}/templates",
                "an unknown template",
                c + "/templates",
                Map.of("template", "no_such", "language", "en_US"),
                404,
                "No such approved template"));
        cases.add(htmx(
                "/app/chats/{chatId}/templates",
                "its variables missing",
                c + "/templates",
                Map.of("template", "order_update", "language", "en_US"),
                400,
                "{{1}}"));
        cases.add(htmx(
                "/app/chats/{chatId}/templates",
                "a header link that is not one",
                c + "/templates",
                Map.of(
                        "template", "seasonal_promo",
                        "language", "en_US",
                        "body.1", "Ann",
                        "body.2", "20%",
                        "button.0", "summer",
                        "headerUrl", "not a link"),
                400,
                "must be an absolute http(s) URL"));
        cases.add(htmx(
                "/app/chats/{chatId}/lead",
                "an email that is not one",
                c + "/lead",
                Map.of("data.email", "at nowhere"),
                400,
                "must be an email address"));
        cases.add(htmx(
                "/app/chats/{chatId}/lead",
                "an unknown chat",
                "/app/chats/" + FAKE_ID + "/lead",
                Map.of("data.name", "X"),
                404,
                "Chat not found"));
        cases.add(htmx(
                "/app/chats/{chatId}/opt-out", "nothing", c + "/opt-out", Map.of(), 400, "'optedOut' is required"));
        cases.add(htmx(
                "/app/chats/{chatId}/opt-out",
                "a value that is neither",
                c + "/opt-out",
                Map.of("optedOut", "perhaps"),
                400,
                "'optedOut' is not valid"));
        cases.add(htmx(
                "/app/chats/{chatId}/opt-out",
                "a 501-character reason",
                c + "/opt-out",
                Map.of("optedOut", "true", "reason", "r".repeat(501)),
                400,
                "at most 500 characters"));
        return cases;
    }

    private static Case form(
            String route, String what, String path, Map<String, String> fields, int status, String says) {
        return new Case(route, what, s -> s.post(path, fields), status, says);
    }

    private static Case htmx(
            String route, String what, String path, Map<String, String> fields, int status, String says) {
        return new Case(route, what, s -> s.htmx("POST", path, fields), status, says);
    }

    @Test
    void everyFormAnswersMissingAndMalformedValuesWithAReadableErrorAndChangesNothing() {
        TestTeam team = newTeam();
        Sandbox sandbox = sandbox(team);
        customerWrites(team, sandbox, "919800000501", "Farah", "hello");
        UUID chat = awaitChat(team, "919800000501");
        UUID admin = newUser(team, "admin", uniqueEmail("forms"));
        UUID other = newUser(team, "agent", uniqueEmail("forms-other"));
        AppSession pages = signedIn(team, admin);
        pages.get("/app/chats/" + chat);
        AppSession anonymous = new AppSession(baseUrl());
        anonymous.get("/app/sign-in");

        SoftAssertions softly = new SoftAssertions();
        String link = signInLink(team, other);
        for (Case k : cases(chat, link.substring(link.indexOf("link=") + "link=".length()))) {
            AppSession session = k.route().startsWith("/app/chats/") ? pages : anonymous;
            if (k.route().equals("/app/password")) {
                session.get("/app/sign-in");
            }
            Reply reply = k.post().apply(session);
            String as = k.route() + " with " + k.what() + ": " + reply.status() + " " + reply.raw();
            softly.assertThat(reply.status()).as(as).isEqualTo(k.status());
            softly.assertThat(reply.raw())
                    .as(as)
                    .contains(k.says().replace("'", "&#39;"))
                    .doesNotContain("Exception")
                    .doesNotContain("Internal error");
            if (k.status() != 410) { // a spent or made-up link has a page of its own
                softly.assertThat(reply.raw()).as(as).contains("role=\"alert\"");
            }
            if (k.route().startsWith("/app/chats/")) {
                softly.assertThat(reply.header("HX-Retarget")).as(as).isEqualTo("#notices");
            }
        }
        softly.assertAll();

        // Nothing changed: the chat is as the customer left it, the link still works, the number not opted out.
        Reply chatNow = api().get("/v1/ext/chat/" + chat, team.adminToken());
        assertThat(chatNow.data().path("assignedTo").isNull()).isTrue();
        assertThat(chatNow.data().path("status").asString()).isEqualTo("OPEN");
        Reply history = api().post("/v1/ext/chat/" + chat + "/message", team.adminToken(), obj("limit", 10));
        assertThat(history.data().size()).isEqualTo(1);
        assertThat(api().get("/v1/admin/opt-outs?phoneNumber=919800000501", team.adminToken())
                        .data()
                        .size())
                .isZero();
        String lead = chatNow.data().path("lead").asString();
        Reply leadNow = api().get("/v1/ext/procedure/lead/process/" + lead, team.adminToken());
        assertThat(leadNow.data().path("data").path("email").isMissingNode()
                        || leadNow.data().path("data").path("email").isNull())
                .isTrue();
    }

    @Test
    void everyFormOfTheAppHasCases() {
        Set<String> posts = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            if (info.getMethodsCondition().getMethods().contains(RequestMethod.POST)) {
                info.getPatternValues().stream()
                        .filter(p ->
                                p.startsWith("/app") && !OWN_TESTS.matcher(p).lookingAt())
                        .forEach(posts::add);
            }
        });
        Set<String> covered = new TreeSet<>();
        cases(UUID.randomUUID(), "unused").forEach(k -> covered.add(k.route()));
        assertThat(covered).containsAll(posts);
    }
}
