package org.openchakra.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.openchakra.support.AppSession;
import org.openchakra.support.AppTest;
import org.openchakra.support.Reply;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Another team's user, signed in, reaches none of this team's chats through any page, fragment, action,
 * download or the event stream: every one answers 404 (as for an id that does not exist) and changes nothing.
 * A new {@code /app} route about a chat without a case here fails {@link #everyChatRouteHasACase}.
 */
class InboxTenancyTest extends AppTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** A request of the stranger: the route, its method, and the path and form it sends. */
    record Probe(String route, String method, String path, Map<String, String> form) {}

    /** The list's row of a chat answers "remove it" (200) for a chat the user may not see, rather than 404. */
    private static final String ROW = "/app/chat-list/rows/{chatId}";

    private static List<Probe> probes(UUID chat, UUID message) {
        String c = "/app/chats/" + chat;
        List<Probe> probes = new ArrayList<>();
        probes.add(new Probe(ROW, "GET", "/app/chat-list/rows/" + chat, Map.of()));
        probes.add(new Probe("/app/chats/{chatId}", "GET", c, Map.of()));
        probes.add(new Probe("/app/chats/{chatId}/recent", "GET", c + "/recent", Map.of()));
        probes.add(new Probe("/app/chats/{chatId}/earlier", "GET", c + "/earlier?before=" + message, Map.of()));
        probes.add(new Probe("/app/chats/{chatId}/customer", "GET", c + "/customer", Map.of()));
        probes.add(new Probe("/app/chats/{chatId}/templates", "GET", c + "/templates", Map.of()));
        probes.add(new Probe(
                "/app/chats/{chatId}/templates/form",
                "GET",
                c + "/templates/form?template=hello_world&language=en_US",
                Map.of()));
        probes.add(new Probe(
                "/app/chats/{chatId}/templates/preview",
                "GET",
                c + "/templates/preview?template=hello_world&language=en_US",
                Map.of()));
        probes.add(new Probe(
                "/app/chats/{chatId}/messages/{messageId}/media",
                "GET",
                c + "/messages/" + message + "/media",
                Map.of()));
        probes.add(new Probe("/app/chats/{chatId}/read", "POST", c + "/read", Map.of()));
        probes.add(new Probe("/app/chats/{chatId}/assign", "POST", c + "/assign", Map.of("assignee", "me")));
        probes.add(new Probe("/app/chats/{chatId}/close", "POST", c + "/close", Map.of()));
        probes.add(new Probe("/app/chats/{chatId}/reopen", "POST", c + "/reopen", Map.of()));
        probes.add(new Probe("/app/chats/{chatId}/messages", "POST", c + "/messages", Map.of("text", "hijacked")));
        probes.add(new Probe(
                "/app/chats/{chatId}/templates",
                "POST",
                c + "/templates",
                Map.of("template", "hello_world", "language", "en_US")));
        probes.add(new Probe("/app/chats/{chatId}/lead", "POST", c + "/lead", Map.of("data.name", "Hijacked")));
        probes.add(new Probe("/app/chats/{chatId}/opt-out", "POST", c + "/opt-out", Map.of("optedOut", "true")));
        return probes;
    }

    @Test
    void anotherTeamsUserReachesNoneOfThisTeamsChats() throws Exception {
        TestTeam team = newTeam();
        Sandbox sandbox = sandbox(team);
        customerWrites(team, sandbox, "919800000601", "Private Priya", "my secret order");
        UUID chat = awaitChat(team, "919800000601");
        UUID message =
                UUID.fromString(api().post("/v1/ext/chat/" + chat + "/message", team.adminToken(), obj("limit", 1))
                        .data()
                        .get(0)
                        .path("id")
                        .asString());

        TestTeam other = newTeam();
        Sandbox otherSandbox = sandbox(other);
        AppSession stranger = signedIn(other, newUser(other, "admin", uniqueEmail("stranger")));
        assertThat(stranger.get("/app").raw()).doesNotContain("Priya");
        assertThat(stranger.get("/app?q=Priya").raw())
                .doesNotContain("Private Priya")
                .contains("No chats here");
        assertThat(stranger.get("/app?q=secret").raw()).doesNotContain("my secret order");
        assertThat(stranger.get("/app/chat-list/rows/" + chat).raw())
                .contains("data-remove")
                .doesNotContain("Priya");

        SoftAssertions softly = new SoftAssertions();
        for (Probe p : probes(chat, message)) {
            Reply reply =
                    p.method().equals("GET") ? stranger.get(p.path()) : stranger.htmx(p.method(), p.path(), p.form());
            softly.assertThat(reply.status())
                    .as(p.method() + " " + p.path())
                    .isEqualTo(p.route().equals(ROW) ? 200 : 404);
            if (p.route().equals(ROW)) {
                softly.assertThat(reply.raw()).contains("data-remove");
            }
            softly.assertThat(reply.raw())
                    .as(p.method() + " " + p.path())
                    .doesNotContain("Priya")
                    .doesNotContain("secret");
        }
        softly.assertAll();

        // Nothing changed.
        Reply chatNow = api().get("/v1/ext/chat/" + chat, team.adminToken());
        assertThat(chatNow.data().path("status").asString()).isEqualTo("OPEN");
        assertThat(chatNow.data().path("assignedTo").isNull()).isTrue();
        assertThat(chatNow.data().path("unreadCount").asInt()).isEqualTo(1);
        assertThat(api().post("/v1/ext/chat/" + chat + "/message", team.adminToken(), obj("limit", 10))
                        .data()
                        .size())
                .isEqualTo(1);
        assertThat(api().get("/v1/admin/opt-outs?phoneNumber=919800000601", team.adminToken())
                        .data()
                        .size())
                .isZero();

        // The event stream: a change of this team's chat reaches no one of the other team. The stranger's first
        // event is about their own team's chat, which changes after this team's.
        try (Stream<String> events = stranger.lines("/app/events")) {
            Iterator<String> lines = events.iterator();
            CompletableFuture<String> firstChat = CompletableFuture.supplyAsync(() -> {
                while (lines.hasNext()) {
                    String line = lines.next();
                    if (line.startsWith("data:") && line.length() > "data:".length()) {
                        return line.substring("data:".length()).strip();
                    }
                }
                return null;
            });
            Thread.sleep(500); // the stream is registered before the changes happen
            customerWrites(team, sandbox, "919800000601", "Private Priya", "another secret");
            org.awaitility.Awaitility.await()
                    .until(() -> api().get("/v1/ext/chat/" + chat, team.adminToken())
                                    .data()
                                    .path("unreadCount")
                                    .asInt()
                            == 2);
            customerWrites(other, otherSandbox, "919800000602", "Their own customer", "hello");
            UUID theirs = awaitChat(other, "919800000602");
            assertThat(firstChat.get(20, TimeUnit.SECONDS)).isEqualTo(theirs.toString());
        }
    }

    @Test
    void everyChatRouteHasACase() {
        Set<String> routes = new TreeSet<>();
        mappings.getHandlerMethods()
                .keySet()
                .forEach(info -> info.getPatternValues().stream()
                        .filter(p -> p.startsWith("/app") && p.contains("{chatId}"))
                        .forEach(p -> info.getMethodsCondition().getMethods().forEach(m -> routes.add(m + " " + p))));
        Set<String> probed = new TreeSet<>();
        probes(UUID.randomUUID(), UUID.randomUUID()).forEach(p -> probed.add(p.method() + " " + p.route()));
        assertThat(probed).containsAll(routes);
    }
}
