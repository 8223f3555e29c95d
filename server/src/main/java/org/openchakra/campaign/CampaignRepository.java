package org.openchakra.campaign;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openchakra.common.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Campaign rows; every read and write names the team. */
@Repository
class CampaignRepository {

    private static final String COLUMNS = "id, team_id, name, kind, plugin_id, whatsapp_phone_number_id, status,"
            + " start_at, steps, stop_on_reply, throughput_mps, status_message, created_at, updated_at, started_at,"
            + " completed_at";
    private static final String NOW = "date_trunc('milliseconds', now())";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CampaignRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    record NewCampaign(
            String name,
            String kind,
            UUID pluginId,
            String phoneNumberId,
            String status,
            Instant startAt,
            List<Campaign.Step> steps,
            boolean stopOnReply,
            Integer throughputMps) {}

    Campaign insert(UUID teamId, NewCampaign c) {
        return jdbc.sql("INSERT INTO campaign (team_id, name, kind, plugin_id, whatsapp_phone_number_id, status,"
                        + " start_at, steps, stop_on_reply, throughput_mps, started_at) VALUES (:team, :name, :kind,"
                        + " :plugin, :pnid, :status, :startAt, CAST(:steps AS jsonb), :stopOnReply, :mps,"
                        + " CASE WHEN :status = 'RUNNING' THEN " + NOW + " END) RETURNING " + COLUMNS)
                .param("team", teamId)
                .param("name", c.name())
                .param("kind", c.kind())
                .param("plugin", c.pluginId())
                .param("pnid", c.phoneNumberId())
                .param("status", c.status())
                .param("startAt", timestamp(c.startAt()))
                .param("steps", stepsJson(c.steps()))
                .param("stopOnReply", c.stopOnReply())
                .param("mps", c.throughputMps())
                .query(this::map)
                .single();
    }

    Optional<Campaign> find(UUID teamId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaign WHERE team_id = :team AND id = :id")
                .param("team", teamId)
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** For the runner, which has only the id from its task. */
    Optional<Campaign> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaign WHERE id = :id")
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** The row locked for the caller's transaction: status changes and recipient additions queue on it. */
    Optional<Campaign> lock(UUID teamId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaign WHERE team_id = :team AND id = :id FOR UPDATE")
                .param("team", teamId)
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** Newest first; {@code status} and {@code kind} may be null (no filter). */
    List<Campaign> list(UUID teamId, String status, String kind, int skip, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM campaign WHERE team_id = :team"
                        + " AND (CAST(:status AS text) IS NULL OR status = :status)"
                        + " AND (CAST(:kind AS text) IS NULL OR kind = :kind)"
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :skip")
                .param("team", teamId)
                .param("status", status)
                .param("kind", kind)
                .param("limit", limit)
                .param("skip", skip)
                .query(this::map)
                .list();
    }

    Campaign update(Campaign c) {
        return jdbc.sql("UPDATE campaign SET name = :name, start_at = :startAt, steps = CAST(:steps AS jsonb),"
                        + " stop_on_reply = :stopOnReply, throughput_mps = :mps, updated_at = " + NOW
                        + " WHERE team_id = :team AND id = :id RETURNING " + COLUMNS)
                .param("team", c.teamId())
                .param("id", c.id())
                .param("name", c.name())
                .param("startAt", timestamp(c.startAt()))
                .param("steps", stepsJson(c.steps()))
                .param("stopOnReply", c.stopOnReply())
                .param("mps", c.throughputMps())
                .query(this::map)
                .single();
    }

    /** Moves the campaign to {@code status}, stamping started/completed times as that status means. */
    Campaign setStatus(UUID teamId, UUID id, String status, String message) {
        return jdbc.sql("UPDATE campaign SET status = :status, status_message = :message, updated_at = " + NOW + ","
                        + " started_at = CASE WHEN :status = 'RUNNING' THEN coalesce(started_at, " + NOW
                        + ") ELSE started_at END,"
                        + " completed_at = CASE WHEN :status IN ('COMPLETED', 'CANCELLED') THEN " + NOW
                        + " ELSE completed_at END WHERE team_id = :team AND id = :id RETURNING " + COLUMNS)
                .param("team", teamId)
                .param("id", id)
                .param("status", status)
                .param("message", message)
                .query(this::map)
                .single();
    }

    /** The runner pauses a running campaign it cannot send for (answers false if it was no longer running). */
    boolean pauseRunning(UUID id, String message) {
        return jdbc.sql("UPDATE campaign SET status = 'PAUSED', status_message = :message, updated_at = " + NOW
                                + " WHERE id = :id AND status = 'RUNNING'")
                        .param("id", id)
                        .param("message", message)
                        .update()
                == 1;
    }

    /** The campaign RUNNING if it was SCHEDULED and its time has come; answers whether this call started it. */
    boolean startIfDue(UUID id) {
        return jdbc.sql("UPDATE campaign SET status = 'RUNNING', started_at = " + NOW + ", updated_at = " + NOW
                                + " WHERE id = :id AND status = 'SCHEDULED' AND start_at <= now()")
                        .param("id", id)
                        .update()
                == 1;
    }

    /** Scheduled campaigns whose time has come, now RUNNING; answers their ids. */
    List<UUID> startDue() {
        return jdbc.sql("UPDATE campaign SET status = 'RUNNING', started_at = " + NOW + ", updated_at = " + NOW
                        + " WHERE status = 'SCHEDULED' AND start_at <= now() RETURNING id")
                .query(UUID.class)
                .list();
    }

    /** Waits (in the caller's transaction, until it ends) for the clocks' turn {@code key}. */
    void lockClock(long key) {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(key).query(row -> {});
    }

    /**
     * When the campaign clock has something to do next, of what is still ahead: a scheduled start, a step of a
     * recipient of a scheduled or running campaign (a drip's next, a retry), the deadline of a send whose outcome
     * is unknown; and {@code tick} from now while a running campaign has steps due (its slices may be finishing
     * as they fall due) or, for a broadcast, sends in flight or a list being added (it may complete any moment).
     * Empty when there is none: an idle server. Each part is an index probe or two per live campaign.
     */
    Optional<Instant> nextDue(Duration tick, Duration unknownOutcomeAfter) {
        return jdbc.sql("SELECT least("
                        + " (SELECT min(start_at) FROM campaign WHERE status = 'SCHEDULED' AND start_at > now()),"
                        + " (SELECT min(n.at) FROM campaign c CROSS JOIN LATERAL (SELECT r.next_step_at AS at"
                        + "   FROM campaign_recipient r WHERE r.campaign_id = c.id AND r.next_step_at > now()"
                        + "   ORDER BY r.next_step_at LIMIT 1) n WHERE c.status IN ('SCHEDULED', 'RUNNING')),"
                        + " (SELECT min(claimed_at) FROM campaign_attempt WHERE status = 'SENDING'"
                        + "   AND claimed_at > now() - make_interval(secs => :after)) + make_interval(secs => :after),"
                        + " CASE WHEN EXISTS (SELECT 1 FROM campaign c WHERE c.status = 'RUNNING'"
                        + "   AND (EXISTS (SELECT 1 FROM campaign_recipient r WHERE r.campaign_id = c.id"
                        + "       AND r.next_step_at <= now())"
                        + "     OR c.kind = 'BROADCAST' AND (EXISTS (SELECT 1 FROM campaign_attempt a"
                        + "       WHERE a.campaign_id = c.id AND a.status = 'SENDING')"
                        + "     OR EXISTS (SELECT 1 FROM campaign_recipient_import i WHERE i.campaign_id = c.id))))"
                        + "   THEN now() + make_interval(secs => :tick) END) AS next")
                .param("after", unknownOutcomeAfter.toMillis() / 1000.0)
                .param("tick", tick.toMillis() / 1000.0)
                .query((rs, n) -> Optional.ofNullable(Rows.instant(rs, "next")))
                .single();
    }

    /** Running campaigns with a recipient whose step is due. */
    List<UUID> runningWithDueWork() {
        return jdbc.sql("SELECT c.id FROM campaign c WHERE c.status = 'RUNNING' AND EXISTS (SELECT 1 FROM"
                        + " campaign_recipient r WHERE r.campaign_id = c.id AND r.next_step_at <= now())")
                .query(UUID.class)
                .list();
    }

    /**
     * Running broadcasts with nothing left to do (no pending or active recipient, no list still being
     * imported), now COMPLETED; answers how many.
     */
    int completeFinishedBroadcasts() {
        return jdbc.sql("UPDATE campaign c SET status = 'COMPLETED', completed_at = " + NOW + ", updated_at = " + NOW
                        + " WHERE c.status = 'RUNNING' AND c.kind = 'BROADCAST'"
                        + " AND NOT EXISTS (SELECT 1 FROM campaign_recipient r WHERE r.campaign_id = c.id"
                        + "   AND r.status IN ('PENDING', 'ACTIVE'))"
                        + " AND NOT EXISTS (SELECT 1 FROM campaign_recipient_import i WHERE i.campaign_id = c.id)")
                .update();
    }

    private String stepsJson(List<Campaign.Step> steps) {
        ArrayNode array = json.createArrayNode();
        for (Campaign.Step step : steps) {
            ObjectNode stored = step.body().deepCopy();
            stored.put("delayMinutes", step.delayMinutes());
            array.add(stored);
        }
        return json.writeValueAsString(array);
    }

    private Campaign map(ResultSet rs, int row) throws SQLException {
        List<Campaign.Step> steps = new ArrayList<>();
        for (JsonNode stored : json.readTree(rs.getString("steps")).values()) {
            ObjectNode body = (ObjectNode) stored.deepCopy();
            int delay = body.path("delayMinutes").asInt(0);
            body.remove("delayMinutes");
            steps.add(new Campaign.Step(body, delay));
        }
        return new Campaign(
                rs.getObject("id", UUID.class),
                rs.getObject("team_id", UUID.class),
                rs.getString("name"),
                rs.getString("kind"),
                rs.getObject("plugin_id", UUID.class),
                rs.getString("whatsapp_phone_number_id"),
                rs.getString("status"),
                Rows.instant(rs, "start_at"),
                List.copyOf(steps),
                rs.getBoolean("stop_on_reply"),
                (Integer) rs.getObject("throughput_mps"),
                rs.getString("status_message"),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"),
                Rows.instant(rs, "started_at"),
                Rows.instant(rs, "completed_at"));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
