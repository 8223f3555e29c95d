package org.openchakra.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openchakra.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

class ClusterNoticesTest extends IntegrationTest {

    @Autowired
    ClusterNotices notices;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    /** Records what one topic receives. */
    static final class Recorder implements NoticeListener {
        final List<String> received = new CopyOnWriteArrayList<>();
        final AtomicInteger gaps = new AtomicInteger();

        @Override
        public void onNotice(String payload) {
            received.add(payload);
        }

        @Override
        public void onGap() {
            gaps.incrementAndGet();
        }
    }

    private Recorder subscribed(String topic) {
        Recorder recorder = new Recorder();
        notices.subscribe(topic, recorder);
        return recorder;
    }

    @Test
    void aNoticeReachesTheSubscribersOfItsTopicOnly() {
        Recorder first = subscribed("test.first");
        Recorder other = subscribed("test.other");

        notices.publish("test.first", "{\"id\":\"42\"} with spaces");

        await().atMost(Duration.ofSeconds(2)).until(() -> first.received.size() == 1);
        assertThat(first.received).containsExactly("{\"id\":\"42\"} with spaces");
        assertThat(other.received).isEmpty();
    }

    @Test
    void aNoticeOfARolledBackTransactionNeverArrives() {
        Recorder recorder = subscribed("test.tx");

        transactions.executeWithoutResult(status -> {
            notices.publish("test.tx", "rolled back");
            status.setRollbackOnly();
        });
        transactions.executeWithoutResult(status -> notices.publish("test.tx", "committed"));

        await().atMost(Duration.ofSeconds(2)).until(() -> recorder.received.contains("committed"));
        assertThat(recorder.received).containsExactly("committed");
    }

    @Test
    void afterTheListeningConnectionIsCutListenersHearOfTheGapAndNoticesFlowAgain() {
        Recorder recorder = subscribed("test.gap");
        int gapsBefore = recorder.gaps.get();

        int cut = jdbc.sql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE application_name = 'openchakra-notices'")
                .query(Integer.class)
                .single();
        assertThat(cut).isEqualTo(1);

        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.gaps.get() > gapsBefore);
        notices.publish("test.gap", "after");
        await().atMost(Duration.ofSeconds(2)).until(() -> recorder.received.contains("after"));
    }

    @Test
    void aNoticeTooLargeForPostgresqlOrWithABadTopicIsRefusedBeforeItIsSent() {
        assertThatThrownBy(() -> notices.publish("test.big", "x".repeat(8000)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> notices.publish("Bad Topic", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
