package org.openchakra.whatsapp.plugin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiException;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.Envelopes;
import org.openchakra.web.RequiresPrivilege;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** A plugin's webhook settings as ChakraHQ clients read and change them (whatsapp.md §10). */
@RestController
class PluginConfigController {

    private final CurrentPlugins current;
    private final PluginService service;

    PluginConfigController(CurrentPlugins current, PluginService service) {
        this.current = current;
        this.service = service;
    }

    /** Read afresh, not from the directory's copy: what update-config just answered, on any process, shows. */
    @GetMapping("/v1/ext/plugin/whatsapp/{pluginId}/config")
    @RequiresPrivilege(Privileges.PLUGIN_ADMIN)
    @ApiOperation(
            id = "getPluginConfig",
            summary = "A plugin's webhook settings",
            data = PluginSchemas.PluginSettings.class)
    public ApiResponse config(Caller caller, @PathVariable UUID pluginId) {
        WhatsappPlugin plugin = current.find(caller.teamId(), pluginId)
                .orElseThrow(() -> ApiException.notFound("WhatsApp plugin " + pluginId + " not found"));
        if (!plugin.active()) {
            throw ApiException.notFound("WhatsApp plugin " + pluginId + " is not active");
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("pluginId", plugin.id());
        view.put("isActive", plugin.active());
        view.put("mode", plugin.mode().name());
        view.put("wabas", PluginViews.wabas(plugin));
        PluginConfig.withDefaults(plugin.config()).properties().forEach(e -> view.put(e.getKey(), e.getValue()));
        return ApiResponse.ok(view);
    }

    /** A partial body of the settings; every field is checked before anything changes. */
    @PostMapping("/v1/ext/plugin/whatsapp/{pluginId}/update-config")
    @RequiresPrivilege(Privileges.PLUGIN_ADMIN)
    @ApiOperation(
            id = "updatePluginConfig",
            summary = "Change a plugin's webhook settings",
            body = PluginSchemas.WebhookSettingsChange.class,
            data = Envelopes.Success.class)
    public ApiResponse updateConfig(Caller caller, @PathVariable UUID pluginId, @RequestBody JsonNode body) {
        service.updateConfig(caller.teamId(), pluginId, body);
        return ApiResponse.ok(Map.of("success", true));
    }
}
