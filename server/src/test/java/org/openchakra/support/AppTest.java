package org.openchakra.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The base of the web app's tests: teams and users made through the API, sign-in links, signed-in HTTP
 * sessions ({@link AppSession}) and sandbox plugins whose customers write through the simulator.
 */
public abstract class AppTest extends IntegrationTest {

    public static final String PASSWORD = "correct horse battery staple";
    private static final AtomicInteger USERS = new AtomicInteger();

    /** A sandbox plugin of a team and its one sender number. */
    public record Sandbox(String pluginId, String numberId) {}

    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** A new user of the team with the role (shortId) and an email; answers the user's id. */
    protected UUID newUser(TestTeam team, String role, String email) {
        Reply reply = api().post(
                        "/v1/admin/users",
                        team.adminToken(),
                        obj(
                                "username",
                                "u" + USERS.incrementAndGet() + "-"
                                        + UUID.randomUUID().toString().substring(0, 6),
                                "email",
                                email,
                                "role",
                                role,
                                "displayName",
                                email.substring(0, email.indexOf('@'))));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return UUID.fromString(reply.data().path("id").asString());
    }

    protected static String uniqueEmail(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** A sign-in link for the user, made by the team's admin through the API. */
    protected String signInLink(TestTeam team, UUID userId) {
        Reply reply = api().post("/v1/admin/users/" + userId + "/sign-in-link", team.adminToken(), null);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.data().path("url").asString();
    }

    /** An HTTP session signed in as the user, who chose {@link #PASSWORD} through a sign-in link. */
    protected AppSession signedIn(TestTeam team, UUID userId) {
        AppSession session = new AppSession(baseUrl());
        Reply chosen = session.choosePassword(signInLink(team, userId), PASSWORD);
        assertThat(chosen.status()).as(chosen.toString()).isEqualTo(302);
        return session;
    }

    protected Sandbox sandbox(TestTeam team) {
        Reply created =
                api().post("/v1/admin/plugins/whatsapp", team.adminToken(), obj("name", "Sandbox", "mode", "SANDBOX"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return new Sandbox(
                created.data().path("id").asString(),
                created.data()
                        .path("wabas")
                        .get(0)
                        .path("phoneNumbers")
                        .get(0)
                        .path("id")
                        .asString());
    }

    /** The id of the customer's open chat once the inbound path has made it (it works asynchronously). */
    protected UUID awaitChat(TestTeam team, String customer) {
        UUID[] found = new UUID[1];
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> {
                    Reply chats =
                            api().post("/v1/ext/chat", team.adminToken(), obj("search", customer, "status", "OPEN"));
                    if (chats.data().size() == 0) {
                        return false;
                    }
                    found[0] = UUID.fromString(chats.data().get(0).path("id").asString());
                    return true;
                });
        return found[0];
    }

    protected void assign(TestTeam team, UUID chatId, UUID userId) {
        Reply reply = api().post(
                        "/v1/ext/chat/" + chatId + "/assign",
                        team.adminToken(),
                        java.util.Collections.singletonMap("assignedTo", userId == null ? null : userId.toString()));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    /** A sandbox customer writes to the team's number, through the simulator and Meta's webhook path. */
    protected void customerWrites(TestTeam team, Sandbox sandbox, String from, String name, String text) {
        Reply reply = api().post(
                        "/v1/sandbox/" + sandbox.pluginId() + "/inbound",
                        team.adminToken(),
                        obj("from", from, "name", name, "text", text));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }
}
