package org.openchakra.process;

import static org.openchakra.common.Rows.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.openchakra.db.CustomPlans;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

@Repository
class ProcessRepository {

    static final String COLUMNS = "id, team_id, procedure_id, created_by, assigned_to, belongs_to, entity, record_id,"
            + " status, state, data, derived_data, next_action_at, is_deleted, created_at, updated_at";

    private final JdbcClient jdbc;
    /** For list queries only: see {@link CustomPlans}. */
    private final JdbcClient listJdbc;

    private final JsonMapper json;

    public ProcessRepository(JdbcClient jdbc, DataSource dataSource, JsonMapper json) {
        this.jdbc = jdbc;
        // List queries bind every value; a generic plan would pick the same index for a narrow and a broad
        // range, and planning each execution with its values costs far less than one bad plan.
        this.listJdbc = CustomPlans.jdbcClient(dataSource);
        this.json = json;
    }

    public Process insert(Process p, String pkValue) {
        return jdbc.sql(
                        "INSERT INTO process (team_id, procedure_id, created_by, assigned_to, entity, record_id, status,"
                                + " state, data, next_action_at, pk_value) VALUES (:team, :procedure, :createdBy, :assignedTo,"
                                + " :entity, :record, :status, :state, CAST(:data AS jsonb), :nextActionAt, :pk)"
                                + " RETURNING " + COLUMNS)
                .params(params(p, pkValue))
                .query(this::map)
                .single();
    }

    public Process update(Process p, String pkValue) {
        return jdbc.sql("UPDATE process SET assigned_to = :assignedTo, record_id = :record, status = :status,"
                        + " state = :state, data = CAST(:data AS jsonb), next_action_at = :nextActionAt, pk_value = :pk,"
                        + " updated_at = date_trunc('milliseconds', now()) WHERE team_id = :team AND id = :id RETURNING "
                        + COLUMNS)
                .params(params(p, pkValue))
                .query(this::map)
                .single();
    }

    public Process softDelete(UUID teamId, UUID id) {
        return jdbc.sql(
                        "UPDATE process SET is_deleted = true, deleted_at = now(), updated_at = date_trunc('milliseconds', now())"
                                + " WHERE team_id = :team AND id = :id RETURNING " + COLUMNS)
                .param("team", teamId)
                .param("id", id)
                .query(this::map)
                .single();
    }

    public Optional<Process> find(UUID teamId, UUID procedureId, UUID id, boolean forUpdate) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM process WHERE team_id = :team AND procedure_id = :procedure"
                        + " AND id = :id AND NOT is_deleted" + (forUpdate ? " FOR UPDATE" : ""))
                .param("team", teamId)
                .param("procedure", procedureId)
                .param("id", id)
                .query(this::map)
                .optional();
    }

    public Optional<Process> findByPrimaryKey(UUID teamId, UUID procedureId, String pkValue, boolean forUpdate) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM process WHERE team_id = :team AND procedure_id = :procedure"
                        + " AND pk_value = :pk AND NOT is_deleted" + (forUpdate ? " FOR UPDATE" : ""))
                .param("team", teamId)
                .param("procedure", procedureId)
                .param("pk", pkValue)
                .query(this::map)
                .optional();
    }

    /** The newest open process whose {@code attribute} holds {@code value} (leads are unique by phone). */
    public Optional<Process> findOpenByAttribute(UUID teamId, UUID procedureId, String attribute, String value) {
        // The key is written into the statement, as in openValuesOf: bound, it hid the attribute's index from
        // the plan, and each lead lookup read all of the team's leads.
        String key = "'" + attribute.replace("'", "''") + "'";
        return jdbc.sql("SELECT " + COLUMNS + " FROM process WHERE team_id = :team AND procedure_id = :procedure"
                        + " AND NOT is_deleted AND status = 'OPEN' AND jsonb_exists(data, " + key + ")"
                        + " AND oc_text(data, " + key
                        + ") = :value ORDER BY created_at DESC, id DESC LIMIT 1 FOR UPDATE")
                .param("team", teamId)
                .param("procedure", procedureId)
                .param("value", value)
                .query(this::map)
                .optional();
    }

    public boolean primaryKeyTaken(UUID teamId, UUID procedureId, String pkValue, UUID exceptId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM process WHERE team_id = :team AND procedure_id = :procedure"
                        + " AND pk_value = :pk AND NOT is_deleted AND id IS DISTINCT FROM :except)")
                .param("team", teamId)
                .param("procedure", procedureId)
                .param("pk", pkValue)
                .param("except", exceptId)
                .query(Boolean.class)
                .single();
    }

    // ---------------------------------------------------------------- many rows per statement (bulk jobs)

    /** {@code n} new process ids, time-ordered as PostgreSQL makes them for single inserts. */
    public List<UUID> newIds(int n) {
        return jdbc.sql("SELECT uuidv7() FROM generate_series(1, :n)")
                .param("n", n)
                .query(UUID.class)
                .list();
    }

    /**
     * Inserts {@code rows} (ids set; {@code pkValues} in the same order) in one statement. A row whose
     * primary-key value a live process already holds is skipped; answers the ids of the rows inserted.
     */
    public Set<UUID> insertAll(List<Process> rows, List<String> pkValues) {
        if (rows.isEmpty()) {
            return Set.of();
        }
        Process first = rows.getFirst();
        return new HashSet<>(jdbc.sql("INSERT INTO process (id, team_id, procedure_id, assigned_to, entity, record_id,"
                        + " status, state, data, next_action_at, pk_value)"
                        + " SELECT r.id, :team, :procedure, r.assigned_to, r.entity, r.record_id, r.status, r.state, r.data, "
                        + MILLIS_TO_TIME + ", r.pk_value FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS " + ROW_TYPE
                        + " ON CONFLICT (team_id, procedure_id, pk_value) WHERE pk_value IS NOT NULL AND NOT is_deleted"
                        + " DO NOTHING RETURNING id")
                .param("team", first.teamId())
                .param("procedure", first.procedureId())
                .param("rows", rowsJson(rows, pkValues))
                .query(UUID.class)
                .list());
    }

    /** Saves the changed {@code rows} (same procedure) in one statement. */
    public void updateAll(UUID teamId, List<Process> rows, List<String> pkValues) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE process p SET assigned_to = r.assigned_to, record_id = r.record_id, status = r.status,"
                        + " state = r.state, data = r.data, next_action_at = " + MILLIS_TO_TIME
                        + ", pk_value = r.pk_value,"
                        + " updated_at = date_trunc('milliseconds', now())"
                        + " FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS " + ROW_TYPE
                        + " WHERE p.team_id = :team AND p.id = r.id")
                .param("team", teamId)
                .param("rows", rowsJson(rows, pkValues))
                .update();
    }

    public void softDeleteAll(UUID teamId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql(
                        "UPDATE process SET is_deleted = true, deleted_at = now(), updated_at = date_trunc('milliseconds', now())"
                                + " WHERE team_id = :team AND id = ANY(CAST(:ids AS uuid[]))")
                .param("team", teamId)
                .param("ids", uuidArray(ids))
                .update();
    }

    /**
     * The live processes with one of these ids or primary-key values, locked for update (in id order, so
     * that two workers never wait on each other in a cycle). The keys are resolved to ids first, one index
     * probe per key (see {@link #openValuesOf}).
     */
    public List<Process> lockAll(UUID teamId, UUID procedureId, Collection<UUID> ids, Collection<String> pkValues) {
        Set<UUID> all = new HashSet<>(ids);
        if (!pkValues.isEmpty()) {
            all.addAll(jdbc.sql("SELECT found.id FROM jsonb_array_elements_text(CAST(:pks AS jsonb)) AS k(value),"
                            + " LATERAL (SELECT id FROM process WHERE team_id = :team AND procedure_id = :procedure"
                            + " AND pk_value = k.value AND NOT is_deleted OFFSET 0) AS found")
                    .param("team", teamId)
                    .param("procedure", procedureId)
                    .param("pks", json.writeValueAsString(pkValues))
                    .query(UUID.class)
                    .list());
        }
        if (all.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM process WHERE team_id = :team AND procedure_id = :procedure"
                        + " AND NOT is_deleted AND id = ANY(CAST(:ids AS uuid[])) ORDER BY id FOR UPDATE")
                .param("team", teamId)
                .param("procedure", procedureId)
                .param("ids", uuidArray(all))
                .query(this::map)
                .list();
    }

    /**
     * Which of {@code values} an open process holds in its text {@code attribute} (leads by phone).
     *
     * <p>Like every bulk lookup by a list of values, one index probe per value:
     * {@code LATERAL (... = v.value OFFSET 0)}. The fence keeps PostgreSQL from turning it into a join it may
     * order the other way: a first bulk job fills an empty procedure faster than statistics follow, and with
     * the table taken for empty, a join (or {@code = ANY(list)}, or a {@code LIMIT 1} probe) was planned as a
     * walk over all the procedure's rows, for each value or against every value; a 100 000-item job slowed
     * tenfold.
     */
    public Set<String> openValuesOf(UUID teamId, UUID procedureId, String attribute, Collection<String> values) {
        if (values.isEmpty()) {
            return Set.of();
        }
        // The key is written into the statement so that the attribute's partial index applies; it is an
        // attribute shortId, which is checked against [A-Za-z][A-Za-z0-9_]* when the attribute is made.
        String key = "'" + attribute.replace("'", "''") + "'";
        return new HashSet<>(jdbc.sql("SELECT DISTINCT v.value FROM jsonb_array_elements_text(CAST(:values AS jsonb))"
                        + " AS v(value), LATERAL (SELECT 1 FROM process WHERE team_id = :team AND procedure_id = :procedure"
                        + " AND NOT is_deleted AND status = 'OPEN' AND jsonb_exists(data, " + key + ")"
                        + " AND oc_text(data, " + key + ") = v.value OFFSET 0) AS found")
                .param("team", teamId)
                .param("procedure", procedureId)
                .param("values", json.writeValueAsString(values))
                .query(String.class)
                .list());
    }

    /**
     * The newest open process of each of {@code values} held in {@code attribute} (one index probe per value,
     * as {@link #openValuesOf}); values without one are left out.
     */
    public Map<String, UUID> openIdsByValue(
            UUID teamId, UUID procedureId, String attribute, Collection<String> values) {
        if (values.isEmpty()) {
            return Map.of();
        }
        String key = "'" + attribute.replace("'", "''") + "'";
        Map<String, UUID> ids = new HashMap<>();
        jdbc.sql("SELECT v.value, found.id FROM jsonb_array_elements_text(CAST(:values AS jsonb)) AS v(value),"
                        + " LATERAL (SELECT id FROM process WHERE team_id = :team AND procedure_id = :procedure"
                        + " AND NOT is_deleted AND status = 'OPEN' AND jsonb_exists(data, " + key + ")"
                        + " AND oc_text(data, " + key + ") = v.value ORDER BY created_at DESC, id DESC LIMIT 1"
                        + " OFFSET 0) AS found")
                .param("team", teamId)
                .param("procedure", procedureId)
                .param("values", json.writeValueAsString(values))
                .query(rs -> {
                    ids.put(rs.getString("value"), rs.getObject("id", UUID.class));
                });
        return ids;
    }

    /** The live processes of the team among {@code ids}, by id (those deleted or of another team left out). */
    public Map<UUID, Process> findAll(UUID teamId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Process> found = new HashMap<>();
        jdbc.sql("SELECT " + COLUMNS + " FROM process WHERE team_id = :team AND id = ANY (CAST(:ids AS uuid[]))"
                        + " AND NOT is_deleted")
                .param("team", teamId)
                .param("ids", uuidArray(ids))
                .query(this::map)
                .list()
                .forEach(p -> found.put(p.id(), p));
        return found;
    }

    /**
     * A page of the processes a list query matches that were made by {@code createdBefore} and hold a value in
     * {@code attribute}, in id order after {@code afterId} (null: from the start): a cursor that stays put
     * while rows are added.
     */
    public List<ProcessService.IdAndValue> valuesMatching(
            ProcessQuery.Sql query, String attribute, Instant createdBefore, UUID afterId, int limit) {
        Map<String, Object> params = new HashMap<>(query.params());
        params.put("attribute", attribute);
        params.put("before", Timestamp.from(createdBefore));
        params.put("after", afterId);
        params.put("limit", limit);
        return listJdbc.sql("SELECT id, data ->> CAST(:attribute AS text) AS value FROM process WHERE " + query.where()
                        + " AND created_at <= :before AND (CAST(:after AS uuid) IS NULL OR id > :after)"
                        + " AND data ->> CAST(:attribute AS text) IS NOT NULL ORDER BY id LIMIT :limit")
                .params(params)
                .query((rs, n) -> new ProcessService.IdAndValue(rs.getObject("id", UUID.class), rs.getString("value")))
                .list();
    }

    /** How many processes a list query matches. */
    public long count(ProcessQuery.Sql query) {
        return listJdbc.sql("SELECT count(*) FROM process WHERE " + query.where())
                .params(query.params())
                .query(Long.class)
                .single();
    }

    private static final String ROW_TYPE = "r(id uuid, assigned_to uuid, entity text, record_id uuid, status text,"
            + " state text, data jsonb, next_action_at bigint, pk_value text)";
    /** Epoch ms to a time exactly (an interval is counted in microseconds), null staying null. */
    private static final String MILLIS_TO_TIME = "(timestamptz 'epoch' + r.next_action_at * interval '1 millisecond')";

    private String rowsJson(List<Process> rows, List<String> pkValues) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < rows.size(); i++) {
            Process p = rows.get(i);
            ObjectNode row = array.addObject();
            row.put("id", p.id().toString());
            row.put(
                    "assigned_to",
                    p.assignedTo() == null ? null : p.assignedTo().toString());
            row.put("entity", p.entity());
            row.put("record_id", p.recordId() == null ? null : p.recordId().toString());
            row.put("status", p.status());
            row.put("state", p.state());
            row.set("data", p.data());
            row.put(
                    "next_action_at",
                    p.nextActionAt() == null ? null : p.nextActionAt().toEpochMilli());
            row.put("pk_value", pkValues.get(i));
        }
        return json.writeValueAsString(array);
    }

    private static String uuidArray(Collection<UUID> ids) {
        return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
    }

    /** Runs a list query built by {@link ProcessQuery}: its SQL condition, order and parameters. */
    public List<Process> list(ProcessQuery.Sql query, int skip, int limit) {
        Map<String, Object> params = new HashMap<>(query.params());
        params.put("skip", skip);
        params.put("limit", limit);
        return listJdbc.sql("SELECT " + COLUMNS + " FROM process WHERE " + query.where() + " ORDER BY "
                        + query.orderBy() + " LIMIT :limit OFFSET :skip")
                .params(params)
                .query(this::map)
                .list();
    }

    private Map<String, Object> params(Process p, String pkValue) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", p.id());
        m.put("team", p.teamId());
        m.put("procedure", p.procedureId());
        m.put("createdBy", p.createdBy());
        m.put("assignedTo", p.assignedTo());
        m.put("entity", p.entity());
        m.put("record", p.recordId());
        m.put("status", p.status());
        m.put("state", p.state());
        m.put("data", json.writeValueAsString(p.data()));
        m.put("nextActionAt", p.nextActionAt() == null ? null : Timestamp.from(p.nextActionAt()));
        m.put("pk", pkValue);
        return m;
    }

    private Process map(ResultSet rs, int row) throws SQLException {
        return new Process(
                rs.getObject("id", UUID.class),
                rs.getObject("team_id", UUID.class),
                rs.getObject("procedure_id", UUID.class),
                rs.getObject("created_by", UUID.class),
                rs.getObject("assigned_to", UUID.class),
                rs.getObject("belongs_to", UUID.class),
                rs.getString("entity"),
                rs.getObject("record_id", UUID.class),
                rs.getString("status"),
                rs.getString("state"),
                (ObjectNode) json.readTree(rs.getString("data")),
                json.readTree(rs.getString("derived_data")),
                instant(rs, "next_action_at"),
                rs.getBoolean("is_deleted"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }
}
