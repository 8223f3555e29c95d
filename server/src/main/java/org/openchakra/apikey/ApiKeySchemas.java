package org.openchakra.apikey;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;

/** API key bodies and answers as the OpenAPI document shows them; {@link ApiKey} has the key's own view. */
final class ApiKeySchemas {

    private ApiKeySchemas() {}

    record NewApiKey(
            @Schema(requiredMode = RequiredMode.REQUIRED) String name,
            String description,

            @Schema(requiredMode = RequiredMode.REQUIRED, description = "A role uuid or shortId, e.g. agent.")
            String role) {}

    @Schema(description = "The key and its first token, whose secret is shown here only.")
    record CreatedApiKey(ApiKey.View apiKey, ApiKey.AccessToken.View token) {}
}
