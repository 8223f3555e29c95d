package org.openchakra.apikey;

import java.util.HexFormat;
import java.util.Optional;
import org.openchakra.OpenChakraProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The server operator's token, which creates teams. Either {@code OPENCHAKRA_OPERATOR_TOKEN}, or one
 * generated at first start whose hash is kept in {@code server_setting}.
 */
@Component
public class OperatorToken {

    private static final String SETTING = "operator_token_sha256";

    private final JdbcClient jdbc;
    private final byte[] configuredHash;
    private volatile byte[] storedHash;

    public OperatorToken(JdbcClient jdbc, OpenChakraProperties props) {
        this.jdbc = jdbc;
        this.configuredHash = props.hasOperatorToken()
                ? TokenSecrets.hash(props.operatorToken().trim())
                : null;
    }

    public boolean isConfigured() {
        return configuredHash != null;
    }

    public boolean matches(byte[] tokenHash) {
        byte[] expected = configuredHash != null ? configuredHash : stored().orElse(null);
        return expected != null && TokenSecrets.sameHash(expected, tokenHash);
    }

    /** Makes and stores a token if none is configured or stored yet; the secret is returned only then. */
    public Optional<String> generateIfAbsent() {
        if (isConfigured() || stored().isPresent()) {
            return Optional.empty();
        }
        String token = TokenSecrets.newToken();
        int inserted = jdbc.sql("INSERT INTO server_setting (key, value) VALUES (:key, :value) ON CONFLICT DO NOTHING")
                .param("key", SETTING)
                .param("value", HexFormat.of().formatHex(TokenSecrets.hash(token)))
                .update();
        return inserted == 1 ? Optional.of(token) : Optional.empty();
    }

    private Optional<byte[]> stored() {
        if (storedHash == null) {
            storedHash = jdbc.sql("SELECT value FROM server_setting WHERE key = :key")
                    .param("key", SETTING)
                    .query(String.class)
                    .optional()
                    .map(HexFormat.of()::parseHex)
                    .orElse(null);
        }
        return Optional.ofNullable(storedHash);
    }
}
