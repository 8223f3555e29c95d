package org.openchakra.webhook;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.openchakra.common.ExpiringCache;
import org.openchakra.common.HmacSha256;
import org.openchakra.secret.SecretBox;
import org.openchakra.team.TeamChanges;
import org.openchakra.team.TeamService;
import org.springframework.stereotype.Component;

/**
 * {@code X-Chakra-Signature-256}: lowercase hex HMAC-SHA256 of the exact body bytes with the team's webhook
 * secret (no prefix; absent while the team has none). Secrets are kept decrypted for a few seconds, since
 * every delivery needs one, and forgotten on every process as soon as a team's secret changes
 * ({@link TeamChanges}): a delivery made a few milliseconds after the change may still carry the old one.
 */
@Component
class WebhookSigner {

    private final TeamService teams;
    private final SecretBox secrets;
    private final ExpiringCache<UUID, Optional<String>> cache = new ExpiringCache<>(Duration.ofSeconds(5), 10_000);

    public WebhookSigner(TeamService teams, SecretBox secrets, TeamChanges changes) {
        this.teams = teams;
        this.secrets = secrets;
        changes.listen(cache::forget, cache::forgetAll);
    }

    public Optional<String> signature(UUID teamId, byte[] body) {
        return secret(teamId).map(secret -> HmacSha256.hex(secret, body));
    }

    private Optional<String> secret(UUID teamId) {
        return cache.get(teamId, team -> teams.webhookSecret(team).map(secrets::decrypt));
    }
}
