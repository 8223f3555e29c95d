package org.openchakra.whatsapp.partner;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.UUID;

/** Partner access (whatsapp.md §10) as the OpenAPI document shows it. */
final class PartnerSchemas {

    private PartnerSchemas() {}

    @Schema(description = "Either pluginId (reconnect it) or newPluginName (a new plugin).")
    record ConnectTokenRequest(
            UUID pluginId,
            String newPluginName,
            String clientReferenceId,
            String clientName,
            String clientEmail,

            @Schema(description = "New CLOUD_API plugins only; takes the privilege admin.")
            String graphBaseUrl) {}

    record ConnectToken(
            @Schema(description = "Single-use.") String connectToken,

            @Schema(description = "Epoch milliseconds: an hour after it was made.")
            long expiresAt,

            @Schema(description = "The connect page's URL with the token, to hand to the client.")
            String connectUrl) {}

    @Schema(description = "The connect page's form (application/x-www-form-urlencoded).")
    record ConnectForm(
            @Schema(requiredMode = RequiredMode.REQUIRED) String connectToken,

            @Schema(description = "SANDBOX confirms a sandbox plugin; anything else connects a Cloud API account.")
            String mode,

            String wabaId,

            @Schema(description = "Meta phone-number ids, separated by commas or spaces.")
            String phoneNumberIds,

            String accessToken,
            String appSecret) {}

    record ConnectPageQuery(
            @Schema(requiredMode = RequiredMode.REQUIRED) String connectToken) {}
}
