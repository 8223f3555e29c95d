package org.openchakra.process;

import static org.openchakra.common.Rows.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Jobs and their entries. Every write of many entries is one statement over a JSON document
 * ({@code jsonb_array_elements}, {@code jsonb_to_recordset}): 100 000 entries cost one round trip.
 */
@Repository
class JobRepository {

    private static final String JOB_COLUMNS = "id, team_id, type, procedure_id, completion_status, status_message,"
            + " created_at, updated_at, started_at, completed_at, result";
    private static final String ENTRY_COLUMNS = "id, idx, completion_status, input, process_id, errors";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public JobRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public BackgroundJob insertJob(UUID teamId, String type, UUID procedureId) {
        return jdbc.sql("INSERT INTO background_job (team_id, type, procedure_id) VALUES (:team, :type, :procedure)"
                        + " RETURNING " + JOB_COLUMNS)
                .param("team", teamId)
                .param("type", type)
                .param("procedure", procedureId)
                .query(this::mapJob)
                .single();
    }

    /**
     * Stores every item as an entry, in request order; the items named in {@code invalid} (index to
     * reasons) as INVALID, the others NOT_STARTED. An item that cannot be stored must already be null.
     */
    public void insertEntries(BackgroundJob job, ArrayNode items, Map<Integer, List<String>> invalid) {
        ArrayNode bad = JsonNodeFactory.instance.arrayNode();
        invalid.forEach((index, errors) -> {
            ObjectNode row = bad.addObject();
            row.put("idx", index);
            row.set("errors", json.valueToTree(errors));
        });
        jdbc.sql("INSERT INTO background_job_entry (job_id, idx, team_id, completion_status, input, errors)"
                        + " SELECT :job, (e.ord - 1)::integer, :team,"
                        + " CASE WHEN bad.errors IS NULL THEN 'NOT_STARTED' ELSE 'INVALID' END, e.value, bad.errors"
                        + " FROM jsonb_array_elements(CAST(:items AS jsonb)) WITH ORDINALITY AS e(value, ord)"
                        + " LEFT JOIN jsonb_to_recordset(CAST(:invalid AS jsonb)) AS bad(idx integer, errors jsonb)"
                        + " ON bad.idx = e.ord - 1")
                .param("job", job.id())
                .param("team", job.teamId())
                .param("items", json.writeValueAsString(items))
                .param("invalid", json.writeValueAsString(bad))
                .update();
    }

    public Optional<BackgroundJob> find(UUID teamId, UUID id) {
        return jdbc.sql("SELECT " + JOB_COLUMNS + " FROM background_job WHERE team_id = :team AND id = :id")
                .param("team", teamId)
                .param("id", id)
                .query(this::mapJob)
                .optional();
    }

    /** For a worker, which has the job's id from its task and no caller. */
    public Optional<BackgroundJob> find(UUID id) {
        return jdbc.sql("SELECT " + JOB_COLUMNS + " FROM background_job WHERE id = :id")
                .param("id", id)
                .query(this::mapJob)
                .optional();
    }

    /** The number of entries in each status, every status present. */
    public Map<String, Long> countByStatus(UUID jobId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        JobEntry.STATUSES.forEach(s -> counts.put(s, 0L));
        jdbc.sql("SELECT completion_status, count(*) AS n FROM background_job_entry WHERE job_id = :job"
                        + " GROUP BY completion_status")
                .param("job", jobId)
                .query((rs, row) -> counts.put(rs.getString("completion_status"), rs.getLong("n")))
                .list();
        return counts;
    }

    public long countEntries(UUID jobId, String status) {
        return jdbc.sql("SELECT count(*) FROM background_job_entry WHERE job_id = :job"
                        + " AND (CAST(:status AS text) IS NULL OR completion_status = :status)")
                .param("job", jobId)
                .param("status", status)
                .query(Long.class)
                .single();
    }

    public List<JobEntry> entries(UUID jobId, String status, int skip, int limit) {
        return jdbc.sql("SELECT " + ENTRY_COLUMNS + " FROM background_job_entry WHERE job_id = :job"
                        + " AND (CAST(:status AS text) IS NULL OR completion_status = :status)"
                        + " ORDER BY idx LIMIT :limit OFFSET :skip")
                .param("job", jobId)
                .param("status", status)
                .param("limit", limit)
                .param("skip", skip)
                .query(this::mapEntry)
                .list();
    }

    /**
     * Locks up to {@code limit} entries still to do, in index order, skipping those another worker holds.
     * They stay locked until the caller's transaction ends, which records their outcome.
     */
    public List<JobEntry.Claimed> claim(UUID jobId, int limit) {
        return jdbc.sql("SELECT idx, input FROM background_job_entry WHERE job_id = :job"
                        + " AND completion_status = 'NOT_STARTED' ORDER BY idx LIMIT :limit FOR UPDATE SKIP LOCKED")
                .param("job", jobId)
                .param("limit", limit)
                .query((rs, row) -> new JobEntry.Claimed(rs.getInt("idx"), json.readTree(rs.getString("input"))))
                .list();
    }

    public void record(UUID jobId, List<JobEntry.Outcome> outcomes, String worker) {
        ArrayNode rows = JsonNodeFactory.instance.arrayNode();
        for (JobEntry.Outcome o : outcomes) {
            ObjectNode row = rows.addObject();
            row.put("idx", o.index());
            row.put("status", o.status());
            row.put("process_id", o.processId() == null ? null : o.processId().toString());
            row.set("errors", o.errors().isEmpty() ? null : json.valueToTree(o.errors()));
        }
        jdbc.sql("UPDATE background_job_entry e SET completion_status = r.status, process_id = r.process_id,"
                        + " errors = r.errors, worker = :worker, updated_at = now()"
                        + " FROM jsonb_to_recordset(CAST(:rows AS jsonb))"
                        + " AS r(idx integer, status text, process_id uuid, errors jsonb)"
                        + " WHERE e.job_id = :job AND e.idx = r.idx")
                .param("job", jobId)
                .param("rows", json.writeValueAsString(rows))
                .param("worker", worker)
                .update();
    }

    /**
     * A worker's batch transaction commits without waiting for its WAL flush: a batch lost in a crash
     * loses its entries' outcomes together with its processes, and is simply done again.
     */
    public void batchSettings() {
        jdbc.sql("SELECT set_config('synchronous_commit', 'off', true)")
                .query(String.class)
                .single();
    }

    public void markStarted(UUID jobId) {
        jdbc.sql(
                        "UPDATE background_job SET completion_status = 'IN_PROGRESS', started_at = date_trunc('milliseconds', now()),"
                                + " updated_at = date_trunc('milliseconds', now()) WHERE id = :job AND completion_status = 'NOT_STARTED'")
                .param("job", jobId)
                .update();
    }

    /** COMPLETED once no entry is left to do; answers whether this call completed it. */
    public boolean completeIfDone(UUID jobId) {
        return jdbc.sql(
                                "UPDATE background_job SET completion_status = 'COMPLETED',"
                                        + " started_at = coalesce(started_at, date_trunc('milliseconds', now())),"
                                        + " completed_at = date_trunc('milliseconds', now()), updated_at = date_trunc('milliseconds', now())"
                                        + " WHERE id = :job AND completion_status IN ('NOT_STARTED', 'IN_PROGRESS') AND NOT EXISTS"
                                        + " (SELECT 1 FROM background_job_entry WHERE job_id = :job AND completion_status = 'NOT_STARTED')")
                        .param("job", jobId)
                        .update()
                == 1;
    }

    /** COMPLETED with what the job did, for a job that has no entries (another feature worked it). */
    public void complete(UUID jobId, String message, JsonNode result) {
        jdbc.sql("UPDATE background_job SET completion_status = 'COMPLETED', status_message = :message,"
                        + " result = CAST(:result AS jsonb),"
                        + " started_at = coalesce(started_at, date_trunc('milliseconds', now())),"
                        + " completed_at = date_trunc('milliseconds', now()), updated_at = date_trunc('milliseconds', now())"
                        + " WHERE id = :job AND completion_status IN ('NOT_STARTED', 'IN_PROGRESS')")
                .param("job", jobId)
                .param("message", message)
                .param("result", result == null ? null : json.writeValueAsString(result))
                .update();
    }

    public void markFailed(UUID jobId, String message) {
        jdbc.sql("UPDATE background_job SET completion_status = 'FAILED', status_message = :message,"
                        + " completed_at = date_trunc('milliseconds', now()), updated_at = date_trunc('milliseconds', now())"
                        + " WHERE id = :job AND completion_status IN ('NOT_STARTED', 'IN_PROGRESS')")
                .param("job", jobId)
                .param("message", message)
                .update();
    }

    private BackgroundJob mapJob(ResultSet rs, int row) throws SQLException {
        return new BackgroundJob(
                rs.getObject("id", UUID.class),
                rs.getObject("team_id", UUID.class),
                rs.getString("type"),
                rs.getObject("procedure_id", UUID.class),
                rs.getString("completion_status"),
                rs.getString("status_message"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                instant(rs, "started_at"),
                instant(rs, "completed_at"),
                rs.getString("result") == null ? null : json.readTree(rs.getString("result")));
    }

    private JobEntry mapEntry(ResultSet rs, int row) throws SQLException {
        String input = rs.getString("input");
        String errors = rs.getString("errors");
        List<String> messages = new ArrayList<>();
        if (errors != null) {
            json.readTree(errors).values().forEach(e -> messages.add(e.asString()));
        }
        JsonNode item = input == null ? JsonNodeFactory.instance.nullNode() : json.readTree(input);
        return new JobEntry(
                rs.getObject("id", UUID.class),
                rs.getInt("idx"),
                rs.getString("completion_status"),
                item,
                rs.getObject("process_id", UUID.class),
                messages);
    }
}
