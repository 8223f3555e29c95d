package org.openchakra.apikey;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.RequiresPrivilege;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** API keys of the caller's team and their access tokens (platform.md §11). */
@RestController
@RequiresPrivilege(Privileges.ADMIN)
class ApiKeyAdminController {

    private final ApiKeyService keys;

    ApiKeyAdminController(ApiKeyService keys) {
        this.keys = keys;
    }

    @GetMapping("/v1/admin/api-keys")
    @ApiOperation(id = "listApiKeys", summary = "The team's API keys and their tokens", data = ApiKey.View[].class)
    public ApiResponse list(Caller caller) {
        return ApiResponse.ok(keys.list(caller.teamId()).stream()
                .map(k -> k.key().view(k.tokens()))
                .toList());
    }

    @GetMapping("/v1/admin/api-keys/{id}")
    @ApiOperation(id = "getApiKey", summary = "One API key and its tokens", data = ApiKey.View.class)
    public ApiResponse get(Caller caller, @PathVariable UUID id) {
        ApiKeyService.KeyWithTokens key = keys.get(caller.teamId(), id);
        return ApiResponse.ok(key.key().view(key.tokens()));
    }

    /** Answers the key and its first token; the token's secret is shown here and never again. */
    @PostMapping("/v1/admin/api-keys")
    @ApiOperation(
            id = "createApiKey",
            summary = "Make an API key with a role, and its first token",
            body = ApiKeySchemas.NewApiKey.class,
            data = ApiKeySchemas.CreatedApiKey.class)
    public ApiResponse create(Caller caller, @RequestBody JsonNode body) {
        ApiKeyService.CreatedKey created = keys.create(caller.teamId(), body);
        return ApiResponse.ok(Map.of(
                "apiKey", created.key().view(List.of(created.token().token())),
                "token", created.token().view()));
    }

    @DeleteMapping("/v1/admin/api-keys/{id}")
    @ApiOperation(id = "deleteApiKey", summary = "Delete an API key: its tokens stop working", data = ApiKey.View.class)
    public ApiResponse delete(Caller caller, @PathVariable UUID id) {
        ApiKeyService.KeyWithTokens deleted = keys.delete(caller.teamId(), id);
        return ApiResponse.ok(deleted.key().view(deleted.tokens()));
    }

    @PostMapping("/v1/admin/api-keys/{id}/tokens")
    @ApiOperation(
            id = "createAccessToken",
            summary = "Mint another token for an API key; its secret is shown only here",
            data = ApiKey.AccessToken.View.class)
    public ApiResponse newToken(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(keys.newToken(caller.teamId(), id).view());
    }

    @DeleteMapping("/v1/admin/api-keys/{id}/tokens/{tokenId}")
    @ApiOperation(
            id = "revokeAccessToken",
            summary = "Revoke one token of an API key",
            data = ApiKey.AccessToken.View.class)
    public ApiResponse revokeToken(Caller caller, @PathVariable UUID id, @PathVariable UUID tokenId) {
        return ApiResponse.ok(keys.revokeToken(caller.teamId(), id, tokenId).view());
    }
}
