package org.openchakra.whatsapp.calling;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiException;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.RequiresPrivilege;
import org.openchakra.whatsapp.graph.ForwardedBody;
import org.openchakra.whatsapp.graph.GraphEdges;
import org.openchakra.whatsapp.meta.MetaErrorRelay;
import org.openchakra.whatsapp.meta.MetaReply;
import org.openchakra.whatsapp.plugin.PluginDirectory;
import org.openchakra.whatsapp.plugin.PluginRepository;
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
 * caller's team that has it. Answers are {@code {"_data": <Meta's body>}}; refusals §2.3's.
 */
@RestController
@RequiresPrivilege(Privileges.WHATSAPP_SEND)
class CallingController {

    static final String BASE = "/v1/whatsapp/{version}/{phoneNumberId}";
    /** Meta's phone-number ids are digits; anything else names no number and is not looked up. */
    private static final Pattern META_ID = Pattern.compile("\\d{1,30}");

    private final PluginRepository plugins;
    private final PluginDirectory directory;
    private final GraphEdges edges;

    public CallingController(PluginRepository plugins, PluginDirectory directory, GraphEdges edges) {
        this.plugins = plugins;
        this.directory = directory;
        this.edges = edges;
    }

    @RequestMapping(
            path = BASE + "/settings",
            method = {RequestMethod.GET, RequestMethod.POST})
    public ResponseEntity<Object> settings(
            Caller caller, @PathVariable String version, @PathVariable String phoneNumberId, HttpServletRequest request)
            throws IOException {
        return forward(caller, version, phoneNumberId, "settings", request);
    }

    @GetMapping(BASE + "/call_permissions")
    public ResponseEntity<Object> callPermissions(
            Caller caller, @PathVariable String version, @PathVariable String phoneNumberId, HttpServletRequest request)
            throws IOException {
        return forward(caller, version, phoneNumberId, "call_permissions", request);
    }

    /** {@code connect}, {@code pre_accept}, {@code accept}, {@code reject}, {@code terminate}: Meta checks each. */
    @PostMapping(BASE + "/calls")
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
        if (!reply.ok()) {
            return MetaErrorRelay.relay(reply);
        }
        return ResponseEntity.status(reply.status())
                .body(ApiResponse.ok(reply.json().isMissingNode() ? null : reply.json()));
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
