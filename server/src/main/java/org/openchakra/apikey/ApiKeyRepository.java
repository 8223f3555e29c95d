package org.openchakra.apikey;

import static org.openchakra.common.Rows.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openchakra.web.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ApiKeyRepository {

    private static final String KEY_COLUMNS =
            "id, team_id, name, description, role_id, created_at, updated_at, last_used_at";
    private static final String TOKEN_COLUMNS = "id, api_key_id, prefix, created_at, last_used_at, revoked_at";

    private final JdbcClient jdbc;

    public ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public ApiKey insertKey(UUID teamId, String name, String description, UUID roleId) {
        return jdbc.sql("INSERT INTO api_key (team_id, name, description, role_id) VALUES (:team, :name, :description,"
                        + " :role) RETURNING " + KEY_COLUMNS)
                .param("team", teamId)
                .param("name", name)
                .param("description", description)
                .param("role", roleId)
                .query(ApiKeyRepository::mapKey)
                .single();
    }

    public ApiKey.AccessToken insertToken(UUID teamId, UUID keyId, byte[] hash, String prefix) {
        return jdbc.sql("INSERT INTO access_token (team_id, api_key_id, token_hash, prefix) VALUES (:team, :key, :hash,"
                        + " :prefix) RETURNING " + TOKEN_COLUMNS)
                .param("team", teamId)
                .param("key", keyId)
                .param("hash", hash)
                .param("prefix", prefix)
                .query(ApiKeyRepository::mapToken)
                .single();
    }

    public List<ApiKey> listKeys(UUID teamId) {
        return jdbc.sql("SELECT " + KEY_COLUMNS + " FROM api_key WHERE team_id = :team AND deleted_at IS NULL"
                        + " ORDER BY created_at, id")
                .param("team", teamId)
                .query(ApiKeyRepository::mapKey)
                .list();
    }

    public Optional<ApiKey> findKey(UUID teamId, UUID id) {
        return jdbc.sql("SELECT " + KEY_COLUMNS
                        + " FROM api_key WHERE team_id = :team AND id = :id AND deleted_at IS NULL")
                .param("team", teamId)
                .param("id", id)
                .query(ApiKeyRepository::mapKey)
                .optional();
    }

    public List<ApiKey.AccessToken> tokensOfTeam(UUID teamId) {
        return jdbc.sql("SELECT " + TOKEN_COLUMNS + " FROM access_token WHERE team_id = :team ORDER BY created_at, id")
                .param("team", teamId)
                .query(ApiKeyRepository::mapToken)
                .list();
    }

    public List<ApiKey.AccessToken> tokensOfKey(UUID teamId, UUID keyId) {
        return jdbc.sql("SELECT " + TOKEN_COLUMNS + " FROM access_token WHERE team_id = :team AND api_key_id = :key"
                        + " ORDER BY created_at, id")
                .param("team", teamId)
                .param("key", keyId)
                .query(ApiKeyRepository::mapToken)
                .list();
    }

    public Optional<ApiKey.AccessToken> revokeToken(UUID teamId, UUID keyId, UUID tokenId) {
        return jdbc.sql("UPDATE access_token SET revoked_at = coalesce(revoked_at, now())"
                        + " WHERE team_id = :team AND api_key_id = :key AND id = :id RETURNING " + TOKEN_COLUMNS)
                .param("team", teamId)
                .param("key", keyId)
                .param("id", tokenId)
                .query(ApiKeyRepository::mapToken)
                .optional();
    }

    /** Deletes the key and revokes all its tokens at once, in the caller's transaction. */
    public boolean deleteKey(UUID teamId, UUID keyId) {
        int deleted = jdbc.sql("UPDATE api_key SET deleted_at = now(), updated_at = now()"
                        + " WHERE team_id = :team AND id = :id AND deleted_at IS NULL")
                .param("team", teamId)
                .param("id", keyId)
                .update();
        jdbc.sql("UPDATE access_token SET revoked_at = now() WHERE team_id = :team AND api_key_id = :key"
                        + " AND revoked_at IS NULL")
                .param("team", teamId)
                .param("key", keyId)
                .update();
        return deleted == 1;
    }

    /**
     * The caller behind a live token, with its key's role as it is now. The one query that does not
     * filter by team, since the token is how we learn the team.
     */
    public Optional<Caller> callerByTokenHash(byte[] hash) {
        return jdbc.sql("""
                        SELECT t.id AS token_id, t.token_hash, k.id AS key_id, k.team_id, tm.short_name,
                               r.role_type, r.privileges, tm.rate_limit_per_second, tm.rate_limit_burst
                        FROM access_token t
                        JOIN api_key k ON k.team_id = t.team_id AND k.id = t.api_key_id AND k.deleted_at IS NULL
                        JOIN role r ON r.team_id = k.team_id AND r.id = k.role_id
                        JOIN team tm ON tm.id = k.team_id
                        WHERE t.token_hash = :hash AND t.revoked_at IS NULL""")
                .param("hash", hash)
                .query((rs, row) -> new TokenRow(
                        rs.getBytes("token_hash"),
                        new Caller(
                                rs.getObject("team_id", UUID.class),
                                rs.getString("short_name"),
                                rs.getObject("key_id", UUID.class),
                                rs.getObject("token_id", UUID.class),
                                rs.getString("role_type"),
                                new HashSet<>(Arrays.asList(
                                        (String[]) rs.getArray("privileges").getArray())),
                                rs.getInt("rate_limit_per_second"),
                                rs.getInt("rate_limit_burst"),
                                false)))
                .optional()
                // The index found the row; the comparison itself is still made in constant time.
                .filter(found -> TokenSecrets.sameHash(hash, found.hash()))
                .map(TokenRow::caller);
    }

    private record TokenRow(byte[] hash, Caller caller) {}

    public void touch(UUID teamId, UUID keyId, UUID tokenId, Instant at) {
        Timestamp ts = Timestamp.from(at);
        jdbc.sql("UPDATE access_token SET last_used_at = :at WHERE team_id = :team AND id = :id")
                .param("team", teamId)
                .param("id", tokenId)
                .param("at", ts)
                .update();
        jdbc.sql("UPDATE api_key SET last_used_at = :at WHERE team_id = :team AND id = :id")
                .param("team", teamId)
                .param("id", keyId)
                .param("at", ts)
                .update();
    }

    static ApiKey mapKey(ResultSet rs, int row) throws SQLException {
        return new ApiKey(
                rs.getObject("id", UUID.class),
                rs.getObject("team_id", UUID.class),
                rs.getString("name"),
                rs.getString("description"),
                rs.getObject("role_id", UUID.class),
                instant(rs, "created_at"),
                instant(rs, "updated_at"),
                instant(rs, "last_used_at"));
    }

    static ApiKey.AccessToken mapToken(ResultSet rs, int row) throws SQLException {
        return new ApiKey.AccessToken(
                rs.getObject("id", UUID.class),
                rs.getObject("api_key_id", UUID.class),
                rs.getString("prefix"),
                instant(rs, "created_at"),
                instant(rs, "last_used_at"),
                instant(rs, "revoked_at"));
    }
}
