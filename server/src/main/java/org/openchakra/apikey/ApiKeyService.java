package org.openchakra.apikey;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.openchakra.role.Role;
import org.openchakra.role.RoleService;
import org.openchakra.web.ApiException;
import org.openchakra.web.JsonFields;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/** A team's API keys and their tokens (platform.md §11); a token's secret leaves here once, in the answer. */
@Service
public class ApiKeyService {

    private final ApiKeyRepository keys;
    private final RoleService roles;
    private final ApiKeyChanges changes;

    ApiKeyService(ApiKeyRepository keys, RoleService roles, ApiKeyChanges changes) {
        this.keys = keys;
        this.roles = roles;
        this.changes = changes;
    }

    public record CreatedKey(ApiKey key, ApiKey.NewToken token) {}

    /** A key with its tokens, as the admin API shows it. */
    public record KeyWithTokens(ApiKey key, List<ApiKey.AccessToken> tokens) {}

    public List<KeyWithTokens> list(UUID teamId) {
        Map<UUID, List<ApiKey.AccessToken>> tokens =
                keys.tokensOfTeam(teamId).stream().collect(Collectors.groupingBy(ApiKey.AccessToken::apiKeyId));
        return keys.listKeys(teamId).stream()
                .map(k -> new KeyWithTokens(k, tokens.getOrDefault(k.id(), List.of())))
                .toList();
    }

    KeyWithTokens get(UUID teamId, UUID keyId) {
        return new KeyWithTokens(key(teamId, keyId), keys.tokensOfKey(teamId, keyId));
    }

    /** {@code POST /v1/admin/api-keys}: name, description and the role (its id or shortId). */
    @Transactional
    public CreatedKey create(UUID teamId, JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        String name = fields.requiredString("name", 200);
        String description = fields.string("description", 2000).orElse(null);
        String roleRef = fields.requiredString("role", 100);
        fields.check();
        Role role = roles.findByIdOrShortId(teamId, roleRef)
                .orElseThrow(() -> ApiException.badRequest("role", "Unknown role '" + roleRef + "'"));
        return create(teamId, name, description, role.id());
    }

    @Transactional
    public CreatedKey create(UUID teamId, String name, String description, UUID roleId) {
        ApiKey key = keys.insertKey(teamId, name, description, roleId);
        return new CreatedKey(key, mintToken(teamId, key.id()));
    }

    /** Deletes the key (its tokens stop working) and answers it as it is then. */
    @Transactional
    public KeyWithTokens delete(UUID teamId, UUID keyId) {
        ApiKey key = key(teamId, keyId);
        keys.deleteKey(teamId, keyId);
        changes.changed(teamId);
        return new KeyWithTokens(key, keys.tokensOfKey(teamId, keyId));
    }

    /** A new token of an existing key. */
    @Transactional
    ApiKey.NewToken newToken(UUID teamId, UUID keyId) {
        key(teamId, keyId);
        return mintToken(teamId, keyId);
    }

    @Transactional
    ApiKey.AccessToken revokeToken(UUID teamId, UUID keyId, UUID tokenId) {
        key(teamId, keyId);
        changes.changed(teamId);
        return keys.revokeToken(teamId, keyId, tokenId).orElseThrow(() -> ApiException.notFound("Token not found"));
    }

    private ApiKey.NewToken mintToken(UUID teamId, UUID keyId) {
        String secret = TokenSecrets.newToken();
        ApiKey.AccessToken token =
                keys.insertToken(teamId, keyId, TokenSecrets.hash(secret), TokenSecrets.visiblePrefix(secret));
        return new ApiKey.NewToken(token, secret);
    }

    private ApiKey key(UUID teamId, UUID keyId) {
        return keys.findKey(teamId, keyId).orElseThrow(() -> ApiException.notFound("API key not found"));
    }
}
