package org.openchakra.task;

import static org.openchakra.common.Rows.millis;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.openchakra.procedure.Procedure;
import org.openchakra.procedure.ProcedureService;
import org.openchakra.procedure.ValueCoercion;
import org.openchakra.process.Process;
import org.openchakra.process.ProcessService;
import org.openchakra.web.ApiException;
import org.openchakra.web.JsonFields;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Tasks of a process (platform.md §6): made from a state task's schema; one made COMPLETED is a logged task. */
@Service
public class TaskService {

    private static final List<String> STATUSES = List.of("OPEN", "COMPLETED", "CANCELLED");
    private static final String COLUMNS = "id, team_id, procedure_id, process_id, state_task, status, title,"
            + " assigned_to, created_by, data, due_by, completed_at, cancelled_at, created_at, updated_at";

    private final ProcedureService procedures;
    private final ProcessService processes;
    private final JdbcClient jdbc;
    private final JsonMapper json;

    public TaskService(ProcedureService procedures, ProcessService processes, JdbcClient jdbc, JsonMapper json) {
        this.procedures = procedures;
        this.processes = processes;
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional
    public Map<String, Object> create(UUID teamId, String proc, String processRef, String stateTaskId, JsonNode body) {
        Procedure procedure = procedures.get(teamId, proc);
        Process process = processes.getByIdOrPrimaryKey(teamId, proc, processRef);
        Procedure.StateTask stateTask = procedure
                .stateTask(stateTaskId)
                .orElseThrow(() -> ApiException.notFound("State task '" + stateTaskId + "' not found"));
        ValueCoercion.Context ctx = processes.coercionContext(teamId);
        JsonFields f = JsonFields.of(body);
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        f.object("data")
                .ifPresent(given -> given.properties().forEach(e -> {
                    Optional<Procedure.Attribute> attribute = stateTask.attributes().stream()
                            .filter(a -> a.shortId().equals(e.getKey()))
                            .findFirst();
                    if (attribute.isEmpty()) {
                        f.problem(
                                "data." + e.getKey(),
                                "Unknown attribute '" + e.getKey() + "' of state task '" + stateTaskId + "'");
                    } else if (!e.getValue().isNull()) {
                        ValueCoercion.Result r = ValueCoercion.coerce(attribute.get(), e.getValue(), ctx);
                        if (r.isOk()) {
                            data.set(e.getKey(), r.value());
                        } else {
                            f.problem("data." + e.getKey(), r.error());
                        }
                    }
                }));
        stateTask.attributes().stream()
                .filter(a -> a.required() && !data.has(a.shortId()))
                .forEach(a -> f.problem("data." + a.shortId(), "'" + a.shortId() + "' is required"));
        String status = f.oneOf("status", STATUSES).orElse("OPEN");
        String title = f.string("title", 1000).orElse(null);
        UUID assignedTo = f.string("assignedTo", 254)
                .flatMap(ref -> {
                    Optional<UUID> id = ctx.userId(ref);
                    if (id.isEmpty()) {
                        f.problem("assignedTo", "Unknown user '" + ref + "'");
                    }
                    return id;
                })
                .orElse(null);
        Timestamp dueBy = f.epochMillis("dueBy")
                .map(ms -> Timestamp.from(Instant.ofEpochMilli(ms)))
                .orElse(null);
        f.check();
        return jdbc.sql("INSERT INTO task (team_id, procedure_id, process_id, state_task, status, title, assigned_to,"
                        + " data, due_by, completed_at, cancelled_at) VALUES (:team, :procedure, :process, :stateTask,"
                        + " :status, :title, :assignedTo, CAST(:data AS jsonb), :dueBy,"
                        + " CASE WHEN :status = 'COMPLETED' THEN now() END, CASE WHEN :status = 'CANCELLED' THEN now() END)"
                        + " RETURNING " + COLUMNS)
                .param("team", teamId)
                .param("procedure", procedure.id())
                .param("process", process.id())
                .param("stateTask", stateTask.shortId())
                .param("status", status)
                .param("title", title)
                .param("assignedTo", assignedTo)
                .param("data", json.writeValueAsString(data))
                .param("dueBy", dueBy)
                .query(this::view)
                .single();
    }

    /** A process's tasks, newest first. */
    public List<Map<String, Object>> list(UUID teamId, String proc, String processRef) {
        Process process = processes.getByIdOrPrimaryKey(teamId, proc, processRef);
        return jdbc.sql("SELECT " + COLUMNS + " FROM task WHERE team_id = :team AND process_id = :process"
                        + " ORDER BY created_at DESC, id DESC")
                .param("team", teamId)
                .param("process", process.id())
                .query(this::view)
                .list();
    }

    private Map<String, Object> view(ResultSet rs, int row) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", rs.getObject("id", UUID.class));
        m.put("createdAt", millis(rs, "created_at"));
        m.put("updatedAt", millis(rs, "updated_at"));
        m.put("team", rs.getObject("team_id", UUID.class));
        m.put("procedure", rs.getObject("procedure_id", UUID.class));
        m.put("process", rs.getObject("process_id", UUID.class));
        m.put("stateTask", rs.getString("state_task"));
        m.put("status", rs.getString("status"));
        m.put("title", rs.getString("title"));
        m.put("assignedTo", rs.getObject("assigned_to", UUID.class));
        m.put("createdBy", rs.getObject("created_by", UUID.class));
        m.put("data", json.readTree(rs.getString("data")));
        m.put("dueBy", millis(rs, "due_by"));
        m.put("completedAt", millis(rs, "completed_at"));
        m.put("cancelledAt", millis(rs, "cancelled_at"));
        return m;
    }
}
