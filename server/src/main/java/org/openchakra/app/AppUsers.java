package org.openchakra.app;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openchakra.web.TimeValues;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Who may use the web app: active users of a team, with their role and their password hash. Read in one
 * statement per request, so that a deactivation or a role change takes effect on the next request, on
 * every instance.
 */
@Repository
class AppUsers {

    private static final String SELECT = "SELECT u.id, u.team_id, t.short_name, t.name AS team_name, u.username,"
            + " u.display_name, e.email, r.name AS role_name, r.privileges, p.password_hash,"
            + " coalesce(u.timezone, t.timezone) AS timezone"
            + " FROM app_user u JOIN team t ON t.id = u.team_id"
            + " JOIN role r ON r.team_id = u.team_id AND r.id = u.role_id"
            + " LEFT JOIN user_email e ON e.team_id = u.team_id AND e.user_id = u.id AND e.is_primary"
            + " LEFT JOIN app_password p ON p.user_id = u.id AND p.team_id = u.team_id"
            + " WHERE u.is_active AND NOT u.is_deleted";

    /** An active user and their password hash (null until they chose one). */
    record Account(AppUser user, String passwordHash) {}

    private final JdbcClient jdbc;

    AppUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Account> active(UUID userId) {
        return jdbc.sql(SELECT + " AND u.id = :id")
                .param("id", userId)
                .query(AppUsers::map)
                .optional();
    }

    Optional<Account> active(UUID teamId, UUID userId) {
        return jdbc.sql(SELECT + " AND u.team_id = :team AND u.id = :id")
                .param("team", teamId)
                .param("id", userId)
                .query(AppUsers::map)
                .optional();
    }

    /**
     * The active users a sign-in could mean: by primary email, or by username for a user without one
     * (inbox.md §1); in one team when {@code teamShortName} is given. At most {@code limit}.
     */
    List<Account> byLogin(String login, String teamShortName, int limit) {
        return jdbc.sql(SELECT + " AND (e.normalized_email = lower(:login)"
                        + " OR (e.email IS NULL AND lower(u.username) = lower(:login)))"
                        + " AND (CAST(:team AS text) IS NULL OR t.short_name = :team)"
                        + " ORDER BY u.created_at, u.id LIMIT :limit")
                .param("login", login)
                .param("team", teamShortName)
                .param("limit", limit)
                .query(AppUsers::map)
                .list();
    }

    /** The active users whose primary email this is, in any team (an OpenID Connect sign-in). At most {@code limit}. */
    List<Account> byEmail(String email, int limit) {
        return jdbc.sql(SELECT + " AND e.normalized_email = lower(:email) ORDER BY u.created_at, u.id LIMIT :limit")
                .param("email", email)
                .param("limit", limit)
                .query(AppUsers::map)
                .list();
    }

    /** A user of a team found by primary email, or by username when they have none: active or not. */
    Optional<UUID> userIdByLogin(UUID teamId, String login) {
        return jdbc.sql("SELECT u.id FROM app_user u LEFT JOIN user_email e ON e.team_id = u.team_id"
                        + " AND e.user_id = u.id AND e.is_primary WHERE u.team_id = :team AND NOT u.is_deleted"
                        + " AND (e.normalized_email = lower(:login) OR lower(u.username) = lower(:login))"
                        + " ORDER BY (e.normalized_email = lower(:login)) DESC NULLS LAST, u.created_at LIMIT 1")
                .param("team", teamId)
                .param("login", login)
                .query(UUID.class)
                .optional();
    }

    java.util.Set<UUID> stillActive(java.util.Collection<UUID> userIds) {
        if (userIds.isEmpty()) {
            return java.util.Set.of();
        }
        return java.util.Set.copyOf(jdbc.sql("SELECT u.id FROM app_user u JOIN role r ON r.team_id = u.team_id"
                        + " AND r.id = u.role_id WHERE u.id = ANY(:ids) AND u.is_active AND NOT u.is_deleted")
                .param("ids", userIds.toArray(UUID[]::new))
                .query(UUID.class)
                .list());
    }

    void setPassword(UUID teamId, UUID userId, String hash) {
        jdbc.sql("INSERT INTO app_password (user_id, team_id, password_hash) VALUES (:user, :team, :hash)"
                        + " ON CONFLICT (user_id) DO UPDATE SET password_hash = EXCLUDED.password_hash,"
                        + " updated_at = now()")
                .param("user", userId)
                .param("team", teamId)
                .param("hash", hash)
                .update();
    }

    private static Account map(ResultSet rs, int row) throws SQLException {
        Array privileges = rs.getArray("privileges");
        AppUser user = new AppUser(
                rs.getObject("id", UUID.class),
                rs.getObject("team_id", UUID.class),
                rs.getString("short_name"),
                rs.getString("team_name"),
                rs.getString("username"),
                rs.getString("display_name"),
                rs.getString("email"),
                rs.getString("role_name"),
                privileges == null ? Set.of() : Set.of((String[]) privileges.getArray()),
                TimeValues.zone(rs.getString("timezone")).orElse(ZoneOffset.UTC));
        return new Account(user, rs.getString("password_hash"));
    }
}
