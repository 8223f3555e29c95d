package org.openchakra.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.openchakra.support.Json.obj;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.openchakra.support.IntegrationTest;
import org.openchakra.support.Reply;
import org.openchakra.support.SentMessages;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Outgoing messages recorded together, as concurrent sends finish together, end up as if one by one. */
class OutgoingRecorderTest extends IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    OutgoingRecorder recorder;

    @Autowired
    ChatMessageRepository messages;

    @Autowired
    JdbcClient jdbc;

    @Test
    void concurrentMessagesAreRecordedTogetherEachInItsCustomersChat() throws Exception {
        TestTeam team = newTeam();
        Reply plugin = sandboxPlugin(team);
        UUID pluginId = UUID.fromString(plugin.data().path("id").asString());
        String pnid = plugin.data()
                .path("wabas")
                .path(0)
                .path("phoneNumbers")
                .path(0)
                .path("id")
                .asString();
        ChatMessage quoted = recorder.record(message(team, pluginId, pnid, "911000000000", "wamid.quoted", "first"));

        int count = 60;
        List<OutgoingMessage> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String customer = "91100000000" + (i % 5);
            batch.add(
                    i % 10 == 3
                            ? withQuote(message(team, pluginId, pnid, customer, "wamid.b" + i, "reply " + i))
                            : message(team, pluginId, pnid, customer, "wamid.b" + i, "message " + i));
        }
        List<ChatMessage> recorded = new ArrayList<>();
        for (Future<ChatMessage> future : allAtOnce(batch)) {
            recorded.add(future.get());
        }
        for (int i = 0; i < count; i++) {
            ChatMessage m = recorded.get(i);
            assertThat(m.externalId()).isEqualTo("wamid.b" + i);
            assertThat(m.text()).isEqualTo((i % 10 == 3 ? "reply " : "message ") + i);
            assertThat(m.contactIdentifier()).isEqualTo("91100000000" + (i % 5));
            assertThat(m.inReplyTo()).isEqualTo(i % 10 == 3 ? quoted.id() : null);
            assertThat(messages.find(team.id(), m.id())).contains(m);
        }
        // One open chat per customer, each holding its customer's messages.
        List<UUID> chats = jdbc.sql("SELECT id FROM chat WHERE team_id = :team")
                .param("team", team.id())
                .query(UUID.class)
                .list();
        assertThat(chats).hasSize(5);
        for (ChatMessage m : recorded) {
            ChatMessage sameCustomer = recorded.stream()
                    .filter(o -> o.contactIdentifier().equals(m.contactIdentifier()))
                    .findFirst()
                    .orElseThrow();
            assertThat(m.chatId()).isEqualTo(sameCustomer.chatId());
        }
        // Messages written in one batch share its transaction's time: some did.
        Set<Object> times = new HashSet<>();
        recorded.forEach(m -> times.add(m.timestamp()));
        assertThat(times.size())
                .as("distinct write times of %s messages", recorded.size())
                .isLessThan(recorded.size());
        // Each chat's preview is one of its own messages.
        for (UUID chat : chats) {
            String previewId = jdbc.sql("SELECT last_message->>'id' FROM chat WHERE id = :id")
                    .param("id", chat)
                    .query(String.class)
                    .single();
            assertThat(recorded.stream().filter(m -> m.chatId().equals(chat)).map(m -> m.id().toString()))
                    .contains(previewId);
        }
    }

    @Test
    void aMessageTheDatabaseRefusesFailsAloneAndTheRestOfItsBatchIsRecorded() throws Exception {
        TestTeam team = newTeam();
        Reply plugin = sandboxPlugin(team);
        UUID pluginId = UUID.fromString(plugin.data().path("id").asString());
        String pnid = plugin.data()
                .path("wabas")
                .path(0)
                .path("phoneNumbers")
                .path(0)
                .path("id")
                .asString();
        List<OutgoingMessage> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            // jsonb refuses NUL: the batch holding it fails and is written again one by one.
            batch.add(message(team, pluginId, pnid, "9120000000" + i, "wamid.c" + i, i == 5 ? "bad\u0000" : "ok " + i));
        }
        List<Future<ChatMessage>> futures = allAtOnce(batch);
        for (int i = 0; i < futures.size(); i++) {
            if (i == 5) {
                int bad = i;
                assertThatThrownBy(() -> futures.get(bad).get()).isInstanceOf(ExecutionException.class);
            } else {
                assertThat(futures.get(i).get().text()).isEqualTo("ok " + i);
            }
        }
        assertThat(jdbc.sql("SELECT count(*) FROM chat_message WHERE team_id = :team")
                        .param("team", team.id())
                        .query(Long.class)
                        .single())
                .isEqualTo(19);
    }

    @Test
    void aTeamThatReopensClosedChatsHasItsConcurrentMessagesReopenTheLatestChat() throws Exception {
        TestTeam team = newTeam();
        Reply setting = api().put("/v1/admin/team", team.adminToken(), obj("reopenClosedChats", true));
        assertThat(setting.status()).as(setting.toString()).isEqualTo(200);
        Reply plugin = sandboxPlugin(team);
        UUID pluginId = UUID.fromString(plugin.data().path("id").asString());
        String pnid = plugin.data()
                .path("wabas")
                .path(0)
                .path("phoneNumbers")
                .path(0)
                .path("id")
                .asString();
        ChatMessage first = recorder.record(message(team, pluginId, pnid, "913000000000", "wamid.r0", "first"));
        Reply closed = api().post("/v1/ext/chat/" + first.chatId() + "/close", team.adminToken(), obj());
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);

        List<OutgoingMessage> batch = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            batch.add(message(team, pluginId, pnid, "913000000000", "wamid.r" + i, "again " + i));
        }
        for (Future<ChatMessage> future : allAtOnce(batch)) {
            assertThat(future.get().chatId()).isEqualTo(first.chatId());
        }
        assertThat(jdbc.sql("SELECT status FROM chat WHERE team_id = :team")
                        .param("team", team.id())
                        .query(String.class)
                        .list())
                .containsExactly("OPEN");
    }

    /** Chats and messages need a plugin of the team to belong to; a sandbox one needs nothing else. */
    private Reply sandboxPlugin(TestTeam team) {
        Reply plugin = api().post("/v1/admin/plugins/whatsapp", team.adminToken(), obj("name", "S", "mode", "SANDBOX"));
        assertThat(plugin.status()).as(plugin.toString()).isEqualTo(200);
        return plugin;
    }

    /** Records every message from its own thread, all released at the same moment. */
    private List<Future<ChatMessage>> allAtOnce(List<OutgoingMessage> batch) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ChatMessage>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (OutgoingMessage m : batch) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return recorder.record(m);
                }));
            }
            start.countDown();
        }
        return futures;
    }

    private static OutgoingMessage message(
            TestTeam team, UUID pluginId, String pnid, String customer, String wamid, String text) {
        return SentMessages.passThroughText(team.id(), pluginId, pnid, customer, text, "SENT", wamid);
    }

    private static OutgoingMessage withQuote(OutgoingMessage m) {
        return new OutgoingMessage(
                m.teamId(),
                m.pluginId(),
                m.whatsappPhoneNumberId(),
                m.contactIdentifier(),
                m.dataType(),
                m.body(),
                m.text(),
                m.deliveryStatus(),
                m.externalId(),
                m.errors(),
                m.sourceType(),
                m.sourceId(),
                m.messageTemplateId(),
                m.procedureId(),
                m.processId(),
                "wamid.quoted");
    }
}
