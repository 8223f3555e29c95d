package org.openchakra.whatsapp.partner;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.openchakra.apikey.TokenSecrets;
import org.openchakra.common.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The connect tokens table: looked up by the token's SHA-256, like API tokens. */
@Repository
class ConnectTokens {

    /** whatsapp.md §10: a token expires an hour after it is made. */
    public static final Duration LIFETIME = Duration.ofHours(1);
    /** Tells a connect token from an API token at a glance. */
    static final String PREFIX = "occ_";

    private static final String COLUMNS = "id, team_id, plugin_id, new_plugin_name, client_reference_id, client_name,"
            + " client_email, graph_base_url, expires_at, used_at, expires_at <= now() AS expired";

    private final JdbcClient jdbc;

    public ConnectTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a partner asks for; exactly one of {@code pluginId} and {@code newPluginName}. */
    public record Request(
            UUID pluginId,
            String newPluginName,
            String clientReferenceId,
            String clientName,
            String clientEmail,
            String graphBaseUrl) {}

    /** A made token: shown once to the partner, never again. */
    public record Issued(String token, Instant expiresAt) {}

    public Issued issue(UUID teamId, UUID createdByKey, Request request) {
        String token = TokenSecrets.newToken(PREFIX);
        Instant expiresAt = jdbc.sql("INSERT INTO whatsapp_connect_token (team_id, token_hash, plugin_id,"
                        + " new_plugin_name, client_reference_id, client_name, client_email, graph_base_url,"
                        + " created_by_key, expires_at) VALUES (:team, :hash, :plugin, :name, :ref, :client, :email,"
                        + " :url, :key, now() + make_interval(secs => :seconds)) RETURNING expires_at")
                .param("team", teamId)
                .param("hash", TokenSecrets.hash(token))
                .param("plugin", request.pluginId())
                .param("name", request.newPluginName())
                .param("ref", request.clientReferenceId())
                .param("client", request.clientName())
                .param("email", request.clientEmail())
                .param("url", request.graphBaseUrl())
                .param("key", createdByKey)
                .param("seconds", LIFETIME.toSeconds())
                .query((rs, n) -> Rows.instant(rs, "expires_at"))
                .single();
        return new Issued(token, expiresAt);
    }

    public Optional<ConnectToken> find(String token) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM whatsapp_connect_token WHERE token_hash = :hash")
                .param("hash", TokenSecrets.hash(token))
                .query(this::map)
                .optional();
    }

    /** The token's row, locked until the transaction ends: two submissions of one link connect once. */
    public Optional<ConnectToken> lock(String token) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM whatsapp_connect_token WHERE token_hash = :hash FOR UPDATE")
                .param("hash", TokenSecrets.hash(token))
                .query(this::map)
                .optional();
    }

    /** Spends the token on the plugin it connected. */
    public void markUsed(UUID id, UUID pluginId) {
        jdbc.sql("UPDATE whatsapp_connect_token SET used_at = now(), plugin_id = :plugin WHERE id = :id")
                .param("id", id)
                .param("plugin", pluginId)
                .update();
    }

    private ConnectToken map(ResultSet rs, int row) throws SQLException {
        return new ConnectToken(
                rs.getObject("id", UUID.class),
                rs.getObject("team_id", UUID.class),
                rs.getObject("plugin_id", UUID.class),
                rs.getString("new_plugin_name"),
                rs.getString("client_reference_id"),
                rs.getString("client_name"),
                rs.getString("client_email"),
                rs.getString("graph_base_url"),
                Rows.instant(rs, "expires_at"),
                Rows.instant(rs, "used_at"),
                rs.getBoolean("expired"));
    }
}
