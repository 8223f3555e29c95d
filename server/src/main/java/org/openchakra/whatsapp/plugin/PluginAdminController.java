package org.openchakra.whatsapp.plugin;

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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The WhatsApp plugins of the caller's team (whatsapp.md §1). Secrets go in and never come out. */
@RestController
class PluginAdminController {

    private final PluginService plugins;
    private final PluginViews views;

    PluginAdminController(PluginService plugins, PluginViews views) {
        this.plugins = plugins;
        this.views = views;
    }

    @PostMapping("/v1/admin/plugins/whatsapp")
    @RequiresPrivilege(Privileges.ADMIN)
    @ApiOperation(
            id = "createWhatsappPlugin",
            summary = "Connect a WhatsApp Business account (or make a sandbox one)",
            body = PluginSchemas.NewPlugin.class,
            data = PluginSchemas.PluginAnswer.class)
    public ApiResponse create(Caller caller, @RequestBody JsonNode body) {
        return ApiResponse.ok(views.view(plugins.create(caller.teamId(), body)));
    }

    @GetMapping("/v1/admin/plugins/whatsapp")
    @RequiresPrivilege(Privileges.ADMIN)
    @ApiOperation(
            id = "listWhatsappPlugins",
            summary = "The team's WhatsApp plugins",
            data = PluginSchemas.PluginAnswer[].class)
    public ApiResponse list(Caller caller) {
        return ApiResponse.ok(
                plugins.list(caller.teamId()).stream().map(views::view).toList());
    }

    @GetMapping("/v1/admin/plugins/whatsapp/{pluginId}")
    @RequiresPrivilege(Privileges.ADMIN)
    @ApiOperation(id = "getWhatsappPlugin", summary = "One WhatsApp plugin", data = PluginSchemas.PluginAnswer.class)
    public ApiResponse get(Caller caller, @PathVariable UUID pluginId) {
        return ApiResponse.ok(views.view(plugins.get(caller.teamId(), pluginId)));
    }

    /** A partial change; a {@code wabas} given replaces the whole list. */
    @PutMapping("/v1/admin/plugins/whatsapp/{pluginId}")
    @RequiresPrivilege(Privileges.ADMIN)
    @ApiOperation(
            id = "updateWhatsappPlugin",
            summary = "Change a WhatsApp plugin",
            body = PluginSchemas.PluginChange.class,
            data = PluginSchemas.PluginAnswer.class)
    public ApiResponse update(Caller caller, @PathVariable UUID pluginId, @RequestBody JsonNode body) {
        return ApiResponse.ok(views.view(plugins.update(caller.teamId(), pluginId, body)));
    }

    @DeleteMapping("/v1/admin/plugins/whatsapp/{pluginId}")
    @RequiresPrivilege(Privileges.ADMIN)
    @ApiOperation(
            id = "deactivateWhatsappPlugin",
            summary = "Deactivate a WhatsApp plugin",
            data = PluginSchemas.PluginAnswer.class)
    public ApiResponse delete(Caller caller, @PathVariable UUID pluginId) {
        return ApiResponse.ok(views.view(plugins.deactivate(caller.teamId(), pluginId)));
    }
}
