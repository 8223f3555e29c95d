package org.openchakra.whatsapp.partner;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.openchakra.common.EmailAddresses;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiException;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.Envelopes;
import org.openchakra.web.JsonFields;
import org.openchakra.web.PublicBaseUrl;
import org.openchakra.web.RequiresPrivilege;
import org.openchakra.whatsapp.plugin.PluginService;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Partner access (whatsapp.md §10): a partner team makes single-use links for its clients to connect (or
 * reconnect) a WhatsApp account, and disconnects plugins. Both change which plugins the team has, so
 * both take {@code plugin:admin}.
 */
@RestController
@RequiresPrivilege(Privileges.PLUGIN_ADMIN)
class PartnerController {

    private static final int TEXT_MAX = 200;

    private final ConnectTokens tokens;
    private final PluginService plugins;
    private final PluginDisconnect disconnect;
    private final PublicBaseUrl baseUrl;

    public PartnerController(
            ConnectTokens tokens, PluginService plugins, PluginDisconnect disconnect, PublicBaseUrl baseUrl) {
        this.tokens = tokens;
        this.plugins = plugins;
        this.disconnect = disconnect;
        this.baseUrl = baseUrl;
    }

    /**
     * {@code {pluginId}} reconnects that plugin; {@code {newPluginName, clientReferenceId?, clientName?,
     * clientEmail?}} makes a new one. Decision: {@code graphBaseUrl} (new plugins) points a CLOUD_API plugin
     * at another Graph API; since the client's token will be sent there, only a key with {@code admin} may
     * set it. Answers {@code {connectToken, expiresAt}} and, as an addition, the {@code connectUrl} to hand out.
     */
    @PostMapping("/v1/ext/whatsapp-partner/create-connect-token")
    @ApiOperation(
            id = "createConnectToken",
            summary = "A single-use link for a client to connect (or reconnect) a WhatsApp account",
            body = PartnerSchemas.ConnectTokenRequest.class,
            data = PartnerSchemas.ConnectToken.class)
    public ApiResponse createConnectToken(Caller caller, @RequestBody JsonNode body, HttpServletRequest request) {
        JsonFields f = JsonFields.of(body);
        UUID pluginId = f.uuid("pluginId").orElse(null);
        String name = f.string("newPluginName", TEXT_MAX).orElse(null);
        String reference = f.string("clientReferenceId", TEXT_MAX).orElse(null);
        String clientName = f.string("clientName", TEXT_MAX).orElse(null);
        String email = f.string("clientEmail", EmailAddresses.MAX_LENGTH).orElse(null);
        String graphBaseUrl = f.url("graphBaseUrl").orElse(null);
        if (email != null && !EmailAddresses.isValid(email)) {
            f.problem("clientEmail", "'clientEmail' must be an email address");
        }
        if (name != null && name.isBlank()) {
            f.problem("newPluginName", "'newPluginName' must not be blank");
        }
        if (pluginId != null && (f.has("newPluginName") || graphBaseUrl != null)) {
            f.problem(
                    f.has("newPluginName") ? "newPluginName" : "graphBaseUrl",
                    "Give either 'pluginId' (reconnect) or 'newPluginName' (a new plugin), not both");
        } else if (pluginId == null && name == null && f.problems().isEmpty()) {
            f.problem("newPluginName", "'pluginId' (reconnect a plugin) or 'newPluginName' (a new plugin) is required");
        }
        f.check();
        if (graphBaseUrl != null && !caller.has(Privileges.ADMIN)) {
            throw ApiException.forbidden("Setting 'graphBaseUrl' takes the privilege 'admin'");
        }
        if (pluginId != null && plugins.find(caller.teamId(), pluginId).isEmpty()) {
            throw ApiException.notFound("WhatsApp plugin " + pluginId + " not found");
        }
        ConnectTokens.Issued issued = tokens.issue(
                caller.teamId(),
                caller.apiKeyId(),
                new ConnectTokens.Request(
                        pluginId, pluginId == null ? name.strip() : null, reference, clientName, email, graphBaseUrl));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("connectToken", issued.token());
        data.put("expiresAt", issued.expiresAt().toEpochMilli());
        data.put("connectUrl", baseUrl.of(request) + ConnectPageController.PATH + "?connectToken=" + issued.token());
        return ApiResponse.ok(data);
    }

    /** Deactivates the plugin, forgets its Meta credentials, stops its deliveries; its history stays readable. */
    @PostMapping("/v1/ext/plugin/whatsapp/{pluginId}/disconnect")
    @ApiOperation(
            id = "disconnectWhatsappPlugin",
            summary = "Deactivate a plugin and forget its Meta credentials; its history stays",
            data = Envelopes.Success.class)
    public ApiResponse disconnect(Caller caller, @PathVariable UUID pluginId) {
        disconnect.disconnect(caller.teamId(), pluginId);
        return ApiResponse.ok(Map.of("success", true));
    }
}
