package org.openchakra.team;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The team table. A team is the tenant itself, so its own id is the filter. */
@Repository
class TeamRepository {

    private static final String COLUMNS = "id, name, short_name, timezone, default_country_code, rate_limit_per_second,"
            + " rate_limit_burst, webhook_secret IS NOT NULL AS has_webhook_secret, reopen_closed_chats,"
            + " enforce_customer_service_window, opt_out_keywords, opt_in_keywords, opt_out_blocks_marketing,"
            + " created_at, updated_at";

    private final JdbcClient jdbc;

    TeamRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Team insert(String name, String shortName, String timezone, String countryCode, int rps, int burst) {
        return jdbc.sql("INSERT INTO team (name, short_name, timezone, default_country_code, rate_limit_per_second,"
                        + " rate_limit_burst) VALUES (:name, :shortName, :tz, :cc, :rps, :burst) RETURNING " + COLUMNS)
                .param("name", name)
                .param("shortName", shortName)
                .param("tz", timezone)
                .param("cc", countryCode)
                .param("rps", rps)
                .param("burst", burst)
                .query(TeamRepository::map)
                .single();
    }

    public Optional<Team> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM team WHERE id = :id")
                .param("id", id)
                .query(TeamRepository::map)
                .optional();
    }

    public Optional<Team> findByShortName(String shortName) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM team WHERE short_name = :shortName")
                .param("shortName", shortName)
                .query(TeamRepository::map)
                .optional();
    }

    public List<Team> list() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM team ORDER BY created_at, id")
                .query(TeamRepository::map)
                .list();
    }

    public boolean isEmpty() {
        return !jdbc.sql("SELECT EXISTS (SELECT 1 FROM team)")
                .query(Boolean.class)
                .single();
    }

    public Team update(Team team) {
        return jdbc.sql("UPDATE team SET name = :name, timezone = :tz, default_country_code = :cc,"
                        + " rate_limit_per_second = :rps, rate_limit_burst = :burst, reopen_closed_chats = :reopen,"
                        + " enforce_customer_service_window = :enforceWindow, opt_out_keywords = :optOut,"
                        + " opt_in_keywords = :optIn, opt_out_blocks_marketing = :blocksMarketing, updated_at = now()"
                        + " WHERE id = :id RETURNING " + COLUMNS)
                .param("id", team.id())
                .param("name", team.name())
                .param("tz", team.timezone())
                .param("cc", team.defaultCountryCode())
                .param("rps", team.requestsPerSecond())
                .param("burst", team.burst())
                .param("reopen", team.reopenClosedChats())
                .param("enforceWindow", team.enforceCustomerServiceWindow())
                .param("optOut", team.optOutKeywords().toArray(String[]::new))
                .param("optIn", team.optInKeywords().toArray(String[]::new))
                .param("blocksMarketing", team.optOutBlocksMarketing())
                .query(TeamRepository::map)
                .single();
    }

    public void setWebhookSecret(UUID teamId, byte[] encrypted) {
        jdbc.sql("UPDATE team SET webhook_secret = :secret, updated_at = now() WHERE id = :id")
                .param("id", teamId)
                .param("secret", encrypted)
                .update();
    }

    public Optional<byte[]> webhookSecret(UUID teamId) {
        return jdbc.sql("SELECT webhook_secret FROM team WHERE id = :id AND webhook_secret IS NOT NULL")
                .param("id", teamId)
                .query(byte[].class)
                .optional();
    }

    static Team map(ResultSet rs, int row) throws SQLException {
        return new Team(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                rs.getString("short_name"),
                rs.getString("timezone"),
                rs.getString("default_country_code"),
                rs.getInt("rate_limit_per_second"),
                rs.getInt("rate_limit_burst"),
                rs.getBoolean("has_webhook_secret"),
                rs.getBoolean("reopen_closed_chats"),
                rs.getBoolean("enforce_customer_service_window"),
                words(rs, "opt_out_keywords"),
                words(rs, "opt_in_keywords"),
                rs.getBoolean("opt_out_blocks_marketing"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static List<String> words(ResultSet rs, String column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
