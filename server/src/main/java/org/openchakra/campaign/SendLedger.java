package org.openchakra.campaign;

import java.time.Duration;
import java.time.Instant;
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

/**
 * The runner's bookkeeping (campaigns.md §3): which recipients are due, the attempt each step gets before Meta
 * is called, and what became of it. An attempt is unique per (recipient, step) and only a RETRYING one (Meta
 * refused it, so it never went out) may be claimed again: that is what keeps a step from going out twice.
 * Attempts are changed under {@code FOR UPDATE SKIP LOCKED}, so the runner and a status webhook resolving the
 * same attempt never wait on each other: whoever holds it records the outcome, and both know the same one.
 */
@Repository
class SendLedger {

    private static final String NOW = "date_trunc('milliseconds', now())";

    /** What settled an attempt ({@code settled_by}): Meta's answer to the send, a status webhook, the deadline. */
    static final String BY_ANSWER = "META_ANSWER";

    static final String BY_STATUS = "STATUS_WEBHOOK";
    static final String BY_DEADLINE = "DEADLINE";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    SendLedger(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * A recipient whose step is due, locked for the caller's transaction. {@code attemptId} and
     * {@code messageId} are those of the step's earlier attempt when it is to be tried again (RETRYING);
     * {@code attemptStatus} is that attempt's status, null for a first try.
     */
    record Due(
            UUID recipientId,
            String phone,
            UUID leadId,
            UUID processId,
            JsonNode row,
            int stepIndex,
            UUID attemptId,
            UUID messageId,
            String attemptStatus,
            int tries) {}

    /** Up to {@code limit} due recipients of the campaign, earliest first, if it is RUNNING; others skip these. */
    List<Due> claimDue(UUID campaignId, int limit) {
        return jdbc.sql("SELECT r.id, r.phone_number, r.lead_id, r.process_id, r.row_data, r.next_step_index,"
                        + " a.id AS attempt_id, a.chat_message_id, a.status AS attempt_status,"
                        + " coalesce(a.tries, 0) AS tries"
                        + " FROM campaign_recipient r LEFT JOIN campaign_attempt a ON a.recipient_id = r.id"
                        + " AND a.step_index = r.next_step_index"
                        + " WHERE r.campaign_id = :campaign AND r.next_step_at <= now()"
                        + " AND r.status IN ('PENDING', 'ACTIVE')"
                        + " AND EXISTS (SELECT 1 FROM campaign c WHERE c.id = :campaign AND c.status = 'RUNNING')"
                        + " ORDER BY r.next_step_at, r.id LIMIT :limit FOR UPDATE OF r SKIP LOCKED")
                .param("campaign", campaignId)
                .param("limit", limit)
                .query((rs, n) -> {
                    String data = rs.getString("row_data");
                    return new Due(
                            rs.getObject("id", UUID.class),
                            rs.getString("phone_number"),
                            rs.getObject("lead_id", UUID.class),
                            rs.getObject("process_id", UUID.class),
                            data == null ? null : json.readTree(data),
                            rs.getInt("next_step_index"),
                            rs.getObject("attempt_id", UUID.class),
                            rs.getObject("chat_message_id", UUID.class),
                            rs.getString("attempt_status"),
                            rs.getInt("tries"));
                })
                .list();
    }

    /** Whether the campaign has a recipient whose step is due now (one index probe). */
    boolean anyDue(UUID campaignId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM campaign_recipient WHERE campaign_id = :campaign"
                        + " AND next_step_at <= now())")
                .param("campaign", campaignId)
                .query(Boolean.class)
                .single();
    }

    /** Recipients that leave without a send: SKIPPED (opted out) or a step already settled (defensive). */
    void settle(List<UUID> recipients, String status, String reason) {
        if (recipients.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE campaign_recipient SET status = :status, reason = :reason, next_step_at = NULL,"
                        + " updated_at = " + NOW + " WHERE id = ANY (CAST(:ids AS uuid[]))")
                .param("status", status)
                .param("reason", reason)
                .param("ids", recipients.toArray(UUID[]::new))
                .update();
    }

    /** Recipients taken off the due list without any change of status (a state that must not be sent on). */
    void park(List<UUID> recipients) {
        if (recipients.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE campaign_recipient SET next_step_at = NULL, updated_at = " + NOW
                        + " WHERE id = ANY (CAST(:ids AS uuid[]))")
                .param("ids", recipients.toArray(UUID[]::new))
                .update();
    }

    /** A step that cannot be sent to this recipient (a mapping value it lacks): its attempt FAILED, unsent. */
    record Unsendable(UUID attemptId, UUID recipientId, int stepIndex, String message) {}

    /**
     * Fails steps that are not sent (their attempt FAILED, its recipient FAILED with {@code reason}); answers
     * the chat messages of earlier tries of those steps, which the caller marks failed too.
     */
    List<UUID> failUnsent(UUID teamId, UUID campaignId, List<Unsendable> failures, String reason, String worker) {
        if (failures.isEmpty()) {
            return List.of();
        }
        ArrayNode rows = json.createArrayNode();
        for (Unsendable u : failures) {
            ObjectNode row = rows.addObject();
            row.put("id", u.attemptId().toString());
            row.put("recipient", u.recipientId().toString());
            row.put("step", u.stepIndex());
            row.put("message", u.message());
        }
        return jdbc.sql(
                        "WITH x AS (SELECT * FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS x(id uuid, recipient uuid,"
                                + " step int, message text)), attempts AS (INSERT INTO campaign_attempt (id, team_id,"
                                + " campaign_id, recipient_id, step_index, status, tries, claimed_at, worker, error_message)"
                                + " SELECT x.id, :team, :campaign, x.recipient, x.step, 'FAILED', 0, " + NOW
                                + ", :worker, x.message FROM x ON CONFLICT (recipient_id, step_index) DO UPDATE SET"
                                + " status = 'FAILED', error_code = NULL, error_message = EXCLUDED.error_message"
                                + " WHERE campaign_attempt.status = 'RETRYING' RETURNING id, recipient_id, chat_message_id),"
                                + " failed AS (UPDATE campaign_recipient r SET status = 'FAILED', reason = :reason,"
                                + " next_step_at = NULL, last_attempt_id = attempts.id, updated_at = " + NOW
                                + " FROM attempts WHERE r.id = attempts.recipient_id)"
                                + " SELECT chat_message_id FROM attempts WHERE chat_message_id IS NOT NULL")
                .param("team", teamId)
                .param("campaign", campaignId)
                .param("rows", json.writeValueAsString(rows))
                .param("reason", reason)
                .param("worker", worker)
                .query(UUID.class)
                .list();
    }

    /** RETRYING attempts given up without a send (their recipient left); answers their chat messages. */
    List<UUID> abandon(List<UUID> attempts, String message) {
        if (attempts.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("UPDATE campaign_attempt SET status = 'FAILED', error_code = NULL, error_message = :message"
                        + " WHERE id = ANY (CAST(:ids AS uuid[])) AND status = 'RETRYING' RETURNING chat_message_id")
                .param("ids", attempts.toArray(UUID[]::new))
                .param("message", message)
                .query(UUID.class)
                .list();
    }

    /** A step about to go to Meta: a new attempt, or the RETRYING one tried again ({@code retry}). */
    record Sending(UUID attemptId, UUID recipientId, int stepIndex, UUID messageId, boolean retry) {}

    /**
     * Records the attempts SENDING and takes their recipients off the due list, in the caller's transaction,
     * which must commit before Meta is called. Throws (rolling the claim back) if any attempt was not what the
     * claim saw: a step never goes out on an attempt that was not claimed here.
     */
    void startSending(UUID teamId, UUID campaignId, List<Sending> sending, String worker) {
        if (sending.isEmpty()) {
            return;
        }
        ArrayNode rows = json.createArrayNode();
        for (Sending s : sending) {
            ObjectNode row = rows.addObject();
            row.put("id", s.attemptId().toString());
            row.put("recipient", s.recipientId().toString());
            row.put("step", s.stepIndex());
            row.put("message", s.messageId().toString());
            row.put("retry", s.retry());
        }
        String json = this.json.writeValueAsString(rows);
        int started = jdbc.sql("WITH x AS (SELECT * FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS x(id uuid,"
                        + " recipient uuid, step int, message uuid, retry boolean)),"
                        + " fresh AS (INSERT INTO campaign_attempt (id, team_id, campaign_id, recipient_id, step_index,"
                        + " status, tries, claimed_at, worker, chat_message_id) SELECT x.id, :team, :campaign,"
                        + " x.recipient, x.step, 'SENDING', 1, " + NOW + ", :worker, x.message FROM x WHERE NOT x.retry"
                        + " ON CONFLICT (recipient_id, step_index) DO NOTHING RETURNING id),"
                        + " again AS (UPDATE campaign_attempt a SET status = 'SENDING', tries = a.tries + 1,"
                        + " claimed_at = " + NOW + ", worker = :worker FROM x WHERE x.retry AND a.id = x.id"
                        + " AND a.status = 'RETRYING' RETURNING a.id)"
                        + " SELECT (SELECT count(*) FROM fresh) + (SELECT count(*) FROM again)")
                .param("team", teamId)
                .param("campaign", campaignId)
                .param("rows", json)
                .param("worker", worker)
                .query(Integer.class)
                .single();
        if (started != sending.size()) {
            throw new IllegalStateException("Campaign " + campaignId + ": " + (sending.size() - started)
                    + " claimed steps had an attempt already; the claim is rolled back");
        }
        jdbc.sql("UPDATE campaign_recipient r SET next_step_at = NULL, last_attempt_id = x.id, updated_at = " + NOW
                        + " FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS x(id uuid, recipient uuid)"
                        + " WHERE r.id = x.recipient")
                .param("rows", json)
                .update();
    }

    /** An attempt Meta accepted: its id and wamid. */
    record Accepted(UUID attemptId, String wamid) {}

    /** An attempt whose outcome this call recorded: the chat message and recipient it belongs to. */
    record Settled(UUID attemptId, UUID teamId, UUID recipientId, UUID messageId, String wamid) {}

    /**
     * Marks attempts SENT (from SENDING, or from UNKNOWN when a late status resolves one), skipping those another
     * transaction holds; answers the ones marked, whose messages and recipients the caller then moves on.
     * {@code teamId}: only that team's attempts (a status webhook names them), or null (the runner's own).
     */
    List<Settled> markSent(List<Accepted> accepted, UUID teamId, String by) {
        if (accepted.isEmpty()) {
            return List.of();
        }
        ArrayNode rows = json.createArrayNode();
        for (Accepted a : accepted) {
            rows.addObject().put("id", a.attemptId().toString()).put("wamid", a.wamid());
        }
        return jdbc.sql("WITH x AS (SELECT * FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS x(id uuid, wamid text)),"
                        + " mine AS (SELECT a.id FROM campaign_attempt a JOIN x ON x.id = a.id"
                        + " WHERE a.status IN ('SENDING', 'UNKNOWN') AND (CAST(:team AS uuid) IS NULL OR a.team_id = :team)"
                        + " FOR UPDATE OF a SKIP LOCKED)"
                        + " UPDATE campaign_attempt a SET status = 'SENT', external_id = x.wamid, sent_at = " + NOW
                        + ", error_code = NULL, error_message = NULL, settled_at = clock_timestamp(), settled_by = :by"
                        + " FROM x, mine WHERE a.id = x.id AND a.id = mine.id"
                        + " RETURNING a.id, a.team_id, a.recipient_id, a.chat_message_id, a.external_id")
                .param("rows", json.writeValueAsString(rows))
                .param("team", teamId)
                .param("by", by)
                .query((rs, n) -> new Settled(
                        rs.getObject("id", UUID.class),
                        rs.getObject("team_id", UUID.class),
                        rs.getObject("recipient_id", UUID.class),
                        rs.getObject("chat_message_id", UUID.class),
                        rs.getString("external_id")))
                .list();
    }

    /**
     * Recipients whose step went out move on: to the next step (due after its delay), or COMPLETED after the
     * last. Only a recipient still on that attempt and still in the campaign (not stopped, removed or
     * cancelled meanwhile) moves; one failed for an unknown outcome that Meta's status resolved comes back.
     * Answers when the earliest next step is due, if any is.
     */
    Optional<Instant> advance(List<Settled> sent) {
        if (sent.isEmpty()) {
            return Optional.empty();
        }
        ArrayNode rows = json.createArrayNode();
        for (Settled s : sent) {
            rows.addObject()
                    .put("recipient", s.recipientId().toString())
                    .put("attempt", s.attemptId().toString());
        }
        return jdbc.sql("WITH moved AS (UPDATE campaign_recipient r SET next_step_index = r.next_step_index + 1,"
                        + " status = CASE WHEN r.next_step_index + 1 >= jsonb_array_length(c.steps) THEN 'COMPLETED'"
                        + " ELSE 'ACTIVE' END, reason = NULL,"
                        + " next_step_at = CASE WHEN r.next_step_index + 1 >= jsonb_array_length(c.steps) THEN NULL"
                        + " ELSE now() + make_interval(mins => coalesce((c.steps -> (r.next_step_index + 1)"
                        + " ->> 'delayMinutes')::int, 0)) END, updated_at = " + NOW
                        + " FROM campaign c, jsonb_to_recordset(CAST(:rows AS jsonb)) AS x(recipient uuid, attempt uuid)"
                        + " WHERE r.id = x.recipient AND r.last_attempt_id = x.attempt AND c.id = r.campaign_id"
                        + " AND (r.status IN ('PENDING', 'ACTIVE')"
                        + " OR (r.status = 'FAILED' AND r.reason = 'UNKNOWN_OUTCOME')) RETURNING r.next_step_at)"
                        + " SELECT min(next_step_at) AS due FROM moved")
                .param("rows", json.writeValueAsString(rows))
                .query((rs, n) -> Optional.ofNullable(Rows.instant(rs, "due")))
                .single();
    }

    /** An attempt Meta refused for now (or could not be reached for): tried again after {@code delay}. */
    record Retry(UUID attemptId, Integer code, String message, Duration delay) {}

    /** Answers when the earliest of them is due again, if any was marked. */
    Optional<Instant> markRetrying(List<Retry> retries) {
        if (retries.isEmpty()) {
            return Optional.empty();
        }
        ArrayNode rows = json.createArrayNode();
        for (Retry r : retries) {
            ObjectNode row = rows.addObject();
            row.put("id", r.attemptId().toString());
            row.put("code", r.code());
            row.put("message", r.message());
            row.put("delay", r.delay().toMillis());
        }
        return jdbc.sql("WITH x AS (SELECT * FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS x(id uuid, code int,"
                        + " message text, delay bigint)), mine AS (SELECT a.id FROM campaign_attempt a JOIN x"
                        + " ON x.id = a.id WHERE a.status = 'SENDING' FOR UPDATE OF a SKIP LOCKED),"
                        + " retried AS (UPDATE campaign_attempt a SET status = 'RETRYING', error_code = x.code,"
                        + " error_message = x.message FROM x, mine WHERE a.id = x.id AND a.id = mine.id"
                        + " RETURNING a.id, a.recipient_id, x.delay),"
                        + " due AS (UPDATE campaign_recipient r SET next_step_at = now() + retried.delay * interval '1"
                        + " millisecond', updated_at = " + NOW + " FROM retried WHERE r.id = retried.recipient_id"
                        + " AND r.last_attempt_id = retried.id AND r.status IN ('PENDING', 'ACTIVE')"
                        + " RETURNING r.next_step_at) SELECT min(next_step_at) AS due FROM due")
                .param("rows", json.writeValueAsString(rows))
                .query((rs, n) -> Optional.ofNullable(Rows.instant(rs, "due")))
                .single();
    }

    /** An attempt that failed for good, with the error to show. */
    record Failure(UUID attemptId, Integer code, String message) {}

    /** Marks attempts FAILED (and their recipients, with {@code reason}); answers those marked. */
    List<Settled> markFailed(
            List<Failure> failures, String fromStatus, String attemptStatus, String reason, String by) {
        if (failures.isEmpty()) {
            return List.of();
        }
        ArrayNode rows = json.createArrayNode();
        for (Failure f : failures) {
            rows.addObject()
                    .put("id", f.attemptId().toString())
                    .put("code", f.code())
                    .put("message", f.message());
        }
        List<Settled> failed = jdbc.sql("WITH x AS (SELECT * FROM jsonb_to_recordset(CAST(:rows AS jsonb))"
                        + " AS x(id uuid, code int, message text)), mine AS (SELECT a.id FROM campaign_attempt a"
                        + " JOIN x ON x.id = a.id WHERE a.status = :from FOR UPDATE OF a SKIP LOCKED)"
                        + " UPDATE campaign_attempt a SET status = :status, error_code = x.code, error_message = x.message,"
                        + " settled_at = clock_timestamp(), settled_by = :by FROM x, mine WHERE a.id = x.id"
                        + " AND a.id = mine.id"
                        + " RETURNING a.id, a.team_id, a.recipient_id, a.chat_message_id, a.external_id")
                .param("rows", json.writeValueAsString(rows))
                .param("from", fromStatus)
                .param("status", attemptStatus)
                .param("by", by)
                .query((rs, n) -> new Settled(
                        rs.getObject("id", UUID.class),
                        rs.getObject("team_id", UUID.class),
                        rs.getObject("recipient_id", UUID.class),
                        rs.getObject("chat_message_id", UUID.class),
                        rs.getString("external_id")))
                .list();
        failRecipients(failed, reason);
        return failed;
    }

    /** Recipients still on these attempts FAILED with {@code reason} (also one that completed its last step). */
    void failRecipients(List<Settled> attempts, String reason) {
        if (attempts.isEmpty()) {
            return;
        }
        ArrayNode rows = json.createArrayNode();
        for (Settled s : attempts) {
            rows.addObject()
                    .put("recipient", s.recipientId().toString())
                    .put("attempt", s.attemptId().toString());
        }
        jdbc.sql("UPDATE campaign_recipient r SET status = 'FAILED', reason = :reason, next_step_at = NULL,"
                        + " updated_at = " + NOW
                        + " FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS x(recipient uuid, attempt uuid)"
                        + " WHERE r.id = x.recipient AND r.last_attempt_id = x.attempt"
                        + " AND r.status IN ('PENDING', 'ACTIVE', 'COMPLETED')")
                .param("rows", json.writeValueAsString(rows))
                .param("reason", reason)
                .update();
    }

    /** Attempts still SENDING long after they were claimed (their sender died mid-send), at most {@code limit}. */
    List<Failure> overdue(Duration after, int limit) {
        return jdbc.sql("SELECT id FROM campaign_attempt WHERE status = 'SENDING'"
                        + " AND claimed_at < now() - make_interval(secs => :after) ORDER BY claimed_at LIMIT :limit")
                .param("after", (double) after.toMillis() / 1000)
                .param("limit", limit)
                .query((rs, n) -> new Failure(
                        rs.getObject("id", UUID.class),
                        null,
                        "The outcome of this send is unknown: the server stopped while handing it to Meta,"
                                + " and no status from Meta has named it since"))
                .list();
    }

    /** A step's message Meta accepted and then reported failed (a status webhook): the delivery error. */
    List<Settled> deliveryFailed(UUID teamId, UUID attemptId, Integer code, String message) {
        return jdbc.sql("UPDATE campaign_attempt SET delivery_error_code = :code, delivery_error_message = :message"
                        + " WHERE id = :id AND team_id = :team AND delivery_error_code IS NULL"
                        + " RETURNING id, team_id, recipient_id, chat_message_id, external_id")
                .param("id", attemptId)
                .param("team", teamId)
                .param("code", code)
                .param("message", message)
                .query((rs, n) -> new Settled(
                        rs.getObject("id", UUID.class),
                        rs.getObject("team_id", UUID.class),
                        rs.getObject("recipient_id", UUID.class),
                        rs.getObject("chat_message_id", UUID.class),
                        rs.getString("external_id")))
                .list();
    }
}
