package org.openchakra.optout;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openchakra.common.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The opt-out list, one row per (team, number). */
@Repository
class OptOutRepository {

    private static final String COLUMNS = "phone_number, reason, source, created_at";

    private final JdbcClient jdbc;

    OptOutRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the number; answers the new entry, or empty when it was on the list already (then left as it was). */
    Optional<OptOut> insert(UUID teamId, String phone, String reason, OptOut.Source source) {
        return jdbc.sql("INSERT INTO opt_out (team_id, phone_number, reason, source) VALUES (:team, :phone, :reason,"
                        + " :source) ON CONFLICT (team_id, phone_number) DO NOTHING RETURNING " + COLUMNS)
                .param("team", teamId)
                .param("phone", phone)
                .param("reason", reason)
                .param("source", source.name())
                .query(OptOutRepository::map)
                .optional();
    }

    Optional<OptOut> updateReason(UUID teamId, String phone, String reason) {
        return jdbc.sql("UPDATE opt_out SET reason = :reason WHERE team_id = :team AND phone_number = :phone"
                        + " RETURNING " + COLUMNS)
                .param("team", teamId)
                .param("phone", phone)
                .param("reason", reason)
                .query(OptOutRepository::map)
                .optional();
    }

    boolean delete(UUID teamId, String phone) {
        return jdbc.sql("DELETE FROM opt_out WHERE team_id = :team AND phone_number = :phone")
                        .param("team", teamId)
                        .param("phone", phone)
                        .update()
                > 0;
    }

    Optional<OptOut> find(UUID teamId, String phone) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM opt_out WHERE team_id = :team AND phone_number = :phone")
                .param("team", teamId)
                .param("phone", phone)
                .query(OptOutRepository::map)
                .optional();
    }

    Set<String> present(UUID teamId, Collection<String> phones) {
        if (phones.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(
                jdbc.sql("SELECT phone_number FROM opt_out WHERE team_id = :team" + " AND phone_number = ANY (:phones)")
                        .param("team", teamId)
                        .param("phones", phones.toArray(String[]::new))
                        .query(String.class)
                        .list());
    }

    /** Newest first; {@code digits} (or null) must occur in the number. */
    List<OptOut> list(UUID teamId, String digits, int skip, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM opt_out WHERE team_id = :team"
                        + " AND (CAST(:digits AS text) IS NULL OR strpos(phone_number, :digits) > 0)"
                        + " ORDER BY created_at DESC, phone_number DESC LIMIT :limit OFFSET :skip")
                .param("team", teamId)
                .param("digits", digits)
                .param("limit", limit)
                .param("skip", skip)
                .query(OptOutRepository::map)
                .list();
    }

    long count(UUID teamId, String digits) {
        return jdbc.sql("SELECT count(*) FROM opt_out WHERE team_id = :team"
                        + " AND (CAST(:digits AS text) IS NULL OR strpos(phone_number, :digits) > 0)")
                .param("team", teamId)
                .param("digits", digits)
                .query(Long.class)
                .single();
    }

    private static OptOut map(ResultSet rs, int row) throws SQLException {
        return new OptOut(
                rs.getString("phone_number"),
                rs.getString("reason"),
                OptOut.Source.valueOf(rs.getString("source")),
                Rows.instant(rs, "created_at"));
    }
}
