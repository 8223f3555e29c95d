package org.openchakra.procedure;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

@Repository
class ProcedureRepository {

    private static final String COLUMNS = "id, team_id, short_id, name, definition, created_at, updated_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ProcedureRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Procedure insert(UUID teamId, String shortId, String name, Procedure.Definition definition) {
        return jdbc.sql("INSERT INTO procedure (team_id, short_id, name, definition) VALUES (:team, :shortId, :name,"
                        + " CAST(:definition AS jsonb)) RETURNING " + COLUMNS)
                .param("team", teamId)
                .param("shortId", shortId)
                .param("name", name)
                .param("definition", json.writeValueAsString(definition))
                .query(this::map)
                .single();
    }

    public List<Procedure> list(UUID teamId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM procedure WHERE team_id = :team ORDER BY created_at, id")
                .param("team", teamId)
                .query(this::map)
                .list();
    }

    /** By shortId or uuid, as {@code {proc}} in paths may be either. */
    public Optional<Procedure> find(UUID teamId, String shortIdOrId) {
        UUID id = uuidOrNull(shortIdOrId);
        return jdbc.sql("SELECT " + COLUMNS + " FROM procedure WHERE team_id = :team AND "
                        + (id == null ? "short_id = :ref" : "id = :id"))
                .param("team", teamId)
                .param("ref", shortIdOrId)
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** The procedure locked for the rest of the transaction, for read-modify-write of its definition. */
    public Optional<Procedure> findForUpdate(UUID teamId, String shortId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM procedure WHERE team_id = :team AND short_id = :shortId FOR UPDATE")
                .param("team", teamId)
                .param("shortId", shortId)
                .query(this::map)
                .optional();
    }

    public Procedure update(UUID teamId, UUID id, String name, Procedure.Definition definition) {
        return jdbc.sql("UPDATE procedure SET name = :name, definition = CAST(:definition AS jsonb), updated_at = now()"
                        + " WHERE team_id = :team AND id = :id RETURNING " + COLUMNS)
                .param("team", teamId)
                .param("id", id)
                .param("name", name)
                .param("definition", json.writeValueAsString(definition))
                .query(this::map)
                .single();
    }

    /** Makes the sequence that numbers an autoId attribute; idempotent. */
    public void createAutoIdSequence(UUID attributeId) {
        jdbc.sql("CREATE SEQUENCE IF NOT EXISTS " + sequenceName(attributeId)).update();
    }

    /** The next number of an autoId attribute: lock-free, so concurrent creates never queue on it. */
    public long nextAutoId(UUID attributeId) {
        return jdbc.sql("SELECT nextval('" + sequenceName(attributeId) + "')")
                .query(Long.class)
                .single();
    }

    /** {@code n} numbers of the attribute's autoId sequence, ascending (one round trip for a bulk batch). */
    public List<Long> nextAutoIds(UUID attributeId, int n) {
        return jdbc.sql("SELECT nextval('" + sequenceName(attributeId)
                        + "') AS v FROM generate_series(1, :n) ORDER BY v")
                .param("n", n)
                .query(Long.class)
                .list();
    }

    /** Built from a uuid we made, never from input: safe to put in SQL text. */
    private static String sequenceName(UUID attributeId) {
        return "oc_autoid_" + attributeId.toString().replace("-", "");
    }

    private Procedure map(ResultSet rs, int row) throws SQLException {
        return new Procedure(
                rs.getObject("id", UUID.class),
                rs.getObject("team_id", UUID.class),
                rs.getString("short_id"),
                rs.getString("name"),
                json.readValue(rs.getString("definition"), Procedure.Definition.class),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static UUID uuidOrNull(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException notUuid) {
            return null;
        }
    }
}
