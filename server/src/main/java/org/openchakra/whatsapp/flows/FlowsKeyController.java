package org.openchakra.whatsapp.flows;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.UUID;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.Caller;
import org.openchakra.web.RequiresPrivilege;
import org.openchakra.whatsapp.graph.ForwardedBody;
import org.openchakra.whatsapp.graph.GraphEdges;
import org.openchakra.whatsapp.meta.MetaSchemas;
import org.openchakra.whatsapp.plugin.PluginDirectory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The business public key of a number's Flows (whatsapp.md §7, meta-cloud-api.md §5): POST sets it (JSON,
 * form or multipart, forwarded as sent), GET reads it; Meta's answers unwrapped. Setting the key changes
 * how the number's Flows are encrypted, so it takes {@code plugin:admin}, as configuring a plugin does.
 */
@RestController
@RequiresPrivilege(Privileges.PLUGIN_ADMIN)
class FlowsKeyController {

    private final PluginDirectory directory;
    private final GraphEdges edges;

    public FlowsKeyController(PluginDirectory directory, GraphEdges edges) {
        this.directory = directory;
        this.edges = edges;
    }

    @RequestMapping(
            path = "/v1/ext/plugin/whatsapp/{pluginId}/api/{version}/{phoneNumberId}/whatsapp_business_encryption",
            method = {RequestMethod.GET, RequestMethod.POST})
    @ApiOperation(
            method = RequestMethod.GET,
            id = "getBusinessPublicKey",
            summary = "The number's business public key for Flows",
            answer = MetaSchemas.MetaBody.class)
    @ApiOperation(
            method = RequestMethod.POST,
            id = "setBusinessPublicKey",
            summary = "Set the number's business public key for Flows (JSON, form or multipart)",
            body = MetaSchemas.MetaBody.class,
            answer = MetaSchemas.MetaBody.class)
    public ResponseEntity<Object> businessPublicKey(
            Caller caller,
            @PathVariable UUID pluginId,
            @PathVariable String version,
            @PathVariable String phoneNumberId,
            HttpServletRequest request)
            throws IOException {
        ForwardedBody body = GraphEdges.body(request);
        PluginDirectory.Resolved plugin = directory.active(caller.teamId(), pluginId);
        directory.number(plugin, phoneNumberId);
        return GraphEdges.unwrapped(
                edges.forward(plugin.target(), request, body, version, phoneNumberId, "whatsapp_business_encryption"));
    }
}
