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

/** {@code POST /v1/ext/chat}: order, paging, search, filters, bad input and tenancy. */
class ChatListTest extends ChatTestSupport {

    private static List<String> contacts(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        List<String> contacts = new ArrayList<>();
        reply.data()
                .values()
                .forEach(c -> contacts.add(c.path("contactIdentifier").asString()));
        return contacts;
    }

    @Test
    void newestMessageFirstByDefaultAndEveryOrderFieldBothWays() {
        TestTeam team = newTeam();
        Plugin plugin = sandboxPlugin(team);
        String a = send(team, plugin, "919800000001", "to a").chatId().toString();
        String b = send(team, plugin, "919800000002", "to b").chatId().toString();
        String c = send(team, plugin, "919800000003", "to c").chatId().toString();
        Instant t1 = Instant.parse("2030-01-01T00:00:00Z");
        Instant t2 = t1.plusSeconds(60);
        Instant t3 = t2.plusSeconds(60);
        times(UUID.fromString(a), t1, t3, t2);
        times(UUID.fromString(b), t2, t1, t3);
        times(UUID.fromString(c), t3, t2, t1);

        Reply byDefault = listChats(team, null);
        assertThat(ids(byDefault)).containsExactly(b, a, c);
        assertThat(byDefault.json().path("_meta").path("total").asLong()).isEqualTo(3);
        assertThat(byDefault.json().path("_meta").path("page").asInt()).isEqualTo(1);
        assertThat(byDefault.json().path("_meta").path("limit").asInt()).isEqualTo(20);
        assertThat(byDefault.json().path("_meta").path("hasMore").asBoolean()).isFalse();
        assertThat(ids(listChats(team, obj()))).containsExactly(b, a, c);
        assertThat(ids(listChats(team, obj("orderField", "lastMessageAt", "orderDirection", "asc"))))
                .containsExactly(c, a, b);
        assertThat(ids(listChats(team, obj("orderField", "createdAt")))).containsExactly(c, b, a);
        assertThat(ids(listChats(team, obj("orderField", "createdAt", "orderDirection", "ASC"))))
                .containsExactly(a, b, c);
        assertThat(ids(listChats(team, obj("orderField", "updatedAt", "orderDirection", "desc"))))
                .containsExactly(a, c, b);
        assertThat(ids(listChats(team, obj("orderField", "updatedAt", "orderDirection", "asc"))))
                .containsExactly(b, c, a);

        JsonNode chat = byDefault.data().get(0);
        assertThat(chat.path("contactIdentifier").asString()).isEqualTo("919800000002");
        assertThat(chat.path("status").asString()).isEqualTo("OPEN");
        assertThat(chat.path("plugin").asString()).isEqualTo(plugin.id().toString());
        assertThat(chat.path("whatsappPhoneNumberId").asString()).isEqualTo(plugin.numberId());
        assertThat(chat.path("team").asString()).isEqualTo(team.id().toString());
        assertThat(chat.path("lastMessageAt").asLong()).isEqualTo(t3.toEpochMilli());
        assertThat(chat.path("lastMessage").path("text").asString()).isEqualTo("to b");
        assertThat(chat.path("lastMessage").path("direction").asString()).isEqualTo("OUTBOUND");
        assertThat(chat.path("customerServiceWindowExpiresAt").isNull()).isTrue();
    }

    @Test
    void pagesAreOneBasedWithTotalAndHasMore() {
        TestTeam team = newTeam();
        Plugin plugin = sandboxPlugin(team);
        List<String> expected = new ArrayList<>();
        Instant t = Instant.parse("2030-01-01T00:00:00Z");
        for (int i = 0; i < 5; i++) {
            UUID chat = send(team, plugin, "91980000010" + i, "hi").chatId();
            times(chat, t, t, t.minusSeconds(i));
            expected.add(chat.toString());
        }

        Reply first = listChats(team, obj("limit", 2));
        assertThat(ids(first)).containsExactlyElementsOf(expected.subList(0, 2));
        assertThat(first.json().path("_meta").path("total").asLong()).isEqualTo(5);
        assertThat(first.json().path("_meta").path("limit").asInt()).isEqualTo(2);
        assertThat(first.json().path("_meta").path("hasMore").asBoolean()).isTrue();
        Reply second = listChats(team, obj("limit", 2, "page", 2));
        assertThat(ids(second)).containsExactlyElementsOf(expected.subList(2, 4));
        assertThat(second.json().path("_meta").path("hasMore").asBoolean()).isTrue();
        Reply last = listChats(team, obj("limit", "2", "page", "3"));
        assertThat(ids(last)).containsExactly(expected.get(4));
        assertThat(last.json().path("_meta").path("page").asInt()).isEqualTo(3);
        assertThat(last.json().path("_meta").path("hasMore").asBoolean()).isFalse();
        Reply beyond = listChats(team, obj("limit", 2, "page", 4));
        assertThat(ids(beyond)).isEmpty();
        assertThat(beyond.json().path("_meta").path("total").asLong()).isEqualTo(5);
        assertThat(beyond.json().path("_meta").path("hasMore").asBoolean()).isFalse();
        Reply all = listChats(team, obj("limit", 100));
        assertThat(ids(all)).containsExactlyElementsOf(expected);
    }

    @Test
    void searchFindsDigitsOfTheNumberOrPartOfTheNameIgnoringCase() {
        TestTeam team = newTeam();
        Plugin plugin = sandboxPlugin(team);
        receive(team, plugin, "919911223344", "Asha Rao", "hello");
        receive(team, plugin, "919812345678", "Ravi Kumar", "hi");
        send(team, plugin, "14155550123", "no name known");
        receive(team, plugin, "447700900123", "100% Real_Name", "odd name");

        assertThat(contacts(listChats(team, obj("search", "asha")))).containsExactly("919911223344");
        assertThat(contacts(listChats(team, obj("search", "  RAO ")))).containsExactly("919911223344");
        assertThat(contacts(listChats(team, obj("search", "99112")))).containsExactly("919911223344");
        assertThat(contacts(listChats(team, obj("search", "+91 98123-45")))).containsExactly("919812345678");
        assertThat(contacts(listChats(team, obj("search", "(415) 555")))).containsExactly("14155550123");
        assertThat(contacts(listChats(team, obj("search", "kumar")))).containsExactly("919812345678");
        assertThat(contacts(listChats(team, obj("search", "a", "orderField", "createdAt", "orderDirection", "asc"))))
                .containsExactly("919911223344", "919812345678", "447700900123");
        // LIKE's wildcards are searched for as themselves.
        assertThat(contacts(listChats(team, obj("search", "100%")))).containsExactly("447700900123");
        assertThat(contacts(listChats(team, obj("search", "r_o")))).isEmpty();
        assertThat(contacts(listChats(team, obj("search", "%")))).containsExactly("447700900123");
        assertThat(contacts(listChats(team, obj("search", "nobody")))).isEmpty();
        Reply blank = listChats(team, obj("search", "   "));
        assertThat(contacts(blank)).hasSize(4);
        assertThat(listChats(team, obj("search", "asha"))
                        .json()
                        .path("_meta")
                        .path("total")
                        .asLong())
                .isEqualTo(1);
    }

    @Test
    void filtersByStatusPluginNumberAndAssignee() {
        TestTeam team = newTeam();
        Plugin one = sandboxPlugin(team);
        Plugin two = sandboxPlugin(team);
        String open = send(team, one, "919800000201", "x").chatId().toString();
        String closed = send(team, one, "919800000202", "x").chatId().toString();
        String other = send(team, two, "919800000203", "x").chatId().toString();
        assertThat(api().post("/v1/ext/chat/" + closed + "/close", team.adminToken(), null)
                        .status())
                .isEqualTo(200);
        Reply assigned = api().post("/v1/ext/chat/" + other + "/assign", team.adminToken(), obj("assignedTo", "admin"));
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);

        assertThat(ids(listChats(team, obj("status", "OPEN")))).containsExactlyInAnyOrder(open, other);
        assertThat(ids(listChats(team, obj("status", "closed")))).containsExactly(closed);
        assertThat(ids(listChats(team, obj("pluginId", one.id().toString())))).containsExactlyInAnyOrder(open, closed);
        assertThat(ids(listChats(team, obj("whatsappPhoneNumberId", two.numberId()))))
                .containsExactly(other);
        assertThat(ids(listChats(team, obj("pluginId", one.id().toString(), "status", "OPEN"))))
                .containsExactly(open);
        assertThat(ids(listChats(team, obj("assignedTo", "admin")))).containsExactly(other);
        assertThat(ids(listChats(team, obj("assignedTo", team.adminUserId().toString()))))
                .containsExactly(other);
        assertThat(ids(listChats(team, obj("assignedTo", "ADMIN", "status", "CLOSED"))))
                .isEmpty();
        assertThat(ids(listChats(team, obj("whatsappPhoneNumberId", "000", "status", null, "assignedTo", null))))
                .isEmpty();
        // Form-driven clients send every field, the unused ones null.
        assertThat(ids(listChats(team, obj("status", null, "pluginId", null, "search", null, "limit", null))))
                .hasSize(3);
    }

    @Test
    void badInputIsA400NamingEachField() {
        TestTeam team = newTeam();
        Reply bad = listChats(
                team,
                obj(
                        "orderField",
                        "name",
                        "orderDirection",
                        "up",
                        "limit",
                        101,
                        "page",
                        0,
                        "status",
                        "PENDING",
                        "pluginId",
                        "x",
                        "assignedTo",
                        "nobody",
                        "search",
                        42,
                        "whatsappPhoneNumberId",
                        List.of("1")));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.json().path("_errorDetails").findValuesAsString("field"))
                .containsExactlyInAnyOrder(
                        "orderField",
                        "orderDirection",
                        "limit",
                        "page",
                        "status",
                        "pluginId",
                        "assignedTo",
                        "search",
                        "whatsappPhoneNumberId");
        assertThat(listChats(team, obj("limit", 0)).firstError()).contains("limit");
        assertThat(listChats(team, obj("limit", 2.5)).status()).isEqualTo(400);
        assertThat(listChats(team, "[1]").status()).isEqualTo(400);
        Reply unknownPlugin = listChats(team, obj("pluginId", UUID.randomUUID().toString()));
        assertThat(unknownPlugin.status()).as(unknownPlugin.toString()).isEqualTo(404);
        assertThat(unknownPlugin.firstError()).contains("plugin");
    }

    @Test
    void anotherTeamSeesNoneOfTheChats() {
        TestTeam owner = newTeam();
        Plugin plugin = sandboxPlugin(owner);
        receive(owner, plugin, "919911223344", "Asha Rao", "hello");
        TestTeam other = newTeam();

        Reply theirs = listChats(other, obj());
        assertThat(ids(theirs)).isEmpty();
        assertThat(theirs.json().path("_meta").path("total").asLong()).isZero();
        assertThat(ids(listChats(other, obj("search", "asha")))).isEmpty();
        assertThat(listChats(other, obj("pluginId", plugin.id().toString())).status())
                .isEqualTo(404);
        assertThat(ids(listChats(other, obj("whatsappPhoneNumberId", plugin.numberId()))))
                .isEmpty();
        assertThat(ids(listChats(owner, obj()))).hasSize(1);
    }
}
