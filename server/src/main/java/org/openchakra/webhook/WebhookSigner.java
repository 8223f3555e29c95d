package org.openchakra.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openchakra.secret.SecretBox;
import org.openchakra.team.TeamRepository;
import org.springframework.stereotype.Component;

/**
 * {@code X-Chakra-Signature-256}: lowercase hex HMAC-SHA256 of the exact body bytes with the team's webhook
 * secret (no prefix; absent while the team has none). Secrets are kept decrypted for a few seconds, since
 * every delivery needs one; a changed secret signs within that time.
 */
@Component
public class WebhookSigner {

    private static final long TTL_NANOS = 5_000_000_000L;

    private record Cached(Optional<String> secret, long expiresAt) {
    }

    private final TeamRepository teams;
    private final SecretBox secrets;
    private final Map<UUID, Cached> cache = new ConcurrentHashMap<>();

    public WebhookSigner(TeamRepository teams, SecretBox secrets) {
        this.teams = teams;
        this.secrets = secrets;
    }

    public Optional<String> signature(UUID teamId, byte[] body) {
        return secret(teamId).map(secret -> hmacHex(secret, body));
    }

    public static String hmacHex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private Optional<String> secret(UUID teamId) {
        long now = System.nanoTime();
        Cached hit = cache.get(teamId);
        if (hit == null || hit.expiresAt() - now < 0) {
            hit = new Cached(teams.webhookSecret(teamId).map(secrets::decrypt), now + TTL_NANOS);
            cache.put(teamId, hit);
        }
        return hit.secret();
    }
}
