package org.openchakra.process;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.openchakra.procedure.AttributeType;
import org.openchakra.procedure.AttributesAdded;
import org.openchakra.procedure.Procedure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps one B-tree index per attribute shortId that can be compared (text or number kinds), shared by
 * every procedure that uses the shortId: {@code (team, procedure, value, createdAt DESC, id DESC)},
 * partial on the attribute being present. An equality filter then reads its first page straight from
 * the index in list order, and a range filter reads only its matches. Built CONCURRENTLY after the
 * attribute's transaction commits, so writes to processes never wait on it.
 */
@Component
class AttributeIndexes {

    private static final Logger log = LoggerFactory.getLogger(AttributeIndexes.class);

    private static final int ATTEMPTS = 6;

    private final JdbcClient jdbc;
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();
    // One build at a time: concurrent CREATE INDEX CONCURRENTLY on one table wait on each other's
    // snapshots and can deadlock (expression indexes do not get PostgreSQL's safe-build exemption).
    private final ExecutorService builder = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("attribute-index").factory());

    public AttributeIndexes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    public void onAttributesAdded(AttributesAdded event) {
        for (Procedure.Attribute attribute : event.attributes()) {
            AttributeType type = AttributeType.of(attribute.type()).orElseThrow();
            String function = switch (type.kind()) {
                case TEXT -> "oc_text";
                case NUMBER -> "oc_number";
                default -> null;
            };
            if (function != null) {
                String name = indexName(function, attribute.shortId());
                if (ensured.add(name)) {
                    builder.execute(() -> build(name, function, attribute.shortId()));
                }
            }
        }
    }

    /** Another server may be building at the same time; a build that lost a deadlock is tried again. */
    private void build(String name, String function, String shortId) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                create(name, function, shortId);
                return;
            } catch (RuntimeException e) {
                log.warn(
                        "Building index {} for attribute '{}' failed (attempt {} of {}): {}",
                        name,
                        shortId,
                        attempt,
                        ATTEMPTS,
                        e.getMessage());
                sleep(1000L << attempt);
            }
        }
        ensured.remove(name);
    }

    /** {@code shortId} matched [A-Za-z][A-Za-z0-9_]* when the attribute was made: safe inside quotes. */
    private void create(String name, String function, String shortId) {
        String key = "'" + shortId + "'";
        // A failed concurrent build leaves an invalid index that IF NOT EXISTS would keep forever.
        boolean invalid = jdbc.sql("SELECT EXISTS (SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
                        + " WHERE c.relname = :name AND NOT i.indisvalid)")
                .param("name", name)
                .query(Boolean.class)
                .single();
        if (invalid) {
            jdbc.sql("DROP INDEX CONCURRENTLY IF EXISTS " + name).update();
        }
        // Statistics on the expression let the planner tell a narrow filter (read the attribute index)
        // from a broad one (walk the list order and filter): both stay in milliseconds.
        jdbc.sql("CREATE STATISTICS IF NOT EXISTS " + name + "_stats ON (" + function + "(data, " + key + "))"
                        + " FROM process")
                .update();
        jdbc.sql("CREATE INDEX CONCURRENTLY IF NOT EXISTS " + name + " ON process (team_id, procedure_id, "
                        + function + "(data, " + key + "), created_at DESC, id DESC)"
                        + " WHERE NOT is_deleted AND jsonb_exists(data, " + key + ")")
                .update();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String indexName(String function, String shortId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(shortId.getBytes(StandardCharsets.UTF_8));
            String readable = shortId.toLowerCase(Locale.ROOT);
            readable = readable.length() > 30 ? readable.substring(0, 30) : readable;
            // The hash keeps "Score" and "score" apart; the readable part helps an operator.
            return "process_" + (function.equals("oc_text") ? "t_" : "n_") + readable + "_"
                    + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
