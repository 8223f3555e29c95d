package org.openchakra.apikey;

import static org.openchakra.web.TimeValues.millis;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An API key of a team (platform.md §1) and its access tokens. */
public record ApiKey(
        UUID id,
        UUID teamId,
        String name,
        String description,
        UUID roleId,
        Instant createdAt,
        Instant updatedAt,
        Instant lastUsedAt) {

    public View view(List<AccessToken> tokens) {
        return new View(
                id,
                teamId,
                name,
                description,
                roleId,
                createdAt.toEpochMilli(),
                updatedAt.toEpochMilli(),
                millis(lastUsedAt),
                tokens.stream().map(AccessToken::view).toList());
    }

    @Schema(name = "ApiKey")
    public record View(
            UUID id,
            UUID team,
            String name,
            @Nullable String description,
            UUID role,
            long createdAt,
            long updatedAt,
            @Nullable Long lastUsedAt,
            List<AccessToken.View> tokens) {}

    /** An access token; the secret itself is never kept, only its hash and a visible prefix. */
    public record AccessToken(
            UUID id, UUID apiKeyId, String prefix, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

        public View view() {
            return new View(
                    id, apiKeyId, prefix, createdAt.toEpochMilli(), millis(lastUsedAt), millis(revokedAt), null);
        }

        /** {@code token} is the secret, present only in the answer that made it. */
        @Schema(name = "AccessToken")
        public record View(
                UUID id,
                UUID apiKey,

                @Schema(description = "The token's first characters, to tell tokens apart.")
                String prefix,

                long createdAt,
                @Nullable Long lastUsedAt,
                @Nullable Long revokedAt,

                @Schema(description = "The secret itself: only in the answer that made it, else null.") @Nullable
                String token) {}
    }

    /** A token just made: the only moment its secret exists outside the caller's hands. */
    public record NewToken(AccessToken token, String secret) {
        public AccessToken.View view() {
            AccessToken.View v = token.view();
            return new AccessToken.View(
                    v.id(), v.apiKey(), v.prefix(), v.createdAt(), v.lastUsedAt(), v.revokedAt(), secret);
        }
    }
}
