package org.openchakra.whatsapp.template;

import java.util.Map;
import java.util.UUID;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.RequiresPrivilege;
import org.openchakra.whatsapp.plugin.PluginSchemas;
import org.openchakra.whatsapp.plugin.PluginViews;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** A plugin's numbers and templates read again from Meta (platform.md §11, whatsapp.md §1). */
@RestController
class PluginSyncController {

    private final PluginAndTemplateSync sync;
    private final PluginViews views;

    PluginSyncController(PluginAndTemplateSync sync, PluginViews views) {
        this.sync = sync;
        this.views = views;
    }

    /** Reads the WABAs' phone numbers and templates from Meta. */
    @PostMapping("/v1/admin/plugins/whatsapp/{pluginId}/sync")
    @RequiresPrivilege(Privileges.ADMIN)
    @ApiOperation(
            id = "syncWhatsappPlugin",
            summary = "Read the plugin's phone numbers and templates from Meta",
            data = PluginSchemas.PluginAnswer.class,
            meta = TemplateSchemas.SyncCounts.class)
    public ApiResponse sync(Caller caller, @PathVariable UUID pluginId) {
        PluginAndTemplateSync.Result result = sync.sync(caller.teamId(), pluginId);
        return ApiResponse.ok(
                views.view(result.plugin()),
                Map.of("phoneNumbers", result.phoneNumbers(), "templates", result.templates()));
    }
}
