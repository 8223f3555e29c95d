package org.openchakra.process;

import static org.openchakra.common.Rows.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGStatement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@Repository
public class ProcessRepository {

    static final String COLUMNS = "id, team_id, procedure_id, created_by, assigned_to, belongs_to, entity, record_id,"
            + " status, state, data, derived_data, next_action_at, is_deleted, created_at, updated_at";

    private final JdbcClient jdbc;
    /** For list queries only: see {@link CustomPlanJdbcTemplate}. */
    private final JdbcClient listJdbc;
    private final JsonMapper json;

    public ProcessRepository(JdbcClient jdbc, DataSource dataSource, JsonMapper json) {
        this.jdbc = jdbc;
        this.listJdbc = JdbcClient.create(new CustomPlanJdbcTemplate(dataSource));
        this.json = json;
    }

    /**
     * List queries bind every value; a generic plan would pick the same index for a narrow and a broad
     * range, and planning each execution with its values costs far less than one bad plan. Their
     * statements are therefore never prepared on the server (prepare threshold 0): PostgreSQL plans an
     * unnamed statement with the values bound to it, every time. Same transaction handling as
     * {@link JdbcClient} (the connection is the one bound to the current transaction, if any).
     */
    private static final class CustomPlanJdbcTemplate extends JdbcTemplate {
        CustomPlanJdbcTemplate(DataSource dataSource) {
            super(dataSource);
        }

        @Override
        protected void applyStatementSettings(Statement stmt) throws SQLException {
            super.applyStatementSettings(stmt);
            stmt.unwrap(PGStatement.class).setPrepareThreshold(0);
        }
    }

    public Process insert(Process p, String pkValue) {
        return jdbc.sql("INSERT INTO process (team_id, procedure_id, created_by, assigned_to, entity, record_id, status,"
                        + " state, data, next_action_at, pk_value) VALUES (:team, :procedure, :createdBy, :assignedTo,"
                        + " :entity, :record, :status, :state, CAST(:data AS jsonb), :nextActionAt, :pk)"
                        + " RETURNING " + COLUMNS)
                .params(params(p, pkValue))
                .query(this::map).single();
    }

    public Process update(Process p, String pkValue) {
        return jdbc.sql("UPDATE process SET assigned_to = :assignedTo, record_id = :record, status = :status,"
                        + " state = :state, data = CAST(:data AS jsonb), next_action_at = :nextActionAt, pk_value = :pk,"
                        + " updated_at = date_trunc('milliseconds', now()) WHERE team_id = :team AND id = :id RETURNING " + COLUMNS)
                .params(params(p, pkValue))
                .query(this::map).single();
    }

    public Process softDelete(UUID teamId, UUID id) {
        return jdbc.sql("UPDATE process SET is_deleted = true, deleted_at = now(), updated_at = date_trunc('milliseconds', now())"
                        + " WHERE team_id = :team AND id = :id RETURNING " + COLUMNS)
                .param("team", teamId).param("id", id).query(this::map).single();
    }

    public Optional<Process> find(UUID teamId, UUID procedureId, UUID id, boolean forUpdate) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM process WHERE team_id = :team AND procedure_id = :procedure"
                        + " AND id = :id AND NOT is_deleted" + (forUpdate ? " FOR UPDATE" : ""))
                .param("team", teamId).param("procedure", procedureId).param("id", id)
                .query(this::map).optional();
    }

    public Optional<Process> findByPrimaryKey(UUID teamId, UUID procedureId, String pkValue, boolean forUpdate) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM process WHERE team_id = :team AND procedure_id = :procedure"
                        + " AND pk_value = :pk AND NOT is_deleted" + (forUpdate ? " FOR UPDATE" : ""))
                .param("team", teamId).param("procedure", procedureId).param("pk", pkValue)
                .query(this::map).optional();
    }

    /** The newest open process whose {@code attribute} holds {@code value} (leads are unique by phone). */
    public Optional<Process> findOpenByAttribute(UUID teamId, UUID procedureId, String attribute, String value) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM process WHERE team_id = :team AND procedure_id = :procedure"
                        + " AND NOT is_deleted AND status = 'OPEN' AND jsonb_exists(data, :key)"
                        + " AND oc_text(data, :key) = :value ORDER BY created_at DESC, id DESC LIMIT 1 FOR UPDATE")
                .param("team", teamId).param("procedure", procedureId).param("key", attribute).param("value", value)
                .query(this::map).optional();
    }

    public boolean primaryKeyTaken(UUID teamId, UUID procedureId, String pkValue, UUID exceptId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM process WHERE team_id = :team AND procedure_id = :procedure"
                        + " AND pk_value = :pk AND NOT is_deleted AND id IS DISTINCT FROM :except)")
                .param("team", teamId).param("procedure", procedureId).param("pk", pkValue).param("except", exceptId)
                .query(Boolean.class).single();
    }

    /** Runs a list query built by {@link ProcessQuery}: its SQL condition, order and parameters. */
    public List<Process> list(ProcessQuery.Sql query, int skip, int limit) {
        Map<String, Object> params = new HashMap<>(query.params());
        params.put("skip", skip);
        params.put("limit", limit);
        return listJdbc.sql("SELECT " + COLUMNS + " FROM process WHERE " + query.where() + " ORDER BY " + query.orderBy()
                        + " LIMIT :limit OFFSET :skip")
                .params(params).query(this::map).list();
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
        return new Process(rs.getObject("id", UUID.class), rs.getObject("team_id", UUID.class),
                rs.getObject("procedure_id", UUID.class), rs.getObject("created_by", UUID.class),
                rs.getObject("assigned_to", UUID.class), rs.getObject("belongs_to", UUID.class), rs.getString("entity"),
                rs.getObject("record_id", UUID.class), rs.getString("status"), rs.getString("state"),
                (ObjectNode) json.readTree(rs.getString("data")), json.readTree(rs.getString("derived_data")),
                instant(rs, "next_action_at"), rs.getBoolean("is_deleted"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }
}
