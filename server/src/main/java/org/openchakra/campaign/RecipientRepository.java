package org.openchakra.campaign;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import org.openchakra.common.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Recipients as the admin API and the report see them: added, read, listed, removed, stopped, cancelled and
 * counted. Each row's latest step is its last attempt joined with the chat message that attempt made.
 */
@Repository
class RecipientRepository {

    static final String COLUMNS = "r.id, r.campaign_id, r.phone_number, r.lead_id, r.process_id, r.row_data,"
            + " r.status, r.reason, r.next_step_index, r.next_step_at, r.created_at, r.updated_at";
    static final String STEP_COLUMNS = "a.id AS a_id, a.step_index AS a_index, a.status AS a_status,"
            + " coalesce(a.sent_at, a.claimed_at) AS a_at, a.chat_message_id AS a_message, a.external_id AS a_external,"
            + " m.delivery_status AS a_delivery, coalesce(a.delivery_error_code, a.error_code) AS a_code,"
            + " coalesce(a.delivery_error_message, a.error_message) AS a_error";
    static final String WITH_LAST_STEP = " FROM campaign_recipient r"
            + " LEFT JOIN campaign_attempt a ON a.id = r.last_attempt_id"
            + " LEFT JOIN chat_message m ON m.id = a.chat_message_id";
    private static final String NOW = "date_trunc('milliseconds', now())";
    /** A campaign {@code c} whose enrollments a reply stops (campaigns.md §3). */
    private static final String STOPS_ON_REPLY =
            "c.kind = 'DRIP' AND c.stop_on_reply AND c.status IN ('SCHEDULED', 'RUNNING', 'PAUSED')";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    RecipientRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A recipient to add: its number (digits), lead, source process and row. */
    record NewRecipient(String phoneNumber, UUID leadId, UUID processId, ObjectNode row) {}

    /**
     * Adds recipients (a number already in the campaign is left as it is); answers how many were added. The
     * first step is due {@code firstDelayMinutes} after now, the time of enrollment.
     */
    int insertAll(UUID teamId, UUID campaignId, List<NewRecipient> recipients, int firstDelayMinutes) {
        if (recipients.isEmpty()) {
            return 0;
        }
        ArrayNode rows = json.createArrayNode();
        for (NewRecipient r : recipients) {
            ObjectNode row = rows.addObject();
            row.put("phone", r.phoneNumber());
            row.put("lead", r.leadId() == null ? null : r.leadId().toString());
            row.put("process", r.processId() == null ? null : r.processId().toString());
            row.set("data", r.row());
        }
        return jdbc.sql("INSERT INTO campaign_recipient (team_id, campaign_id, phone_number, lead_id, process_id,"
                        + " row_data, next_step_at) SELECT :team, :campaign, x.phone, x.lead, x.process, x.data,"
                        + " now() + make_interval(mins => :delay)"
                        + " FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS x(phone text, lead uuid, process uuid,"
                        + " data jsonb) ON CONFLICT (campaign_id, phone_number) DO NOTHING")
                .param("team", teamId)
                .param("campaign", campaignId)
                .param("rows", json.writeValueAsString(rows))
                .param("delay", firstDelayMinutes)
                .update();
    }

    /** Which of {@code phones} the campaign has already. */
    Set<String> present(UUID campaignId, Collection<String> phones) {
        if (phones.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT phone_number FROM campaign_recipient WHERE campaign_id = :campaign"
                        + " AND phone_number = ANY (:phones)")
                .param("campaign", campaignId)
                .param("phones", phones.toArray(String[]::new))
                .query(String.class)
                .list());
    }

    long count(UUID campaignId) {
        return jdbc.sql("SELECT count(*) FROM campaign_recipient WHERE campaign_id = :campaign")
                .param("campaign", campaignId)
                .query(Long.class)
                .single();
    }

    Optional<Recipient> findByPhone(UUID teamId, UUID campaignId, String phone) {
        return jdbc.sql("SELECT " + COLUMNS + ", " + STEP_COLUMNS + WITH_LAST_STEP
                        + " WHERE r.team_id = :team AND r.campaign_id = :campaign AND r.phone_number = :phone")
                .param("team", teamId)
                .param("campaign", campaignId)
                .param("phone", phone)
                .query(this::map)
                .optional()
                .map(r -> r.withHistory(history(List.of(r.id())).getOrDefault(r.id(), List.of())));
    }

    /** Filters of the recipient list; null means no filter. {@code digits} must occur in the number. */
    record Filter(String status, String deliveryStatus, String digits) {

        String where() {
            return " WHERE r.team_id = :team AND r.campaign_id = :campaign"
                    + " AND (CAST(:status AS text) IS NULL OR r.status = :status)"
                    + " AND (CAST(:delivery AS text) IS NULL OR m.delivery_status = :delivery)"
                    + " AND (CAST(:digits AS text) IS NULL OR strpos(r.phone_number, :digits) > 0)";
        }

        JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, UUID teamId, UUID campaignId) {
            return statement
                    .param("team", teamId)
                    .param("campaign", campaignId)
                    .param("status", status)
                    .param("delivery", deliveryStatus)
                    .param("digits", digits);
        }
    }

    /** A page of recipients in the order they were added, each with its history. */
    List<Recipient> list(UUID teamId, UUID campaignId, Filter filter, int skip, int limit) {
        List<Recipient> page = filter.bind(
                        jdbc.sql("SELECT " + COLUMNS + ", " + STEP_COLUMNS + WITH_LAST_STEP + filter.where()
                                + " ORDER BY r.id LIMIT :limit OFFSET :skip"),
                        teamId,
                        campaignId)
                .param("limit", limit)
                .param("skip", skip)
                .query(this::map)
                .list();
        Map<UUID, List<Recipient.Attempt>> history =
                history(page.stream().map(Recipient::id).toList());
        return page.stream()
                .map(r -> r.withHistory(history.getOrDefault(r.id(), List.of())))
                .toList();
    }

    long count(UUID teamId, UUID campaignId, Filter filter) {
        return filter.bind(jdbc.sql("SELECT count(*)" + WITH_LAST_STEP + filter.where()), teamId, campaignId)
                .query(Long.class)
                .single();
    }

    /**
     * Every recipient of the campaign with its latest step, in the order they were added, handed to {@code row}
     * one at a time: pages of {@code pageSize} read by id, so a report of a million rows holds one page.
     */
    void forEach(UUID teamId, UUID campaignId, int pageSize, Consumer<Recipient> row) {
        UUID after = null;
        while (true) {
            List<Recipient> page = jdbc.sql("SELECT " + COLUMNS + ", " + STEP_COLUMNS + WITH_LAST_STEP
                            + " WHERE r.team_id = :team AND r.campaign_id = :campaign"
                            + " AND (CAST(:after AS uuid) IS NULL OR r.id > :after) ORDER BY r.id LIMIT :limit")
                    .param("team", teamId)
                    .param("campaign", campaignId)
                    .param("after", after)
                    .param("limit", pageSize)
                    .query(this::map)
                    .list();
            page.forEach(row);
            if (page.size() < pageSize) {
                return;
            }
            after = page.getLast().id();
        }
    }

    /** The steps taken by each recipient, in step order. */
    Map<UUID, List<Recipient.Attempt>> history(List<UUID> recipients) {
        Map<UUID, List<Recipient.Attempt>> steps = new LinkedHashMap<>();
        if (recipients.isEmpty()) {
            return steps;
        }
        jdbc.sql("SELECT a.recipient_id, " + STEP_COLUMNS + " FROM campaign_attempt a"
                        + " LEFT JOIN chat_message m ON m.id = a.chat_message_id"
                        + " WHERE a.recipient_id = ANY (CAST(:ids AS uuid[])) ORDER BY a.recipient_id, a.step_index")
                .param("ids", recipients.toArray(UUID[]::new))
                .query(rs -> {
                    steps.computeIfAbsent(rs.getObject("recipient_id", UUID.class), k -> new ArrayList<>())
                            .add(attempt(rs));
                });
        return steps;
    }

    /** REMOVED, unless it is done already; answers whether it changed. */
    boolean remove(UUID teamId, UUID campaignId, String phone) {
        return jdbc.sql("UPDATE campaign_recipient SET status = 'REMOVED', reason = NULL, next_step_at = NULL,"
                                + " updated_at = " + NOW + " WHERE team_id = :team AND campaign_id = :campaign"
                                + " AND phone_number = :phone AND status IN ('PENDING', 'ACTIVE')")
                        .param("team", teamId)
                        .param("campaign", campaignId)
                        .param("phone", phone)
                        .update()
                == 1;
    }

    /** Cancel is final: pending recipients SKIPPED, active ones STOPPED, both with reason CANCELLED. */
    int cancelAll(UUID teamId, UUID campaignId) {
        return jdbc.sql("UPDATE campaign_recipient SET status = CASE status WHEN 'ACTIVE' THEN 'STOPPED'"
                        + " ELSE 'SKIPPED' END, reason = 'CANCELLED', next_step_at = NULL, updated_at = " + NOW
                        + " WHERE team_id = :team AND campaign_id = :campaign AND status IN ('PENDING', 'ACTIVE')")
                .param("team", teamId)
                .param("campaign", campaignId)
                .update();
    }

    /** The first step of every recipient that has taken none is due {@code delayMinutes} after it was added. */
    void rescheduleFirstStep(UUID teamId, UUID campaignId, int delayMinutes) {
        jdbc.sql("UPDATE campaign_recipient SET next_step_at = created_at + make_interval(mins => :delay)"
                        + " WHERE team_id = :team AND campaign_id = :campaign AND status = 'PENDING'"
                        + " AND next_step_index = 0 AND last_attempt_id IS NULL")
                .param("team", teamId)
                .param("campaign", campaignId)
                .param("delay", delayMinutes)
                .update();
    }

    /**
     * campaigns.md §3 stop on reply: the customer's active enrollments in drip campaigns of this sender number
     * that stop on reply are STOPPED, REPLIED; answers how many.
     */
    int stopOnReply(UUID teamId, String phoneNumberId, String phone) {
        return jdbc.sql("UPDATE campaign_recipient r SET status = 'STOPPED', reason = 'REPLIED', next_step_at = NULL,"
                        + " updated_at = " + NOW + " WHERE r.team_id = :team AND r.phone_number = :phone"
                        + " AND r.status = 'ACTIVE' AND r.campaign_id IN (SELECT c.id FROM campaign c"
                        + "   WHERE c.team_id = :team AND c.whatsapp_phone_number_id = :pnid AND " + STOPS_ON_REPLY
                        + ")")
                .param("team", teamId)
                .param("pnid", phoneNumberId)
                .param("phone", phone)
                .update();
    }

    /** Whether the team has a drip campaign of this sender number that a reply would stop ({@link #stopOnReply}). */
    boolean anyStopsOnReply(UUID teamId, String phoneNumberId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM campaign c WHERE c.team_id = :team"
                        + " AND c.whatsapp_phone_number_id = :pnid AND " + STOPS_ON_REPLY + ")")
                .param("team", teamId)
                .param("pnid", phoneNumberId)
                .query(Boolean.class)
                .single();
    }

    /** Recipients by status and by the delivery status of their latest step. */
    record Tally(String status, String deliveryStatus, long count) {}

    List<Tally> tally(UUID campaignId) {
        return jdbc.sql("SELECT r.status, m.delivery_status, count(*) AS n" + WITH_LAST_STEP
                        + " WHERE r.campaign_id = :campaign GROUP BY r.status, m.delivery_status")
                .param("campaign", campaignId)
                .query((rs, n) -> new Tally(rs.getString("status"), rs.getString("delivery_status"), rs.getLong("n")))
                .list();
    }

    /** Errors of the campaign's attempts: {@code delivery} false for refusals, true for failed deliveries. */
    record ErrorCount(boolean delivery, Integer code, String message, long count) {}

    List<ErrorCount> errors(UUID campaignId) {
        return jdbc.sql("SELECT false AS delivery, error_code AS code, error_message AS message, count(*) AS n"
                        + " FROM campaign_attempt WHERE campaign_id = :campaign AND status IN ('FAILED', 'UNKNOWN')"
                        + " GROUP BY error_code, error_message"
                        + " UNION ALL SELECT true, delivery_error_code, delivery_error_message, count(*)"
                        + " FROM campaign_attempt WHERE campaign_id = :campaign AND delivery_error_code IS NOT NULL"
                        + " GROUP BY delivery_error_code, delivery_error_message ORDER BY 4 DESC")
                .param("campaign", campaignId)
                .query((rs, n) -> new ErrorCount(
                        rs.getBoolean("delivery"),
                        (Integer) rs.getObject("code"),
                        rs.getString("message"),
                        rs.getLong("n")))
                .list();
    }

    private Recipient map(ResultSet rs, int row) throws SQLException {
        String data = rs.getString("row_data");
        return new Recipient(
                rs.getObject("id", UUID.class),
                rs.getObject("campaign_id", UUID.class),
                rs.getString("phone_number"),
                rs.getObject("lead_id", UUID.class),
                rs.getObject("process_id", UUID.class),
                data == null ? null : json.readTree(data),
                rs.getString("status"),
                rs.getString("reason"),
                rs.getInt("next_step_index"),
                Rows.instant(rs, "next_step_at"),
                rs.getObject("a_id") == null ? null : attempt(rs),
                null,
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"));
    }

    private static Recipient.Attempt attempt(ResultSet rs) throws SQLException {
        return new Recipient.Attempt(
                rs.getObject("a_id", UUID.class),
                rs.getInt("a_index"),
                rs.getString("a_status"),
                Rows.instant(rs, "a_at"),
                rs.getObject("a_message", UUID.class),
                rs.getString("a_external"),
                rs.getString("a_delivery"),
                (Integer) rs.getObject("a_code"),
                rs.getString("a_error"));
    }
}
