package org.openchakra.apikey;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.openchakra.common.ExpiringCache;
import org.openchakra.role.RoleChanges;
import org.openchakra.team.TeamChanges;
import org.openchakra.web.Caller;
import org.openchakra.web.CallerAuthenticator;
import org.springframework.stereotype.Component;

/**
 * Authenticates bearer tokens. What a token's row says (its key, the role's privileges, the team's rate limit) is
 * kept in memory for {@link #KEPT} at most, and forgotten on every server process as soon as a key is deleted, a
 * token revoked, a role or a team changed ({@link ApiKeyChanges}, {@link RoleChanges}, {@link TeamChanges}: cluster
 * notices sent by the changing transaction, milliseconds after it commits). Reading the row on every request was a
 * database round trip per request. A token that is not found is not kept, so a new token works at once everywhere.
 * {@code lastUsedAt} is written at most once a minute per token, to keep writes off the hot path.
 */
@Component
class TokenAuthenticator implements CallerAuthenticator {

    private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    private static final int MAX_TOKEN_LENGTH = 512;
    /** How long a caller is kept without a notice: the contract allows a few seconds for a role's change. */
    static final Duration KEPT = Duration.ofSeconds(5);

    private final ApiKeyRepository keys;
    private final OperatorToken operator;
    private final Map<UUID, Instant> lastTouched = new ConcurrentHashMap<>();
    // Keys are SHA-256s of tokens callers sent, found ones only: bounded all the same.
    private final ExpiringCache<ByteBuffer, Caller> callers = new ExpiringCache<>(KEPT, 100_000);

    public TokenAuthenticator(
            ApiKeyRepository keys,
            OperatorToken operator,
            ApiKeyChanges keyChanges,
            RoleChanges roleChanges,
            TeamChanges teamChanges) {
        this.keys = keys;
        this.operator = operator;
        // Any change may concern any kept caller of the team; changes are rare, so all are forgotten.
        keyChanges.listen(callers::forgetAll);
        roleChanges.listen(team -> callers.forgetAll(), callers::forgetAll);
        teamChanges.listen(team -> callers.forgetAll(), callers::forgetAll);
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
        Optional<Caller> caller = Optional.ofNullable(callers.get(
                ByteBuffer.wrap(hash), h -> keys.callerByTokenHash(hash).orElse(null)));
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
