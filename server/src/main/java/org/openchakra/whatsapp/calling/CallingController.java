package org.openchakra.whatsapp.calling;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiException;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.Caller;
import org.openchakra.web.RequiresPrivilege;
import org.openchakra.whatsapp.graph.ForwardedBody;
import org.openchakra.whatsapp.graph.GraphEdges;
import org.openchakra.whatsapp.meta.MetaReply;
import org.openchakra.whatsapp.meta.MetaSchemas;
import org.openchakra.whatsapp.plugin.PluginDirectory;
import org.openchakra.whatsapp.plugin.PluginService;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Calling pass-through (whatsapp.md §7, meta-cloud-api.md §10.2), where ChakraHQ puts it: under
 * {@code /v1/whatsapp} with no plugin in the path. The number names the plugin: the active plugin of the
 * caller's team that has it. Answers are Meta's bodies as they are, not wrapped in {@code _data}: the official
 * SDK reads {@code calling.status}, {@code permission.status}, {@code calls[0].id} and {@code success} at the
 * top level. Refusals are §2.3's (Meta's {@code error} and a non-empty {@code _errors}, which the SDK checks).
 */
@RestController
@RequiresPrivilege(Privileges.WHATSAPP_SEND)
class CallingController {
    /** Meta's phone-number ids are digits; anything else names no number and is not looked up. */
    private static final Pattern META_ID = Pattern.compile("\\d{1,30}");

    private final PluginService plugins;
    private final PluginDirectory directory;
    private final GraphEdges edges;

    public CallingController(PluginService plugins, PluginDirectory directory, GraphEdges edges) {
        this.plugins = plugins;
        this.directory = directory;
        this.edges = edges;
    }

    @RequestMapping(
            path = "/v1/whatsapp/{version}/{phoneNumberId}/settings",
            method = {RequestMethod.GET, RequestMethod.POST})
    @ApiOperation(
            method = RequestMethod.GET,
            id = "getCallingSettings",
            summary = "A number's calling settings",
            answer = MetaSchemas.MetaBody.class)
    @ApiOperation(
            method = RequestMethod.POST,
            id = "updateCallingSettings",
            summary = "Change a number's calling settings",
            body = MetaSchemas.MetaBody.class,
            answer = MetaSchemas.MetaBody.class)
    public ResponseEntity<Object> settings(
            Caller caller, @PathVariable String version, @PathVariable String phoneNumberId, HttpServletRequest request)
            throws IOException {
        return forward(caller, version, phoneNumberId, "settings", request);
    }

    @GetMapping("/v1/whatsapp/{version}/{phoneNumberId}/call_permissions")
    @ApiOperation(
            id = "getCallPermissions",
            summary = "Whether the number may call a customer (Meta's query parameters pass through)",
            answer = MetaSchemas.MetaBody.class)
    public ResponseEntity<Object> callPermissions(
            Caller caller, @PathVariable String version, @PathVariable String phoneNumberId, HttpServletRequest request)
            throws IOException {
        return forward(caller, version, phoneNumberId, "call_permissions", request);
    }

    /** {@code connect}, {@code pre_accept}, {@code accept}, {@code reject}, {@code terminate}: Meta checks each. */
    @PostMapping("/v1/whatsapp/{version}/{phoneNumberId}/calls")
    @ApiOperation(
            id = "manageCall",
            summary = "connect, pre_accept, accept, reject or terminate a call",
            body = MetaSchemas.MetaBody.class,
            answer = MetaSchemas.MetaBody.class)
    public ResponseEntity<Object> calls(
            Caller caller, @PathVariable String version, @PathVariable String phoneNumberId, HttpServletRequest request)
            throws IOException {
        return forward(caller, version, phoneNumberId, "calls", request);
    }

    private ResponseEntity<Object> forward(
            Caller caller, String version, String phoneNumberId, String edge, HttpServletRequest request)
            throws IOException {
        ForwardedBody body = GraphEdges.body(request);
        PluginDirectory.Resolved plugin = owner(caller, phoneNumberId);
        MetaReply reply = edges.forward(plugin.target(), request, body, version, phoneNumberId, edge);
        if (reply.ok()) {
            // Every calling answer is an object that clients read fields of (settings, permission, calls, success).
            reply.object("the calling " + edge + " call");
        }
        return GraphEdges.unwrapped(reply);
    }

    private PluginDirectory.Resolved owner(Caller caller, String phoneNumberId) {
        return (META_ID.matcher(phoneNumberId).matches()
                        ? plugins.findActiveByPhoneNumberId(phoneNumberId)
                        : Optional.<WhatsappPlugin>empty())
                .filter(plugin -> plugin.teamId().equals(caller.teamId()))
                .map(plugin -> directory.active(caller.teamId(), plugin.id()))
                .orElseThrow(() -> ApiException.notFound(
                        "Phone number " + phoneNumberId + " is not a number of an active WhatsApp plugin of the team"));
    }
}
