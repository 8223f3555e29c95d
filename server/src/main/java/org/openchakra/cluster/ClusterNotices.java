package org.openchakra.cluster;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Publishes notices to every server process and hands received ones to this process's listeners. All
 * notices share one PostgreSQL channel; a notice is {@code topic + ' ' + payload}.
 */
@Service
public class ClusterNotices {

    static final String CHANNEL = "openchakra_notices";
    /** PostgreSQL refuses payloads of 8000 bytes or more; the topic and its separator count too. */
    static final int MAX_NOTICE_BYTES = 7999;

    private static final Logger log = LoggerFactory.getLogger(ClusterNotices.class);
    private static final Pattern TOPIC = Pattern.compile("[a-z][a-z0-9._-]{0,63}");

    private final JdbcClient jdbc;
    private final Map<String, List<NoticeListener>> listeners = new ConcurrentHashMap<>();

    public ClusterNotices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Sends a notice to every instance. Inside a transaction it goes out when (and only if) that transaction
     * commits; PostgreSQL drops duplicates of one notice within a transaction. Outside one, it goes at once.
     */
    public void publish(String topic, String payload) {
        String notice = topic(topic) + ' ' + payload;
        if (notice.getBytes(StandardCharsets.UTF_8).length > MAX_NOTICE_BYTES) {
            throw new IllegalArgumentException("A notice must stay under 8000 bytes; send an id, not the data");
        }
        jdbc.sql("SELECT pg_notify(?, ?)").params(CHANNEL, notice).query(row -> {});
    }

    /**
     * {@link #publish}, and this process's listeners get the notice as soon as the transaction commits (at once
     * outside one), before the change is answered: a cache here never serves what a change made through this very
     * process replaced, whenever the notice comes back through PostgreSQL. Other processes get it as from
     * {@link #publish}, once PostgreSQL hands it to them.
     */
    public void publishAndApplyHere(String topic, String payload) {
        publish(topic, payload);
        String notice = topic + ' ' + payload;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    deliver(notice);
                }
            });
        } else {
            deliver(notice);
        }
    }

    /** {@code listener} receives every later notice of {@code topic}, published by any instance. */
    public void subscribe(String topic, NoticeListener listener) {
        listeners
                .computeIfAbsent(topic(topic), t -> new CopyOnWriteArrayList<>())
                .add(listener);
    }

    void deliver(String notice) {
        int space = notice.indexOf(' ');
        String topic = space < 0 ? notice : notice.substring(0, space);
        String payload = space < 0 ? "" : notice.substring(space + 1);
        for (NoticeListener listener : listeners.getOrDefault(topic, List.of())) {
            try {
                listener.onNotice(payload);
            } catch (RuntimeException e) {
                log.warn("A listener of '{}' failed on a notice", topic, e);
            }
        }
    }

    void gap() {
        listeners.values().stream().flatMap(List::stream).forEach(listener -> {
            try {
                listener.onGap();
            } catch (RuntimeException e) {
                log.warn("A notice listener failed to catch up", e);
            }
        });
    }

    private static String topic(String topic) {
        if (!TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("Not a notice topic: " + topic);
        }
        return topic;
    }
}
