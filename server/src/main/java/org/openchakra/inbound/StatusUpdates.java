package org.openchakra.inbound;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.openchakra.chat.ChatChanges;
import org.openchakra.webhook.CustomerEvents;
import org.openchakra.whatsapp.plugin.PluginService;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Applies Meta's statuses to outgoing messages (webhooks.md §1): forward only ({@code SENT < DELIVERED <
 * READ}; {@code FAILED} from any other), so a late or repeated status never moves a message back. A status
 * whose message is not recorded yet is kept as an orphan and applied when the message appears.
 */
@Component
class StatusUpdates {

    // Rank of each delivery status; a status applies only if it ranks above the message's current one.
    private static final String RANK = "CASE %s WHEN 'PENDING' THEN 0 WHEN 'SENT' THEN 1 WHEN 'DELIVERED' THEN 2"
            + " WHEN 'READ' THEN 3 WHEN 'FAILED' THEN 4 ELSE 5 END";

    /** A moved message, from the columns both status statements return ({@code target}: its new status). */
    private static final RowMapper<CustomerEvents.StatusChange> STATUS_CHANGE =
            (rs, row) -> new CustomerEvents.StatusChange(
                    rs.getObject("id", UUID.class),
                    rs.getObject("chat_id", UUID.class),
                    rs.getString("external_id"),
                    rs.getString("target"),
                    rs.getString("whatsapp_phone_number_id"),
                    rs.getString("contact_identifier"),
                    rs.getObject("campaign_id", UUID.class));

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final CustomerEvents events;
    private final PluginService plugins;
    private final List<InboundListener> listeners;
    private volatile Runnable orphanStored = () -> {};
    private final ChatChanges chatChanges;

    StatusUpdates(
            JdbcClient jdbc,
            JsonMapper json,
            CustomerEvents events,
            PluginService plugins,
            List<InboundListener> listeners,
            ChatChanges chatChanges) {
        this.chatChanges = chatChanges;
        this.plugins = plugins;
        this.listeners = List.copyOf(listeners);
        this.jdbc = jdbc;
        this.json = json;
        this.events = events;
    }

    /** Meta's status name as a delivery status, or empty for those that are not one ({@code played}). */
    static Optional<String> deliveryStatus(String metaStatus) {
        return switch (metaStatus) {
            case "sent" -> Optional.of("SENT");
            case "delivered" -> Optional.of("DELIVERED");
            case "read" -> Optional.of("READ");
            case "failed" -> Optional.of("FAILED");
            default -> Optional.empty();
        };
    }

    /** A status object of a notification with the plugin that owns its entry: one input of {@link #moveAll}. */
    record Candidate(WhatsappPlugin plugin, JsonNode status) {}

    /**
     * What {@link #moveAll} decided, by status object (identity): the move it made, or empty when the status was
     * old news for its message. A status it did not decide (its message was not found) is applied on its own.
     */
    static final class Moves {
        static final Moves NONE = new Moves(Map.of());
        private final Map<JsonNode, Optional<CustomerEvents.StatusChange>> decided;

        private Moves(Map<JsonNode, Optional<CustomerEvents.StatusChange>> decided) {
            this.decided = decided;
        }

        /** Null when this status was not decided by the batch. */
        Optional<CustomerEvents.StatusChange> of(JsonNode status) {
            return decided.get(status);
        }

        /**
         * Whether applying the status is settled by the batch's statement: it was decided, or is no move at all (no
         * wamid, or a status such as {@code played}). An undecided one looks for its message again in its turn.
         */
        boolean decided(JsonNode status) {
            return decided.containsKey(status)
                    || status.path("id").asString("").isEmpty()
                    || deliveryStatus(status.path("status").asString("")).isEmpty();
        }
    }

    /**
     * Moves the outgoing messages that a batch's statuses name, in one statement for the whole batch instead of one
     * per status (statuses are most of what Meta sends): each status applies, in the batch's order, when it ranks
     * above its message's status and above every earlier status of the batch for that message, exactly as the
     * statuses would one after another. Statuses whose message is not found (yet) are left undecided: the caller
     * applies them on their own in their turn ({@link #apply(WhatsappPlugin, String, JsonNode, Moves)}), as a
     * message recorded meanwhile (an echo of the batch, a campaign's send) must count.
     */
    Moves moveAll(List<Candidate> candidates) {
        List<Candidate> statuses = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        for (Candidate c : candidates) {
            String wamid = c.status().path("id").asString("");
            Optional<String> target = deliveryStatus(c.status().path("status").asString(""));
            if (!wamid.isEmpty() && target.isPresent()) {
                statuses.add(c);
                targets.add(target.get());
            }
        }
        if (statuses.isEmpty()) {
            return Moves.NONE;
        }
        Map<JsonNode, Optional<CustomerEvents.StatusChange>> decided = new IdentityHashMap<>();
        jdbc.sql("""
                WITH s AS (
                    SELECT * FROM unnest(CAST(:plugins AS uuid[]), CAST(:teams AS uuid[]), CAST(:wamids AS text[]),
                        CAST(:targets AS text[]), CAST(:metas AS text[]), CAST(:details AS jsonb[]),
                        CAST(:errors AS jsonb[])) WITH ORDINALITY AS s(plugin_id, team_id, wamid, target, meta, details,
                        errors, ord)
                ), m AS (
                    SELECT m.id, m.team_id, m.plugin_id, m.external_id, %s AS rank
                    FROM (SELECT DISTINCT plugin_id, team_id, wamid FROM s ORDER BY plugin_id, wamid) k,
                    LATERAL (SELECT m.* FROM chat_message m WHERE m.plugin_id = k.plugin_id AND m.external_id = k.wamid
                        AND m.team_id = k.team_id AND m.direction = 'OUTBOUND' FOR UPDATE) m
                ), ranked AS (
                    SELECT s.ord, s.target, s.meta, s.details, s.errors, m.id, m.team_id, %s AS to_rank,
                        greatest(m.rank, max(%s) OVER (PARTITION BY m.id ORDER BY s.ord
                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) AS above
                    FROM s JOIN m ON m.plugin_id = s.plugin_id AND m.external_id = s.wamid AND m.team_id = s.team_id
                ), moved AS (
                    UPDATE chat_message m SET delivery_status = t.target,
                        errors = CASE WHEN t.target = 'FAILED' THEN t.errors ELSE m.errors END,
                        status_details = coalesce(m.status_details, '{}'::jsonb) || t.details, updated_at = now()
                    FROM (SELECT id, team_id, (array_agg(target ORDER BY ord DESC))[1] AS target,
                            (array_agg(errors ORDER BY ord DESC))[1] AS errors,
                            jsonb_object_agg(meta, details ORDER BY ord) AS details
                        FROM ranked WHERE to_rank > above GROUP BY id, team_id) t
                    WHERE m.id = t.id AND m.team_id = t.team_id
                    RETURNING m.id, m.chat_id, m.external_id, m.whatsapp_phone_number_id, m.contact_identifier,
                        m.campaign_id
                )
                SELECT r.ord, r.target, r.to_rank > r.above AS applies, u.* FROM ranked r LEFT JOIN moved u ON u.id = r.id
                """.formatted(
                        RANK.formatted("m.delivery_status"), RANK.formatted("s.target"), RANK.formatted("s.target")))
                .param("plugins", statuses.stream().map(c -> c.plugin().id()).toArray(UUID[]::new))
                .param("teams", statuses.stream().map(c -> c.plugin().teamId()).toArray(UUID[]::new))
                .param(
                        "wamids",
                        statuses.stream()
                                .map(c -> c.status().path("id").asString())
                                .toArray(String[]::new))
                .param("targets", targets.toArray(String[]::new))
                .param(
                        "metas",
                        statuses.stream()
                                .map(c -> c.status().path("status").asString())
                                .toArray(String[]::new))
                .param(
                        "details",
                        statuses.stream()
                                .map(c -> json.writeValueAsString(details(c.status())))
                                .toArray(String[]::new))
                .param("errors", statuses.stream().map(c -> errors(c.status())).toArray(String[]::new))
                .query(rs -> {
                    JsonNode status = statuses.get(rs.getInt("ord") - 1).status();
                    decided.put(
                            status,
                            rs.getBoolean("applies")
                                    ? Optional.of(STATUS_CHANGE.mapRow(rs, rs.getRow()))
                                    : Optional.empty());
                });
        return new Moves(decided);
    }

    /** Applies one status object of a notification, in the caller's transaction. */
    void apply(WhatsappPlugin plugin, String wabaId, JsonNode status) {
        apply(plugin, wabaId, status, Moves.NONE);
    }

    /** As {@link #apply(WhatsappPlugin, String, JsonNode)}, where {@code moves} may have decided it already. */
    void apply(WhatsappPlugin plugin, String wabaId, JsonNode status, Moves moves) {
        String wamid = status.path("id").asString("");
        String metaStatus = status.path("status").asString("");
        Optional<String> target = deliveryStatus(metaStatus);
        if (wamid.isEmpty() || target.isEmpty()) {
            return;
        }
        Optional<CustomerEvents.StatusChange> decided = moves.of(status);
        Optional<CustomerEvents.StatusChange> moved =
                decided != null ? decided : move(plugin, wamid, target.get(), metaStatus, status);
        // A status that moved nothing either is old news for its message, or names no message (yet).
        boolean known = decided != null || moved.isPresent() || known(plugin, wamid);
        if (!known && claimedByListener(plugin, status)) {
            moved = move(plugin, wamid, target.get(), metaStatus, status);
            known = true;
        }
        if (moved.isPresent()) {
            events.statusChanged(plugin, wabaId, moved.get(), status);
            chatChanges.changed(plugin.teamId(), moved.get().chatId());
        } else if (!known) {
            jdbc.sql("INSERT INTO orphan_status (team_id, plugin_id, wamid, status, waba_id, payload)"
                            + " VALUES (:team, :plugin, :wamid, :status, :waba, CAST(:payload AS jsonb))"
                            + " ON CONFLICT DO NOTHING")
                    .param("team", plugin.teamId())
                    .param("plugin", plugin.id())
                    .param("wamid", wamid)
                    .param("status", metaStatus)
                    .param("waba", wabaId)
                    .param("payload", json.writeValueAsString(status))
                    .update();
            orphanStored.run();
        }
        for (InboundListener listener : listeners) {
            listener.statusReceived(plugin, status);
        }
    }

    private boolean known(WhatsappPlugin plugin, String wamid) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM chat_message WHERE plugin_id = :plugin"
                        + " AND external_id = :wamid AND team_id = :team)")
                .param("plugin", plugin.id())
                .param("wamid", wamid)
                .param("team", plugin.teamId())
                .query(Boolean.class)
                .single();
    }

    /** Whether a listener recorded the wamid on a message it knew under another name (a campaign send). */
    private boolean claimedByListener(WhatsappPlugin plugin, JsonNode status) {
        for (InboundListener listener : listeners) {
            if (listener.statusForUnknownMessage(plugin, status)) {
                return true;
            }
        }
        return false;
    }

    private Optional<CustomerEvents.StatusChange> move(
            WhatsappPlugin plugin, String wamid, String target, String metaStatus, JsonNode status) {
        return jdbc.sql("UPDATE chat_message m SET delivery_status = :target,"
                        + " errors = CASE WHEN :target = 'FAILED' THEN CAST(:errors AS jsonb) ELSE m.errors END,"
                        + " status_details = coalesce(m.status_details, '{}'::jsonb)"
                        + "   || jsonb_build_object(CAST(:metaStatus AS text), CAST(:details AS jsonb)),"
                        + " updated_at = now()"
                        + " WHERE m.plugin_id = :plugin AND m.external_id = :wamid AND m.team_id = :team"
                        + " AND m.direction = 'OUTBOUND'"
                        + " AND " + RANK.formatted("CAST(:target AS text)") + " > "
                        + RANK.formatted("m.delivery_status")
                        // Only what the events need: the whole row (bodies parsed) cost more than the update.
                        + " RETURNING m.id, m.chat_id, m.external_id, m.delivery_status AS target,"
                        + " m.whatsapp_phone_number_id,"
                        + " m.contact_identifier, m.campaign_id")
                .param("target", target)
                .param("metaStatus", metaStatus)
                .param("errors", errors(status))
                .param("details", json.writeValueAsString(details(status)))
                .param("plugin", plugin.id())
                .param("wamid", wamid)
                .param("team", plugin.teamId())
                .query(STATUS_CHANGE)
                .optional();
    }

    /** Meta's errors of a status, as JSON text; null when it has none. */
    private String errors(JsonNode status) {
        JsonNode errors = status.path("errors");
        return errors.isArray() ? json.writeValueAsString(errors) : null;
    }

    /** What Meta said with the status besides its name: time, conversation, pricing, errors. */
    private JsonNode details(JsonNode status) {
        var details = json.createObjectNode();
        for (String field : List.of("timestamp", "conversation", "pricing", "errors", "biz_opaque_callback_data")) {
            if (status.has(field)) {
                details.set(field, status.get(field));
            }
        }
        return details;
    }

    /** {@code then} runs whenever an orphan is stored (in the storing transaction): its message may come soon. */
    void whenOrphanStored(Runnable then) {
        this.orphanStored = then;
    }

    /** Whether an orphan younger than {@code age} waits for its message. */
    boolean anyYoungerThan(java.time.Duration age) {
        return jdbc.sql(
                        "SELECT EXISTS (SELECT 1 FROM orphan_status WHERE received_at > now() - make_interval(secs => :age))")
                .param("age", (double) age.toSeconds())
                .query(Boolean.class)
                .single();
    }

    /** A status orphaned earlier, now applied (or dropped if its message still is not there). */
    record Orphan(UUID teamId, UUID pluginId, String wamid, String status, String wabaId, JsonNode payload) {}

    /** Orphans whose message is now recorded, locked for the caller's transaction. */
    List<Orphan> claimAdoptable(int limit) {
        return jdbc.sql("SELECT o.team_id, o.plugin_id, o.wamid, o.status, o.waba_id, o.payload FROM orphan_status o"
                        + " WHERE EXISTS (SELECT 1 FROM chat_message m WHERE m.plugin_id = o.plugin_id"
                        + "   AND m.external_id = o.wamid AND m.team_id = o.team_id)"
                        + " ORDER BY o.received_at LIMIT :limit FOR UPDATE OF o SKIP LOCKED")
                .param("limit", limit)
                .query((rs, n) -> new Orphan(
                        rs.getObject("team_id", UUID.class),
                        rs.getObject("plugin_id", UUID.class),
                        rs.getString("wamid"),
                        rs.getString("status"),
                        rs.getString("waba_id"),
                        json.readTree(rs.getString("payload"))))
                .list();
    }

    /** Applies an orphan whose message is now recorded, in the caller's transaction. */
    void adopt(Orphan orphan) {
        forget(orphan);
        plugins.find(orphan.teamId(), orphan.pluginId())
                .ifPresent(plugin -> apply(plugin, orphan.wabaId(), orphan.payload()));
    }

    private void forget(Orphan orphan) {
        jdbc.sql("DELETE FROM orphan_status WHERE plugin_id = :plugin AND wamid = :wamid AND status = :status")
                .param("plugin", orphan.pluginId())
                .param("wamid", orphan.wamid())
                .param("status", orphan.status())
                .update();
    }

    int pruneOrphans(java.time.Duration age) {
        return jdbc.sql("DELETE FROM orphan_status WHERE received_at < now() - make_interval(secs => :age)")
                .param("age", (double) age.toSeconds())
                .update();
    }
}
