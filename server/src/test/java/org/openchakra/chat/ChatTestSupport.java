package org.openchakra.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openchakra.support.IntegrationTest;
import org.openchakra.support.Reply;
import org.openchakra.support.SentMessages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Chat test data made the ways the server makes it: outgoing messages through {@link ChatMessageRepository}
 * (as sends record them), inbound ones through {@link ChatOpening} and the insert the inbound processor does.
 */
abstract class ChatTestSupport extends IntegrationTest {

    @Autowired
    ChatMessageRepository messages;

    @Autowired
    ChatOpening opening;

    @Autowired
    JdbcClient jdbc;

    /** A sandbox plugin of the team, and its one sender number. */
    record Plugin(UUID id, String numberId) {}

    Plugin sandboxPlugin(TestTeam team) {
        Reply created =
                api().post("/v1/admin/plugins/whatsapp", team.adminToken(), obj("name", "x", "mode", "SANDBOX"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return new Plugin(
                UUID.fromString(created.data().path("id").asString()),
                created.data()
                        .path("wabas")
                        .get(0)
                        .path("phoneNumbers")
                        .get(0)
                        .path("id")
                        .asString());
    }

    ChatMessage send(TestTeam team, Plugin plugin, String to, String text) {
        return messages.recordOutgoing(SentMessages.passThroughText(
                team.id(), plugin.id(), plugin.numberId(), to, text, "SENT", "wamid.out-" + UUID.randomUUID()));
    }

    /** An inbound text from {@code from} (profile name {@code name}) at {@code at}; answers the message id. */
    UUID receive(TestTeam team, Plugin plugin, String from, String name, String text, Instant at) {
        Chat chat = opening.findOrOpen(team.id(), plugin.id(), plugin.numberId(), from, name);
        ObjectNode body =
                JsonNodeFactory.instance.objectNode().put("from", from).put("type", "text");
        body.putObject("text").put("body", text);
        UUID id = jdbc.sql("INSERT INTO chat_message (team_id, chat_id, plugin_id, whatsapp_phone_number_id,"
                        + " contact_identifier, external_id, data_type, body, text, delivery_status, direction, timestamp,"
                        + " source_type) VALUES (:team, :chat, :plugin, :pnid, :contact, :wamid, 'text',"
                        + " CAST(:body AS jsonb), :text, 'RECEIVED', 'INBOUND', :at, 'INBOUND') RETURNING id")
                .param("team", team.id())
                .param("chat", chat.id())
                .param("plugin", plugin.id())
                .param("pnid", plugin.numberId())
                .param("contact", from)
                .param("wamid", "wamid.in-" + UUID.randomUUID())
                .param("body", body.toString())
                .param("text", text)
                .param("at", Timestamp.from(at))
                .query(UUID.class)
                .single();
        jdbc.sql("UPDATE chat SET unread_count = unread_count + 1, last_inbound_at = :at,"
                        + " last_message_at = greatest(last_message_at, :at), updated_at = now() WHERE id = :chat")
                .param("chat", chat.id())
                .param("at", Timestamp.from(at))
                .update();
        return id;
    }

    UUID receive(TestTeam team, Plugin plugin, String from, String name, String text) {
        return receive(team, plugin, from, name, text, Instant.now());
    }

    /** Pins a chat's times, for tests of the order. */
    void times(UUID chatId, Instant createdAt, Instant updatedAt, Instant lastMessageAt) {
        jdbc.sql("UPDATE chat SET created_at = :created, updated_at = :updated, last_message_at = :last WHERE id = :id")
                .param("id", chatId)
                .param("created", Timestamp.from(createdAt))
                .param("updated", Timestamp.from(updatedAt))
                .param("last", Timestamp.from(lastMessageAt))
                .update();
    }

    void setReopenClosedChats(TestTeam team, boolean reopen) {
        Reply reply = api().put("/v1/admin/team", team.adminToken(), obj("reopenClosedChats", reopen));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.data().path("reopenClosedChats").asBoolean()).isEqualTo(reopen);
    }

    /** The ids of a successful list answer's items, in order. */
    static List<String> ids(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        reply.data().values().forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }

    Reply listChats(TestTeam team, Object body) {
        return api().post("/v1/ext/chat", team.adminToken(), body);
    }
}
