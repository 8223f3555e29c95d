package org.openchakra.whatsapp.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchakra.common.PhoneNumbers;
import org.openchakra.metasim.InboundMessage;
import org.openchakra.metasim.OutboxEntry;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiException;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.JsonFields;
import org.openchakra.web.RequiresPrivilege;
import org.openchakra.whatsapp.plugin.PluginDirectory;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** whatsapp.md §9: what the sandbox's simulated Meta received from a sandbox plugin. */
@RestController
class SandboxController {

    private static final int MAX_LIMIT = 1000;

    private final PluginDirectory directory;
    private final SandboxSimulator sandbox;
    private final JsonMapper json;

    public SandboxController(PluginDirectory directory, SandboxSimulator sandbox, JsonMapper json) {
        this.directory = directory;
        this.sandbox = sandbox;
        this.json = json;
    }

    /** Newest first; {@code limit} 1-1000 (default 100). */
    @GetMapping("/v1/sandbox/{pluginId}/outbox")
    @RequiresPrivilege(Privileges.WHATSAPP_SEND)
    @ApiOperation(
            id = "listSandboxOutbox",
            summary = "What the sandbox's simulated Meta received from the plugin, newest first",
            data = SandboxSchemas.OutboxEntry[].class)
    public ApiResponse outbox(
            Caller caller, @PathVariable UUID pluginId, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit", "'limit' must be between 1 and " + MAX_LIMIT);
        }
        PluginDirectory.Resolved resolved = sandboxPlugin(caller, pluginId);
        List<Map<String, Object>> entries = sandbox.outbox(resolved.plugin()).stream()
                .limit(limit)
                .map(this::view)
                .toList();
        return ApiResponse.ok(entries);
    }

    /**
     * whatsapp.md §9: a simulated customer writes to the plugin's number (or {@code whatsappPhoneNumberId});
     * the simulator delivers it to {@code /webhooks/meta}, signed, as Meta would.
     */
    @PostMapping("/v1/sandbox/{pluginId}/inbound")
    @RequiresPrivilege(Privileges.WHATSAPP_SEND)
    @ApiOperation(
            id = "simulateInboundMessage",
            summary = "Make the simulator deliver a customer's message, as Meta's webhook would",
            body = SandboxSchemas.SimulatedInbound.class,
            data = SandboxSchemas.InboundSent.class)
    public ApiResponse inbound(Caller caller, @PathVariable UUID pluginId, @RequestBody JsonNode body) {
        PluginDirectory.Resolved resolved = sandboxPlugin(caller, pluginId);
        JsonFields f = JsonFields.of(body);
        String from = f.requiredString("from", 20);
        if (from != null && !from.replaceAll("[\\s+()-]", "").matches("\\d{6,15}")) {
            f.problem("from", "'from' must be a phone number in international form, e.g. 919876543210");
        }
        f.string("name", 200);
        String type = f.string("type", 40).orElse("text");
        if (!type.equals("text")
                && !(body.path(type).isObject() || body.path(type).isArray())) {
            f.problem(type, "'" + type + "' must describe the " + type + " message (an object)");
        }
        String pnid = f.string("whatsappPhoneNumberId", 30).orElse(null);
        f.check();
        WhatsappPlugin.PhoneNumber number = pnid == null
                ? resolved.plugin().wabas().get(0).phoneNumbers().get(0)
                : directory.number(resolved, pnid);
        ObjectNode message = (ObjectNode) body.deepCopy();
        message.put("from", PhoneNumbers.digits(from));
        message.remove("whatsappPhoneNumberId");
        String wamid;
        try {
            wamid = sandbox.simulator()
                    .injectInbound(number.id(), InboundMessage.fromSandboxJson(json.writeValueAsString(message)));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(type, "The simulator refused the message: " + e.getMessage());
        }
        return ApiResponse.ok(Map.of("messageId", wamid, "whatsappPhoneNumberId", number.id()));
    }

    private PluginDirectory.Resolved sandboxPlugin(Caller caller, UUID pluginId) {
        PluginDirectory.Resolved resolved = directory.active(caller.teamId(), pluginId);
        if (!resolved.plugin().sandbox()) {
            throw ApiException.notFound("WhatsApp plugin " + pluginId + " is not a sandbox plugin");
        }
        return resolved;
    }

    private Map<String, Object> view(OutboxEntry e) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", e.wamid());
        v.put("phoneNumberId", e.phoneNumberId());
        v.put("to", e.to());
        v.put("waId", e.waId());
        v.put("type", e.type());
        v.put("apiVersion", e.apiVersion());
        v.put("receivedAt", e.receivedAt().toEpochMilli());
        v.put("request", json.readTree(e.requestJson()));
        return v;
    }
}
