package org.openchakra.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openchakra.support.Reply;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /v1/ext/chat/{chatId}/message} and {@code POST /v1/ext/plugin/whatsapp/list-chat-messages-for-phone-number}:
 * order, paging, the customer's messages across chats, bad input and tenancy.
 */
class ChatMessagesTest extends ChatTestSupport {

    private static final String BY_PHONE = "/v1/ext/plugin/whatsapp/list-chat-messages-for-phone-number";

    private Reply messagesOf(TestTeam team, Object chatId, Object body) {
        return api().post("/v1/ext/chat/" + chatId + "/message", team.adminToken(), body);
    }

    @Test
    void aChatsMessagesNewestFirstWithPaging() {
        TestTeam team = newTeam();
        Plugin plugin = sandboxPlugin(team);
        Instant start = Instant.now().minusSeconds(60);
        String first =
                receive(team, plugin, "919911223344", "Asha", "hello", start).toString();
        ChatMessage reply = send(team, plugin, "919911223344", "hi Asha");
        String second = reply.id().toString();
        String third = receive(
                        team,
                        plugin,
                        "919911223344",
                        "Asha",
                        "thanks",
                        Instant.now().plusSeconds(1))
                .toString();
        UUID chat = reply.chatId();

        Reply newest = messagesOf(team, chat, null);
        assertThat(ids(newest)).containsExactly(third, second, first);
        assertThat(newest.json().path("_meta").path("total").asLong()).isEqualTo(3);
        assertThat(newest.json().path("_meta").path("hasMore").asBoolean()).isFalse();
        assertThat(ids(messagesOf(team, chat, obj("orderDirection", "asc")))).containsExactly(first, second, third);
        Reply page = messagesOf(team, chat, obj("limit", 2, "page", 1));
        assertThat(ids(page)).containsExactly(third, second);
        assertThat(page.json().path("_meta").path("hasMore").asBoolean()).isTrue();
        assertThat(ids(messagesOf(team, chat, obj("limit", 2, "page", 2)))).containsExactly(first);

        JsonNode outbound = newest.data().get(1);
        assertThat(outbound.path("direction").asString()).isEqualTo("OUTBOUND");
        assertThat(outbound.path("text").asString()).isEqualTo("hi Asha");
        assertThat(outbound.path("deliveryStatus").asString()).isEqualTo("SENT");
        assertThat(outbound.path("chat").asString()).isEqualTo(chat.toString());
        assertThat(outbound.path("source").path("sourceType").asString()).isEqualTo("PASS_THROUGH");
        assertThat(outbound.path("body").path("text").path("body").asString()).isEqualTo("hi Asha");
        JsonNode inbound = newest.data().get(0);
        assertThat(inbound.path("direction").asString()).isEqualTo("INBOUND");
        assertThat(inbound.path("deliveryStatus").asString()).isEqualTo("RECEIVED");
        assertThat(inbound.path("timestamp").isNumber()).isTrue();
    }

    @Test
    void readingMessagesLeavesUnreadCountButMarkingReadClearsIt() {
        TestTeam team = newTeam();
        Plugin plugin = sandboxPlugin(team);
        receive(team, plugin, "919911223344", "Asha", "one");
        receive(team, plugin, "919911223344", "Asha", "two");
        String chat = listChats(team, obj()).data().get(0).path("id").asString();
        assertThat(api().get("/v1/ext/chat/" + chat, team.adminToken())
                        .data()
                        .path("unreadCount")
                        .asInt())
                .isEqualTo(2);

        assertThat(ids(messagesOf(team, chat, obj()))).hasSize(2);
        assertThat(api().get("/v1/ext/chat/" + chat, team.adminToken())
                        .data()
                        .path("unreadCount")
                        .asInt())
                .isEqualTo(2);
        Reply read = api().post("/v1/ext/chat/" + chat + "/read", team.adminToken(), null);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.data().path("unreadCount").asInt()).isZero();
        assertThat(api().get("/v1/ext/chat/" + chat, team.adminToken())
                        .data()
                        .path("unreadCount")
                        .asInt())
                .isZero();
    }

    @Test
    void aCustomersMessagesAcrossAClosedAndAnOpenChatNewestFirst() {
        TestTeam team = newTeam();
        Plugin plugin = sandboxPlugin(team);
        Plugin second = sandboxPlugin(team);
        ChatMessage old = send(team, plugin, "919911223344", "before closing");
        Reply closed = api().post("/v1/ext/chat/" + old.chatId() + "/close", team.adminToken(), null);
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        String inNewChat =
                receive(team, plugin, "919911223344", "Asha", "I'm back").toString();
        ChatMessage otherNumber = send(team, second, "919911223344", "from the other number");
        send(team, plugin, "919800000001", "someone else");

        Reply all = api().post(BY_PHONE, team.adminToken(), obj("customerPhoneNumber", "+91 99112-23344"));
        assertThat(ids(all))
                .containsExactly(
                        otherNumber.id().toString(), inNewChat, old.id().toString());
        assertThat(all.json().path("_meta").path("total").asLong()).isEqualTo(3);
        List<String> chats = new ArrayList<>();
        all.data().values().forEach(m -> chats.add(m.path("chat").asString()));
        assertThat(chats).doesNotHaveDuplicates();
        assertThat(chats.get(2)).isEqualTo(old.chatId().toString());

        // The team's default country code (91) completes a national number; digits compare, not formats.
        assertThat(ids(api().post(BY_PHONE, team.adminToken(), obj("customerPhoneNumber", "09911223344"))))
                .hasSize(3);
        assertThat(ids(api().post(BY_PHONE, team.adminToken(), obj("customerPhoneNumber", 919911223344L))))
                .hasSize(3);
        assertThat(ids(api().post(
                                BY_PHONE,
                                team.adminToken(),
                                obj(
                                        "customerPhoneNumber",
                                        "9911223344",
                                        "pluginId",
                                        plugin.id().toString()))))
                .containsExactly(inNewChat, old.id().toString());
        assertThat(ids(api().post(
                                BY_PHONE,
                                team.adminToken(),
                                obj("customerPhoneNumber", "9911223344", "whatsappPhoneNumberId", second.numberId()))))
                .containsExactly(otherNumber.id().toString());
        Reply paged = api().post(
                        BY_PHONE, team.adminToken(), obj("customerPhoneNumber", "9911223344", "limit", 1, "page", 2));
        assertThat(ids(paged)).containsExactly(inNewChat);
        assertThat(paged.json().path("_meta").path("hasMore").asBoolean()).isTrue();
        assertThat(ids(api().post(BY_PHONE, team.adminToken(), obj("customerPhoneNumber", "+1 415 555 0100"))))
                .isEmpty();
    }

    @Test
    void badInputIsA400NamingTheField() {
        TestTeam team = newTeam();
        Reply missing = api().post(BY_PHONE, team.adminToken(), obj("limit", 5));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("_errorDetails").findValuesAsString("field"))
                .containsExactly("customerPhoneNumber");
        Reply invalid = api().post(BY_PHONE, team.adminToken(), obj("customerPhoneNumber", "12-ab"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.firstError()).contains("customerPhoneNumber");
        Reply tooShort = api().post(BY_PHONE, team.adminToken(), obj("customerPhoneNumber", "123"));
        assertThat(tooShort.status()).isEqualTo(400);
        Reply many = api().post(
                        BY_PHONE,
                        team.adminToken(),
                        obj(
                                "customerPhoneNumber",
                                "919911223344",
                                "limit",
                                1000,
                                "page",
                                -1,
                                "pluginId",
                                "nope",
                                "orderDirection",
                                "sideways"));
        assertThat(many.status()).isEqualTo(400);
        assertThat(many.json().path("_errorDetails").findValuesAsString("field"))
                .containsExactlyInAnyOrder("limit", "page", "pluginId", "orderDirection");
        assertThat(api().post(
                                BY_PHONE,
                                team.adminToken(),
                                obj(
                                        "customerPhoneNumber",
                                        "919911223344",
                                        "pluginId",
                                        UUID.randomUUID().toString()))
                        .status())
                .isEqualTo(404);

        Plugin plugin = sandboxPlugin(team);
        UUID chat = send(team, plugin, "919911223344", "x").chatId();
        Reply badPaging = messagesOf(team, chat, obj("limit", -5, "page", "first"));
        assertThat(badPaging.json().path("_errorDetails").findValuesAsString("field"))
                .containsExactlyInAnyOrder("limit", "page");
        assertThat(messagesOf(team, UUID.randomUUID(), obj()).status()).isEqualTo(404);
        assertThat(messagesOf(team, "not-a-uuid", obj()).status()).isEqualTo(400);
    }

    @Test
    void anotherTeamReadsNoneOfTheMessages() {
        TestTeam owner = newTeam();
        Plugin plugin = sandboxPlugin(owner);
        receive(owner, plugin, "919911223344", "Asha", "private");
        UUID chat = send(owner, plugin, "919911223344", "also private").chatId();
        TestTeam other = newTeam();

        assertThat(messagesOf(other, chat, obj()).status()).isEqualTo(404);
        assertThat(api().get("/v1/ext/chat/" + chat, other.adminToken()).status())
                .isEqualTo(404);
        Reply byPhone = api().post(BY_PHONE, other.adminToken(), obj("customerPhoneNumber", "919911223344"));
        assertThat(ids(byPhone)).isEmpty();
        assertThat(byPhone.json().path("_meta").path("total").asLong()).isZero();
        assertThat(api().post(
                                BY_PHONE,
                                other.adminToken(),
                                obj(
                                        "customerPhoneNumber",
                                        "919911223344",
                                        "pluginId",
                                        plugin.id().toString()))
                        .status())
                .isEqualTo(404);
        assertThat(ids(messagesOf(owner, chat, obj()))).hasSize(2);
    }
}
