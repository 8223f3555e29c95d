package org.openchakra.apikey;

import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Makes API keys and their tokens; the token secret leaves here once, in the answer. */
@Service
public class ApiKeyService {

    private final ApiKeyRepository keys;

    public ApiKeyService(ApiKeyRepository keys) {
        this.keys = keys;
    }

    public record CreatedKey(ApiKey key, ApiKey.NewToken token) {}

    @Transactional
    public CreatedKey create(UUID teamId, String name, String description, UUID roleId) {
        ApiKey key = keys.insertKey(teamId, name, description, roleId);
        return new CreatedKey(key, mintToken(teamId, key.id()));
    }

    public ApiKey.NewToken mintToken(UUID teamId, UUID keyId) {
        String secret = TokenSecrets.newToken();
        ApiKey.AccessToken token =
                keys.insertToken(teamId, keyId, TokenSecrets.hash(secret), TokenSecrets.visiblePrefix(secret));
        return new ApiKey.NewToken(token, secret);
    }
}
