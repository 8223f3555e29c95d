package org.openchakra.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openchakra.support.Reply;

/** Close, re-open, assign and mark read: what they change, the 409 of a second open chat, privileges, tenancy. */
class ChatActionsTest extends ChatTestSupport {

    private Reply action(TestTeam team, Object chatId, String action, Object body) {
        return api().post("/v1/ext/chat/" + chatId + "/" + action, team.adminToken(), body);
    }

    private Reply chat(TestTeam team, Object chatId) {
        return api().get("/v1/ext/chat/" + chatId, team.adminToken());
    }

    @Test
    void aClosedChatStaysClosedAndReopeningItWhileAnotherIsOpenIsA409() {
        TestTeam team = newTeam();
        Plugin plugin = sandboxPlugin(team);
        UUID first = send(team, plugin, "919911223344", "hello").chatId();
        long updatedBefore = chat(team, first).data().path("updatedAt").asLong();

        Reply closed = action(team, first, "close", null);
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(closed.data().path("status").asString()).isEqualTo("CLOSED");
        assertThat(closed.data().path("updatedAt").asLong()).isGreaterThanOrEqualTo(updatedBefore);
        Reply again = action(team, first, "close", obj());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.data().path("updatedAt").asLong())
                .isEqualTo(closed.data().path("updatedAt").asLong());

        UUID second = send(team, plugin, "919911223344", "a new conversation").chatId();
        assertThat(second).isNotEqualTo(first);
        assertThat(chat(team, first).data().path("status").asString()).isEqualTo("CLOSED");

        Reply conflict = action(team, first, "reopen", null);
        assertThat(conflict.status()).as(conflict.toString()).isEqualTo(409);
        assertThat(conflict.json().path("_errorDetails").get(0).path("code").asString())
                .isEqualTo("CONFLICT");
        assertThat(conflict.firstError()).contains(second.toString());
        assertThat(chat(team, first).data().path("status").asString()).isEqualTo("CLOSED");

        assertThat(action(team, second, "close", null).status()).isEqualTo(200);
        Reply reopened = action(team, first, "reopen", null);
        assertThat(reopened.status()).as(reopened.toString()).isEqualTo(200);
        assertThat(reopened.data().path("status").asString()).isEqualTo("OPEN");
        assertThat(action(team, first, "reopen", null).status()).isEqualTo(200);
        assertThat(send(team, plugin, "919911223344", "into the re-opened chat").chatId())
                .isEqualTo(first);
    }

    @Test
    void assignTakesAUserIdUsernameOrEmailAndNullUnassigns() {
        TestTeam team = newTeam();
        Plugin plugin = sandboxPlugin(team);
        UUID chat = send(team, plugin, "919911223344", "hello").chatId();
        String email = "agent@" + team.shortName() + ".test";
        Reply user = api().post(
                        "/v1/admin/users",
                        team.adminToken(),
                        obj("username", "agent1", "email", email, "role", "agent"));
        assertThat(user.status()).as(user.toString()).isEqualTo(200);
        String agent = user.data().path("id").asString();

        Reply byName = action(team, chat, "assign", obj("assignedTo", "admin"));
        assertThat(byName.status()).as(byName.toString()).isEqualTo(200);
        assertThat(byName.data().path("assignedTo").asString())
                .isEqualTo(team.adminUserId().toString());
        assertThat(action(team, chat, "assign", obj("assignedTo", email.toUpperCase()))
                        .data()
                        .path("assignedTo")
                        .asString())
                .isEqualTo(agent);
        assertThat(action(
                                team,
                                chat,
                                "assign",
                                obj("assignedTo", team.adminUserId().toString()))
                        .data()
                        .path("assignedTo")
                        .asString())
                .isEqualTo(team.adminUserId().toString());
        Reply unassigned = action(team, chat, "assign", obj("assignedTo", null));
        assertThat(unassigned.status()).isEqualTo(200);
        assertThat(unassigned.data().path("assignedTo").isNull()).isTrue();

        assertThat(action(team, chat, "assign", obj("assignedTo", agent)).status())
                .isEqualTo(200);
        for (Object bad : List.of(
                obj(),
                obj("assignedTo", "nobody"),
                obj("assignedTo", 42),
                obj("assignedTo", UUID.randomUUID().toString()))) {
            Reply refused = action(team, chat, "assign", bad);
            assertThat(refused.status()).as(bad + ": " + refused).isEqualTo(400);
            assertThat(refused.json().path("_errorDetails").get(0).path("field").asString())
                    .isEqualTo("assignedTo");
        }
        assertThat(chat(team, chat).data().path("assignedTo").asString()).isEqualTo(agent);
        assertThat(action(team, UUID.randomUUID(), "assign", obj("assignedTo", "admin"))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void readingNeedsChatReadAndChangingNeedsChatWrite() {
        TestTeam team = newTeam();
        Plugin plugin = sandboxPlugin(team);
        UUID chat = send(team, plugin, "919911223344", "hello").chatId();
        Reply role = api().post(
                        "/v1/admin/roles",
                        team.adminToken(),
                        Map.of(
                                "shortId",
                                "viewer",
                                "name",
                                "Viewer",
                                "roleType",
                                "USER",
                                "privileges",
                                List.of("chat:read")));
        assertThat(role.status()).as(role.toString()).isEqualTo(200);
        String viewer = newKey(team, "viewer");
        Reply noChats = api().post(
                        "/v1/admin/roles",
                        team.adminToken(),
                        Map.of(
                                "shortId",
                                "nochat",
                                "name",
                                "No chat",
                                "roleType",
                                "USER",
                                "privileges",
                                List.of("process:read")));
        assertThat(noChats.status()).isEqualTo(200);
        String outsider = newKey(team, "nochat");

        assertThat(api().post("/v1/ext/chat", viewer, obj()).status()).isEqualTo(200);
        assertThat(api().post("/v1/ext/chat/" + chat + "/message", viewer, obj())
                        .status())
                .isEqualTo(200);
        assertThat(api().get("/v1/ext/chat/" + chat, viewer).status()).isEqualTo(200);
        for (String action : List.of("close", "reopen", "read")) {
            assertThat(api().post("/v1/ext/chat/" + chat + "/" + action, viewer, null)
                            .status())
                    .as(action)
                    .isEqualTo(403);
        }
        assertThat(api().post("/v1/ext/chat/" + chat + "/assign", viewer, obj("assignedTo", null))
                        .status())
                .isEqualTo(403);
        assertThat(api().post("/v1/ext/chat", outsider, obj()).status()).isEqualTo(403);
        assertThat(api().post(
                                "/v1/ext/plugin/whatsapp/list-chat-messages-for-phone-number",
                                outsider,
                                obj("customerPhoneNumber", "919911223344"))
                        .status())
                .isEqualTo(403);
        assertThat(chat(team, chat).data().path("status").asString()).isEqualTo("OPEN");
        assertThat(api().post("/v1/ext/chat/" + chat + "/close", newKey(team, "agent"), null)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void anotherTeamCanNeitherSeeNorChangeAChat() {
        TestTeam owner = newTeam();
        Plugin plugin = sandboxPlugin(owner);
        receive(owner, plugin, "919911223344", "Asha", "hello");
        UUID chat = send(owner, plugin, "919911223344", "hi").chatId();
        TestTeam other = newTeam();

        assertThat(chat(other, chat).status()).isEqualTo(404);
        for (String action : List.of("close", "reopen", "read")) {
            Reply refused = action(other, chat, action, null);
            assertThat(refused.status()).as(action + ": " + refused).isEqualTo(404);
            assertThat(refused.json().path("_errorDetails").get(0).path("code").asString())
                    .isEqualTo("NOT_FOUND");
        }
        assertThat(action(other, chat, "assign", obj("assignedTo", "admin")).status())
                .isEqualTo(404);
        assertThat(action(
                                other,
                                chat,
                                "assign",
                                obj("assignedTo", owner.adminUserId().toString()))
                        .status())
                .isEqualTo(400);

        Reply mine = chat(owner, chat);
        assertThat(mine.data().path("status").asString()).isEqualTo("OPEN");
        assertThat(mine.data().path("assignedTo").isNull()).isTrue();
        assertThat(mine.data().path("unreadCount").asInt()).isEqualTo(1);
        assertThat(mine.data().path("contactName").asString()).isEqualTo("Asha");
        assertThat(mine.data().path("lastMessage").path("text").asString()).isEqualTo("hi");
    }
}
