package org.openchakra.role;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RoleRepository {

    private static final String COLUMNS = "id, team_id, short_id, name, role_type, privileges, created_at, updated_at";

    private final JdbcClient jdbc;

    RoleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Role insert(UUID teamId, String shortId, String name, String roleType, Set<String> privileges) {
        return jdbc.sql("INSERT INTO role (team_id, short_id, name, role_type, privileges)"
                        + " VALUES (:team, :shortId, :name, :type, :privileges) RETURNING " + COLUMNS)
                .param("team", teamId)
                .param("shortId", shortId)
                .param("name", name)
                .param("type", roleType)
                .param("privileges", sorted(privileges))
                .query(RoleRepository::map)
                .single();
    }

    public List<Role> list(UUID teamId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM role WHERE team_id = :team ORDER BY created_at, id")
                .param("team", teamId)
                .query(RoleRepository::map)
                .list();
    }

    public Optional<Role> find(UUID teamId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM role WHERE team_id = :team AND id = :id")
                .param("team", teamId)
                .param("id", id)
                .query(RoleRepository::map)
                .optional();
    }

    public Optional<Role> findByShortId(UUID teamId, String shortId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM role WHERE team_id = :team AND short_id = :shortId")
                .param("team", teamId)
                .param("shortId", shortId)
                .query(RoleRepository::map)
                .optional();
    }

    /** A role named by its uuid or its shortId, as callers may do either. */
    public Optional<Role> findByIdOrShortId(UUID teamId, String idOrShortId) {
        try {
            return find(teamId, UUID.fromString(idOrShortId));
        } catch (IllegalArgumentException notUuid) {
            return findByShortId(teamId, idOrShortId);
        }
    }

    public Role update(UUID teamId, UUID id, String name, String roleType, Set<String> privileges) {
        return jdbc.sql("UPDATE role SET name = :name, role_type = :type, privileges = :privileges, updated_at = now()"
                        + " WHERE team_id = :team AND id = :id RETURNING " + COLUMNS)
                .param("team", teamId)
                .param("id", id)
                .param("name", name)
                .param("type", roleType)
                .param("privileges", sorted(privileges))
                .query(RoleRepository::map)
                .single();
    }

    /**
     * Held by a live API key or by a user that is not deleted. Deactivated users count: they can be
     * reactivated and must have a role then. Deleted keys and users do not: the role's deletion clears
     * their role_id (ON DELETE SET NULL in V2_1), which nothing reads any more.
     */
    public boolean isInUse(UUID teamId, UUID id) {
        return jdbc.sql(
                        "SELECT EXISTS (SELECT 1 FROM app_user WHERE team_id = :team AND role_id = :id AND NOT is_deleted)"
                                + " OR EXISTS (SELECT 1 FROM api_key WHERE team_id = :team AND role_id = :id"
                                + " AND deleted_at IS NULL)")
                .param("team", teamId)
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    public boolean delete(UUID teamId, UUID id) {
        return jdbc.sql("DELETE FROM role WHERE team_id = :team AND id = :id")
                        .param("team", teamId)
                        .param("id", id)
                        .update()
                == 1;
    }

    private static String[] sorted(Set<String> privileges) {
        return privileges.stream().sorted().toArray(String[]::new);
    }

    static Role map(ResultSet rs, int row) throws SQLException {
        return new Role(
                rs.getObject("id", UUID.class),
                rs.getObject("team_id", UUID.class),
                rs.getString("short_id"),
                rs.getString("name"),
                rs.getString("role_type"),
                Arrays.asList((String[]) rs.getArray("privileges").getArray()),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
