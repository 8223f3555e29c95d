package org.openchakra.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openchakra.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The table of ready delivery queues (issue 15) under the outbox's own API, with this process's delivery loops
 * stopped so that the test's claimers are the only ones: several claimers (as several server processes) racing
 * writers of new events never lose an event, never send one twice, never have two of one chat in flight, and keep
 * each chat's order; and a claim reads the queues it claims, not every queue with work.
 */
class WebhookQueuesTest extends IntegrationTest {

    private static final Duration LEASE = Duration.ofSeconds(60);

    @Autowired
    WebhookOutbox outbox;

    @Autowired
    WebhookDeliverer loops;

    @Autowired
    TransactionTemplate tx;

    @Autowired
    JdbcClient jdbc;

    private final String url = "http://127.0.0.1:9/queues-" + UUID.randomUUID();

    @BeforeEach
    void stopTheLoops() {
        loops.stop();
    }

    @AfterEach
    void startTheLoops() {
        loops.start();
    }

    private WebhookOutbox.NewDelivery event(UUID team, String chat, int seq) {
        return new WebhookOutbox.NewDelivery(
                team, null, "message", "CHAKRA", url, chat, ("{\"seq\":" + seq + "}").getBytes(StandardCharsets.UTF_8));
    }

    private static int seq(WebhookOutbox.Claimed c) {
        String body = new String(c.body(), StandardCharsets.UTF_8);
        return Integer.parseInt(body.substring(body.indexOf(':') + 1, body.indexOf('}')));
    }

    /**
     * Writers add events to 8 chats in small transactions while 3 claimers send them; a claimer's mark may come in
     * the same moment as a writer's new event for the same chat, the race in which a queue could be dropped as empty
     * with an event still to send.
     */
    @Test
    void concurrentClaimersAndWritersSendEveryEventOnceInItsChatsOrder() throws Exception {
        UUID team = newTeam().id();
        int chats = 8;
        int perChat = 100;
        Map<String, List<Integer>> sent = new ConcurrentHashMap<>();
        Set<String> inFlight = ConcurrentHashMap.newKeySet();
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    // Writer 0 writes chats 0-3, writer 1 chats 4-7, each in order, a few events per transaction.
                    for (int seq = 0; seq < perChat; seq++) {
                        int s = seq;
                        // Work after the events, before the commit (as a batch of notifications marks them
                        // processed), and a pause between transactions, so that the claimers empty the queues
                        // often and their marks meet transactions that are adding events.
                        tx.executeWithoutResult(status -> {
                            outbox.batched(() -> {
                                for (int c = writer * chats / 2; c < (writer + 1) * chats / 2; c++) {
                                    outbox.add(event(team, "chat-" + c, s));
                                }
                            });
                            sleep(ThreadLocalRandom.current().nextInt(3));
                        });
                        sleep(ThreadLocalRandom.current().nextInt(3));
                    }
                    return null;
                }));
            }
            List<Future<?>> claimers = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                claimers.add(pool.submit(() -> {
                    int idle = 0;
                    Set<WebhookOutbox.Queue> held = Set.of();
                    while (writing.get() || idle < 20 || !held.isEmpty()) {
                        List<WebhookOutbox.Claimed> batch = outbox.claim(4, LEASE);
                        List<WebhookOutbox.Delivered> answered = new ArrayList<>();
                        for (WebhookOutbox.Claimed c :
                                batch.stream().filter(c -> c.url().equals(url)).toList()) {
                            if (!inFlight.add(c.orderKey())) {
                                violations.add("two of " + c.orderKey() + " in flight");
                            }
                            sent.computeIfAbsent(c.orderKey(), key -> Collections.synchronizedList(new ArrayList<>()))
                                    .add(seq(c));
                            answered.add(new WebhookOutbox.Delivered(
                                    c.id(), 200, new WebhookOutbox.Queue(c.url(), c.orderKey())));
                        }
                        sleep(ThreadLocalRandom.current().nextInt(3));
                        answered.forEach(a -> inFlight.remove(a.queue().orderKey()));
                        held = outbox.delivered(answered, held);
                        idle = answered.isEmpty() ? idle + 1 : 0;
                        if (answered.isEmpty()) {
                            sleep(5);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> w : writers) {
                w.get(60, TimeUnit.SECONDS);
            }
            writing.set(false);
            for (Future<?> c : claimers) {
                c.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(violations).isEmpty();
        List<Integer> expected =
                java.util.stream.IntStream.range(0, perChat).boxed().toList();
        for (int c = 0; c < chats; c++) {
            assertThat(sent.get("chat-" + c)).as("chat-" + c).containsExactlyElementsOf(expected);
        }
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_delivery WHERE url = :url AND status <> 'DELIVERED'")
                        .param("url", url)
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_queue WHERE url = :url")
                        .param("url", url)
                        .query(Integer.class)
                        .single())
                .as("no queue row is left once every event is delivered")
                .isZero();
    }

    /**
     * The race a queue's row closes: the chat's only event is answered while a transaction that adds the chat's next
     * event has not committed yet. The mark must not drop the queue as empty (it cannot see the new event): the next
     * event is claimed once that transaction commits.
     */
    @Test
    void anEventAddedWhileTheLastOneIsMarkedIsStillClaimed() throws Exception {
        UUID team = newTeam().id();
        tx.executeWithoutResult(status -> outbox.add(event(team, "race", 0)));
        List<WebhookOutbox.Claimed> first = claimOwn(1);
        assertThat(first).hasSize(1);

        CountDownLatch added = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> written = writer.submit(() -> tx.executeWithoutResult(status -> {
                outbox.add(event(team, "race", 1));
                added.countDown();
                await(commit);
            }));
            assertThat(added.await(10, TimeUnit.SECONDS)).isTrue();
            WebhookOutbox.Claimed c = first.get(0);
            Set<WebhookOutbox.Queue> held = outbox.delivered(
                    List.of(new WebhookOutbox.Delivered(c.id(), 200, new WebhookOutbox.Queue(c.url(), c.orderKey()))),
                    Set.of());
            commit.countDown();
            written.get(10, TimeUnit.SECONDS);
            for (int i = 0; !held.isEmpty() && i < 100; i++) {
                held = outbox.delivered(List.of(), held);
            }
            assertThat(held).isEmpty();
        } finally {
            writer.shutdownNow();
        }
        assertThat(claimOwn(10)).extracting(WebhookQueuesTest::seq).containsExactly(1);
    }

    /**
     * A claim leases its head on the queue's row and writes no new version of the delivery (V17): the queue is held
     * until the lease runs out, and a failed attempt frees it at once for its retry, which counts as attempt 2.
     */
    @Test
    void aClaimLeasesOnTheQueueRowAndAFailureFreesItForItsRetry() {
        UUID team = newTeam().id();
        tx.executeWithoutResult(status -> outbox.add(event(team, "lease", 0)));
        String written = version("lease");
        List<WebhookOutbox.Claimed> first = claimOwn(10);
        assertThat(first).extracting(WebhookOutbox.Claimed::attempt).containsExactly(1);
        assertThat(version("lease")).as("the delivery's row as written").isEqualTo(written);
        assertThat(claimOwn(10)).as("leased").isEmpty();

        WebhookOutbox.Claimed c = first.get(0);
        outbox.failed(c.id(), new WebhookOutbox.Queue(c.url(), c.orderKey()), 500, "HTTP 500", Duration.ZERO, false);
        assertThat(claimOwn(10)).extracting(WebhookOutbox.Claimed::attempt).containsExactly(2);
    }

    /**
     * A queue's next head is looked for from its row's {@code from} position on (V19), not from its oldest delivery: a
     * delivery queued again (redeliver) while a later one heads its queue is older than that head, and is still sent
     * after it.
     */
    @Test
    void aDeliveryQueuedAgainBehindALaterHeadIsSentAfterIt() {
        UUID team = newTeam().id();
        tx.executeWithoutResult(status -> {
            outbox.add(event(team, "again", 0));
            outbox.add(event(team, "again", 1));
        });
        WebhookOutbox.Claimed first = claimOwn(10).get(0);
        assertThat(seq(first)).isZero();
        markDelivered(first);
        List<WebhookOutbox.Claimed> second = claimOwn(10);
        assertThat(second).extracting(WebhookQueuesTest::seq).containsExactly(1);

        assertThat(outbox.redeliver(team, first.id())).isPresent();
        assertThat(claimOwn(10)).as("its head is in flight").isEmpty();
        markDelivered(second.get(0));
        assertThat(claimOwn(10)).extracting(WebhookQueuesTest::seq).containsExactly(0);
    }

    private void markDelivered(WebhookOutbox.Claimed c) {
        assertThat(outbox.delivered(
                        List.of(new WebhookOutbox.Delivered(
                                c.id(), 200, new WebhookOutbox.Queue(c.url(), c.orderKey()))),
                        List.of()))
                .isEmpty();
    }

    /** Where the delivery's row version is and which transaction wrote it: any update changes both. */
    private String version(String chat) {
        return jdbc.sql("SELECT ctid::text || '/' || xmin::text FROM webhook_delivery WHERE url = :url"
                        + " AND order_key = :chat")
                .param("url", url)
                .param("chat", chat)
                .query(String.class)
                .single();
    }

    private List<WebhookOutbox.Claimed> claimOwn(int limit) {
        return outbox.claim(limit, LEASE).stream()
                .filter(c -> c.url().equals(url))
                .toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * 1 000 chats wait for a retry an hour away and one has an event due: a claim finds that one, and reads a
     * handful of outbox rows to do it, where a walk over the queues with work read thousands.
     */
    @Test
    void aClaimReadsTheQueuesItClaimsNotEveryQueueWithWork() {
        UUID team = newTeam().id();
        int waiting = 1_000;
        tx.executeWithoutResult(status -> outbox.batched(() -> {
            for (int c = 0; c < waiting; c++) {
                outbox.add(event(team, "waiting-" + c, 0));
            }
        }));
        List<WebhookOutbox.Claimed> first = new ArrayList<>();
        while (first.size() < waiting) {
            List<WebhookOutbox.Claimed> more = outbox.claim(500, LEASE).stream()
                    .filter(c -> c.url().equals(url))
                    .toList();
            assertThat(more).isNotEmpty();
            first.addAll(more);
        }
        for (WebhookOutbox.Claimed c : first) {
            outbox.failed(
                    c.id(),
                    new WebhookOutbox.Queue(c.url(), c.orderKey()),
                    500,
                    "HTTP 500",
                    Duration.ofHours(1),
                    false);
        }
        tx.executeWithoutResult(status -> outbox.add(event(team, "due", 1)));
        // The planner knows the table's size, as it does on any server past autovacuum's first visit; without it
        // a table just grown from empty can be planned as a scan of every row, which is not what this checks.
        jdbc.sql("ANALYZE webhook_delivery, webhook_queue").update();

        List<WebhookOutbox.Claimed> claimed = new ArrayList<>();
        long rowsRead = tx.execute(status -> {
            // The counters of this connection's reads not yet reported, before and after the claim, in one transaction
            // (hence one connection, and no report in between).
            long before = outboxRowsRead();
            claimed.addAll(outbox.claim(10, LEASE));
            return outboxRowsRead() - before;
        });
        assertThat(claimed.stream().filter(c -> c.url().equals(url)).map(WebhookOutbox.Claimed::orderKey))
                .containsExactly("due");
        assertThat(rowsRead).isLessThan(100);
    }

    /** Rows and index entries of the outbox read by this connection since it last reported its statistics. */
    private long outboxRowsRead() {
        return jdbc.sql("SELECT sum(pg_stat_get_xact_tuples_returned(c.oid) + pg_stat_get_xact_tuples_fetched(c.oid))"
                        + " FROM pg_class c WHERE c.oid = 'webhook_delivery'::regclass OR c.oid IN"
                        + " (SELECT indexrelid FROM pg_index WHERE indrelid = 'webhook_delivery'::regclass)")
                .query(Long.class)
                .single();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
