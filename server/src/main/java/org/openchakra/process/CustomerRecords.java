package org.openchakra.process;

import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The customer records behind processes (platform.md §4): one per customer of a team, found again by
 * phone number, then by email, and enriched (key by key) by every process that names it.
 */
@Repository
class CustomerRecords {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public CustomerRecords(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The id of the team's record for this phone or email, made or merged into. */
    public UUID upsert(UUID teamId, String entity, ObjectNode data, String phone, String email) {
        Optional<UUID> existing = phone == null ? Optional.empty() : findBy(teamId, "phone", phone);
        if (existing.isEmpty() && email != null) {
            existing = findBy(teamId, "email", email);
        }
        String dataJson = json.writeValueAsString(data);
        if (existing.isPresent()) {
            jdbc.sql("UPDATE customer_record SET data = data || CAST(:data AS jsonb), phone = coalesce(phone, :phone),"
                            + " email = coalesce(email, :email), entity = coalesce(:entity, entity), updated_at = now()"
                            + " WHERE team_id = :team AND id = :id")
                    .param("team", teamId)
                    .param("id", existing.get())
                    .param("data", dataJson)
                    .param("phone", phone)
                    .param("email", email)
                    .param("entity", entity)
                    .update();
            return existing.get();
        }
        return jdbc.sql("INSERT INTO customer_record (team_id, entity, data, phone, email)"
                        + " VALUES (:team, :entity, CAST(:data AS jsonb), :phone, :email) RETURNING id")
                .param("team", teamId)
                .param("entity", entity)
                .param("data", dataJson)
                .param("phone", phone)
                .param("email", email)
                .query(UUID.class)
                .single();
    }

    private Optional<UUID> findBy(UUID teamId, String column, String value) {
        // column is one of two names chosen by this class, never input.
        return jdbc.sql("SELECT id FROM customer_record WHERE team_id = :team AND " + column + " = :value"
                        + " ORDER BY created_at LIMIT 1 FOR UPDATE")
                .param("team", teamId)
                .param("value", value)
                .query(UUID.class)
                .optional();
    }
}
