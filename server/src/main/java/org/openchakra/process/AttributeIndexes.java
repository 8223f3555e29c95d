package org.openchakra.process;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
public class AttributeIndexes {

    private static final Logger log = LoggerFactory.getLogger(AttributeIndexes.class);

    private final JdbcClient jdbc;
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();

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
                    Thread.ofVirtual().name("index-" + name).start(() -> create(name, function, attribute.shortId()));
                }
            }
        }
    }

    /** {@code shortId} matched [A-Za-z][A-Za-z0-9_]* when the attribute was made: safe inside quotes. */
    private void create(String name, String function, String shortId) {
        String key = "'" + shortId + "'";
        try {
            // Statistics on the expression let the planner tell a narrow filter (read the attribute
            // index) from a broad one (walk the list order and filter): both stay in milliseconds.
            jdbc.sql("CREATE STATISTICS IF NOT EXISTS " + name + "_stats ON (" + function + "(data, " + key + "))"
                    + " FROM process").update();
            jdbc.sql("CREATE INDEX CONCURRENTLY IF NOT EXISTS " + name + " ON process (team_id, procedure_id, "
                    + function + "(data, " + key + "), created_at DESC, id DESC)"
                    + " WHERE NOT is_deleted AND jsonb_exists(data, " + key + ")").update();
        } catch (RuntimeException e) {
            ensured.remove(name);
            log.warn("Could not build index {} for attribute '{}': {}", name, shortId, e.getMessage());
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
