package org.openchakra.apikey;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.openchakra.web.Caller;
import org.openchakra.web.CallerAuthenticator;
import org.springframework.stereotype.Component;

/**
 * Authenticates bearer tokens against the database on every request, so a revoked token or a changed
 * role takes effect at once on every server instance. {@code lastUsedAt} is written at most once a
 * minute per token, to keep writes off the hot path.
 */
@Component
class TokenAuthenticator implements CallerAuthenticator {

    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    private static final int MAX_TOKEN_LENGTH = 512;

    private final ApiKeyRepository keys;
    private final OperatorToken operator;
    private final Map<UUID, Instant> lastTouched = new ConcurrentHashMap<>();

    public TokenAuthenticator(ApiKeyRepository keys, OperatorToken operator) {
        this.keys = keys;
        this.operator = operator;
    }

    @Override
    public Optional<Caller> authenticate(String bearerToken) {
        if (bearerToken.isEmpty() || bearerToken.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        byte[] hash = TokenSecrets.hash(bearerToken);
        if (operator.matches(hash)) {
            return Optional.of(Caller.operatorCaller());
        }
        Optional<Caller> caller = keys.callerByTokenHash(hash);
        caller.ifPresent(this::touch);
        return caller;
    }

    private void touch(Caller caller) {
        Instant now = Instant.now();
        Instant previous = lastTouched.get(caller.tokenId());
        if (previous == null || previous.plus(TOUCH_INTERVAL).isBefore(now)) {
            lastTouched.put(caller.tokenId(), now);
            keys.touch(caller.teamId(), caller.apiKeyId(), caller.tokenId(), now);
        }
    }
}
