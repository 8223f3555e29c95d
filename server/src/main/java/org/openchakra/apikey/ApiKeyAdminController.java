package org.openchakra.apikey;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.openchakra.role.Privileges;
import org.openchakra.role.Role;
import org.openchakra.role.RoleRepository;
import org.openchakra.web.ApiException;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.JsonFields;
import org.openchakra.web.RequiresPrivilege;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** API keys of the caller's team and their access tokens (platform.md §11). */
@RestController
@RequestMapping("/v1/admin/api-keys")
@RequiresPrivilege(Privileges.ADMIN)
class ApiKeyAdminController {

    private final ApiKeyRepository keys;
    private final ApiKeyService service;
    private final RoleRepository roles;

    public ApiKeyAdminController(ApiKeyRepository keys, ApiKeyService service, RoleRepository roles) {
        this.keys = keys;
        this.service = service;
        this.roles = roles;
    }

    @GetMapping
    public ApiResponse list(Caller caller) {
        Map<UUID, List<ApiKey.AccessToken>> tokens = keys.tokensOfTeam(caller.teamId()).stream()
                .collect(Collectors.groupingBy(ApiKey.AccessToken::apiKeyId));
        return ApiResponse.ok(keys.listKeys(caller.teamId()).stream()
                .map(k -> k.view(tokens.getOrDefault(k.id(), List.of())))
                .toList());
    }

    @GetMapping("/{id}")
    public ApiResponse get(Caller caller, @PathVariable UUID id) {
        ApiKey key = key(caller, id);
        return ApiResponse.ok(key.view(keys.tokensOfKey(caller.teamId(), id)));
    }

    /** Answers the key and its first token; the token's secret is shown here and never again. */
    @PostMapping
    @Transactional
    public ApiResponse create(Caller caller, @RequestBody JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        String name = fields.requiredString("name", 200);
        String description = fields.string("description", 2000).orElse(null);
        String roleRef = fields.requiredString("role", 100);
        fields.check();
        Role role = roles.findByIdOrShortId(caller.teamId(), roleRef)
                .orElseThrow(() -> ApiException.badRequest("role", "Unknown role '" + roleRef + "'"));
        ApiKeyService.CreatedKey created = service.create(caller.teamId(), name, description, role.id());
        return ApiResponse.ok(Map.of(
                "apiKey", created.key().view(List.of(created.token().token())),
                "token", created.token().view()));
    }

    @DeleteMapping("/{id}")
    @Transactional
    public ApiResponse delete(Caller caller, @PathVariable UUID id) {
        ApiKey key = key(caller, id);
        keys.deleteKey(caller.teamId(), id);
        return ApiResponse.ok(key.view(keys.tokensOfKey(caller.teamId(), id)));
    }

    @PostMapping("/{id}/tokens")
    @Transactional
    public ApiResponse newToken(Caller caller, @PathVariable UUID id) {
        key(caller, id);
        return ApiResponse.ok(service.mintToken(caller.teamId(), id).view());
    }

    @DeleteMapping("/{id}/tokens/{tokenId}")
    @Transactional
    public ApiResponse revokeToken(Caller caller, @PathVariable UUID id, @PathVariable UUID tokenId) {
        key(caller, id);
        return ApiResponse.ok(keys.revokeToken(caller.teamId(), id, tokenId)
                .orElseThrow(() -> ApiException.notFound("Token not found"))
                .view());
    }

    private ApiKey key(Caller caller, UUID id) {
        return keys.findKey(caller.teamId(), id).orElseThrow(() -> ApiException.notFound("API key not found"));
    }
}
