package org.openchakra.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openchakra.support.Json.obj;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.openchakra.support.Reply;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which chat a message goes into: the open one, else a new one, or (team setting {@code reopenClosedChats}) the
 * latest one re-opened; for inbound messages ({@link ChatOpening#findOrOpen}) and sends
 * ({@link ChatMessageRepository#recordOutgoing}) alike, and under concurrency.
 */
class ChatOpeningTest extends ChatTestSupport {

    private static final String CUSTOMER = "919911223344";

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactions;

    private Chat inbound(TestTeam team, Plugin plugin, String name) {
        return opening.findOrOpen(team.id(), plugin.id(), plugin.numberId(), CUSTOMER, name);
    }

    private long chatsOf(TestTeam team, String status) {
        return jdbc.sql("SELECT count(*) FROM chat WHERE team_id = :team AND contact_identifier = :contact"
                        + " AND status = :status")
                .param("team", team.id())
                .param("contact", CUSTOMER)
                .param("status", status)
                .query(Long.class)
                .single();
    }

    private void close(TestTeam team, UUID chat) {
        Reply closed = api().post("/v1/ext/chat/" + chat + "/close", team.adminToken(), null);
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
    }

    @Test
    void theSettingIsOffByDefaultAndChangedThroughTheTeam() {
        TestTeam team = newTeam();
        assertThat(api().get("/v1/admin/team", team.adminToken())
                        .data()
                        .path("reopenClosedChats")
                        .isBoolean())
                .isTrue();
        assertThat(api().get("/v1/admin/team", team.adminToken())
                        .data()
                        .path("reopenClosedChats")
                        .asBoolean())
                .isFalse();
        setReopenClosedChats(team, true);
        assertThat(api().get("/v1/admin/team", team.adminToken())
                        .data()
                        .path("reopenClosedChats")
                        .asBoolean())
                .isTrue();
        Reply untouched = api().put("/v1/admin/team", team.adminToken(), obj("name", "Renamed"));
        assertThat(untouched.data().path("reopenClosedChats").asBoolean()).isTrue();
        Reply bad = api().put("/v1/admin/team", team.adminToken(), obj("name", "Again", "reopenClosedChats", "maybe"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("_errorDetails").get(0).path("field").asString())
                .isEqualTo("reopenClosedChats");
        assertThat(api().get("/v1/admin/team", team.adminToken())
                        .data()
                        .path("name")
                        .asString())
                .isEqualTo("Renamed");
        setReopenClosedChats(team, false);
    }

    @Test
    void oneOpenChatPerCustomerAndNumberWhoseNameFollowsTheProfile() {
        TestTeam team = newTeam();
        Plugin plugin = sandboxPlugin(team);
        Plugin other = sandboxPlugin(team);
        Chat opened = inbound(team, plugin, "Asha");
        assertThat(opened.status()).isEqualTo("OPEN");
        assertThat(opened.contactName()).isEqualTo("Asha");
        assertThat(opened.contactIdentifier()).isEqualTo(CUSTOMER);
        assertThat(opened.pluginId()).isEqualTo(plugin.id());
        Chat again = inbound(team, plugin, null);
        assertThat(again.id()).isEqualTo(opened.id());
        assertThat(again.contactName()).isEqualTo("Asha");
        assertThat(inbound(team, plugin, "Asha Rao").contactName()).isEqualTo("Asha Rao");
        assertThat(send(team, plugin, CUSTOMER, "hi").chatId()).isEqualTo(opened.id());
        assertThat(inbound(team, other, "Asha").id()).isNotEqualTo(opened.id());
        assertThat(chatsOf(team, "OPEN")).isEqualTo(2);
    }

    @Test
    void withTheSettingOffTheNextMessageAfterClosingOpensANewChat() {
        TestTeam team = newTeam();
        Plugin plugin = sandboxPlugin(team);
        Chat first = inbound(team, plugin, "Asha");
        close(team, first.id());
        Chat byInbound = inbound(team, plugin, null);
        assertThat(byInbound.id()).isNotEqualTo(first.id());
        assertThat(byInbound.status()).isEqualTo("OPEN");
        assertThat(byInbound.contactName()).isNull();
        close(team, byInbound.id());
        UUID bySend = send(team, plugin, CUSTOMER, "hello again").chatId();
        assertThat(bySend).isNotIn(first.id(), byInbound.id());
        assertThat(chatsOf(team, "CLOSED")).isEqualTo(2);
        assertThat(chatsOf(team, "OPEN")).isEqualTo(1);
    }

    @Test
    void withTheSettingOnTheLatestChatIsReopenedByInboundMessagesAndSends() {
        TestTeam team = newTeam();
        Plugin plugin = sandboxPlugin(team);
        Chat older = inbound(team, plugin, "Asha");
        close(team, older.id());
        Chat latest = inbound(team, plugin, "Asha");
        Reply assigned =
                api().post("/v1/ext/chat/" + latest.id() + "/assign", team.adminToken(), obj("assignedTo", "admin"));
        assertThat(assigned.status()).isEqualTo(200);
        close(team, latest.id());
        setReopenClosedChats(team, true);

        Chat reopened = inbound(team, plugin, "Asha R.");
        assertThat(reopened.id()).isEqualTo(latest.id());
        assertThat(reopened.status()).isEqualTo("OPEN");
        assertThat(reopened.contactName()).isEqualTo("Asha R.");
        assertThat(reopened.assignedTo()).isEqualTo(team.adminUserId());
        assertThat(inbound(team, plugin, null).id()).isEqualTo(latest.id());

        close(team, latest.id());
        ChatMessage sent = send(team, plugin, CUSTOMER, "we are back");
        assertThat(sent.chatId()).isEqualTo(latest.id());
        Reply chat = api().get("/v1/ext/chat/" + latest.id(), team.adminToken());
        assertThat(chat.data().path("status").asString()).isEqualTo("OPEN");
        assertThat(chat.data().path("lastMessage").path("text").asString()).isEqualTo("we are back");
        assertThat(chatsOf(team, "OPEN")).isEqualTo(1);
        assertThat(chatsOf(team, "CLOSED")).isEqualTo(1);

        // An older chat re-opened by hand stays the one messages go to.
        close(team, latest.id());
        Reply byHand = api().post("/v1/ext/chat/" + older.id() + "/reopen", team.adminToken(), null);
        assertThat(byHand.status()).isEqualTo(200);
        assertThat(inbound(team, plugin, null).id()).isEqualTo(older.id());
        assertThat(send(team, plugin, CUSTOMER, "x").chatId()).isEqualTo(older.id());
    }

    @Test
    void concurrentFirstMessagesAgreeOnOneChat() throws Exception {
        TestTeam team = newTeam();
        Plugin plugin = sandboxPlugin(team);
        Set<UUID> chats = race(
                16,
                i -> i % 2 == 0
                        ? () -> inbound(team, plugin, "Asha").id()
                        : () -> send(team, plugin, CUSTOMER, "hi " + i).chatId());
        assertThat(chats).hasSize(1);
        assertThat(chatsOf(team, "OPEN")).isEqualTo(1);
    }

    @Test
    void concurrentMessagesAfterClosingReopenTheSameChatOnce() throws Exception {
        TestTeam team = newTeam();
        Plugin plugin = sandboxPlugin(team);
        Chat chat = inbound(team, plugin, "Asha");
        close(team, chat.id());
        setReopenClosedChats(team, true);
        Set<UUID> chats = race(
                16,
                i -> i % 2 == 0
                        ? () -> inbound(team, plugin, null).id()
                        : () -> send(team, plugin, CUSTOMER, "hi " + i).chatId());
        assertThat(chats).containsExactly(chat.id());
        assertThat(chatsOf(team, "OPEN")).isEqualTo(1);
        assertThat(chatsOf(team, "CLOSED")).isZero();
    }

    /** Runs {@code n} tasks at once (as far as threads allow) and collects their chat ids. */
    private static Set<UUID> race(int n, java.util.function.IntFunction<Supplier<UUID>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<UUID>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Supplier<UUID> s = task.apply(i);
                results.add(pool.submit(() -> {
                    start.await();
                    return s.get();
                }));
            }
            start.countDown();
            Set<UUID> ids = new HashSet<>();
            for (Future<UUID> r : results) {
                ids.add(r.get());
            }
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reopeningThatLosesToANewOpenChatTakesThatChat() throws Exception {
        lostRace(false);
    }

    @Test
    void reopeningThatLosesToANewOpenChatInsideATransactionKeepsTheTransactionUsable() throws Exception {
        lostRace(true);
    }

    /**
     * Another writer (one that ignores the setting) opens a new chat while {@code findOrOpen} re-opens the closed
     * one: the re-opening waits on the unique index, fails when the other commits, and the retry takes the new chat.
     */
    private void lostRace(boolean inTransaction) throws Exception {
        TestTeam team = newTeam();
        Plugin plugin = sandboxPlugin(team);
        Chat closed = inbound(team, plugin, "Asha");
        close(team, closed.id());
        setReopenClosedChats(team, true);
        String marker = "lost-race-" + UUID.randomUUID();
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            UUID newChat;
            try (PreparedStatement insert = other.prepareStatement(
                    "INSERT INTO chat (team_id, plugin_id,"
                            + " whatsapp_phone_number_id, contact_identifier, contact_name) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                insert.setObject(1, team.id());
                insert.setObject(2, plugin.id());
                insert.setString(3, plugin.numberId());
                insert.setString(4, CUSTOMER);
                insert.setString(5, marker);
                try (var rs = insert.executeQuery()) {
                    rs.next();
                    newChat = rs.getObject(1, UUID.class);
                }
            }
            TransactionTemplate tx = new TransactionTemplate(transactions);
            CompletableFuture<Chat> opened = CompletableFuture.supplyAsync(() -> inTransaction
                    ? tx.execute(s -> {
                        Chat c = inbound(team, plugin, null);
                        // The transaction goes on after the lost race.
                        jdbc.sql("SELECT 1").query(Integer.class).single();
                        return c;
                    })
                    : inbound(team, plugin, null));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> jdbc.sql("SELECT count(*) FROM pg_stat_activity"
                                            + " WHERE wait_event_type = 'Lock' AND query LIKE '%reopened AS%'")
                                    .query(Long.class)
                                    .single()
                            > 0);
            other.commit();
            Chat chat = opened.get();
            assertThat(chat.id()).isEqualTo(newChat);
            assertThat(chat.contactName()).isEqualTo(marker);
        }
        assertThat(chatsOf(team, "OPEN")).isEqualTo(1);
        assertThat(chatsOf(team, "CLOSED")).isEqualTo(1);
    }
}
