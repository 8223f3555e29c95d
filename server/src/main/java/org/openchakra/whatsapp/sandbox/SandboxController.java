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
    /** The customer's side of a call when the caller gives none: the simulator checks only that there is one. */
    private static final String DEFAULT_OFFER =
            "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n";

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
        String from = phone(f, "from");
        f.string("name", 200);
        String type = f.string("type", 40).orElse("text");
        if (!type.equals("text")
                && !(body.path(type).isObject() || body.path(type).isArray())) {
            f.problem(type, "'" + type + "' must describe the " + type + " message (an object)");
        }
        String pnid = f.string("whatsappPhoneNumberId", 30).orElse(null);
        f.check();
        WhatsappPlugin.PhoneNumber number = number(resolved, pnid);
        ObjectNode message = (ObjectNode) body.deepCopy();
        message.put("from", from);
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

    /**
     * whatsapp.md §9: what {@code call_permissions} answers for a customer ({@code granted} or {@code denied}), so
     * that business-initiated calls ({@code action: connect}) can be tried.
     */
    @PostMapping("/v1/sandbox/{pluginId}/call-permission")
    @RequiresPrivilege(Privileges.WHATSAPP_SEND)
    @ApiOperation(
            id = "setSandboxCallPermission",
            summary = "Set whether a simulated customer allows the business to call them",
            body = SandboxSchemas.CallPermission.class,
            data = SandboxSchemas.CallPermissionSet.class)
    public ApiResponse callPermission(Caller caller, @PathVariable UUID pluginId, @RequestBody JsonNode body) {
        PluginDirectory.Resolved resolved = sandboxPlugin(caller, pluginId);
        JsonFields f = JsonFields.of(body);
        String user = phone(f, "userWaId");
        String status = f.oneOf("status", List.of("granted", "denied")).orElse(null);
        if (status == null && absent(f, "status")) {
            f.problem("status", "'status' is required: granted or denied");
        }
        String pnid = f.string("whatsappPhoneNumberId", 30).orElse(null);
        f.check();
        WhatsappPlugin.PhoneNumber number = number(resolved, pnid);
        sandbox.simulator().callPermission(number.id(), user, status.equals("granted"));
        return ApiResponse.ok(new SandboxSchemas.CallPermissionSet(user, status, number.id()));
    }

    /**
     * whatsapp.md §9: a customer calls the number; the simulator sends the {@code calls} webhook ({@code connect},
     * with the customer's SDP offer) as Meta does, and the business answers it through the calling endpoints
     * ({@code pre_accept}, {@code accept}, {@code reject}, {@code terminate}).
     */
    @PostMapping("/v1/sandbox/{pluginId}/inbound-call")
    @RequiresPrivilege(Privileges.WHATSAPP_SEND)
    @ApiOperation(
            id = "simulateInboundCall",
            summary = "Make a simulated customer call the number (Meta's calls webhook, event connect)",
            body = SandboxSchemas.SimulatedCall.class,
            data = SandboxSchemas.CallStarted.class)
    public ApiResponse inboundCall(Caller caller, @PathVariable UUID pluginId, @RequestBody JsonNode body) {
        PluginDirectory.Resolved resolved = sandboxPlugin(caller, pluginId);
        JsonFields f = JsonFields.of(body);
        String from = phone(f, "from");
        String offer =
                f.string("sdpOffer", 64 * 1024).filter(sdp -> !sdp.isBlank()).orElse(DEFAULT_OFFER);
        String pnid = f.string("whatsappPhoneNumberId", 30).orElse(null);
        f.check();
        WhatsappPlugin.PhoneNumber number = number(resolved, pnid);
        String callId;
        try {
            callId = sandbox.simulator().injectInboundCall(number.id(), from, offer);
        } catch (IllegalStateException callingOff) {
            throw ApiException.conflict(
                    null,
                    "Calling is not enabled for phone number " + number.id() + ": enable it first with POST"
                            + " /v1/whatsapp/{version}/" + number.id() + "/settings {\"calling\": {\"status\":"
                            + " \"ENABLED\"}}");
        }
        return ApiResponse.ok(new SandboxSchemas.CallStarted(callId, from, number.id()));
    }

    /**
     * whatsapp.md §9: how the next message to a customer ends ({@code failed} with Meta's {@code errorCode}, or
     * {@code sent}, {@code delivered}, {@code read}), so that failure handling can be tried; each call scripts
     * one more message.
     */
    @PostMapping("/v1/sandbox/{pluginId}/next-status")
    @RequiresPrivilege(Privileges.WHATSAPP_SEND)
    @ApiOperation(
            id = "setSandboxNextStatus",
            summary = "Choose how the next message to a simulated customer ends (failed with a Meta error, ...)",
            body = SandboxSchemas.NextStatus.class,
            data = SandboxSchemas.NextStatusSet.class)
    public ApiResponse nextStatus(Caller caller, @PathVariable UUID pluginId, @RequestBody JsonNode body) {
        PluginDirectory.Resolved resolved = sandboxPlugin(caller, pluginId);
        JsonFields f = JsonFields.of(body);
        String to = phone(f, "to");
        String status = f.oneOf("status", List.of("failed", "sent", "delivered", "read"))
                .orElse(null);
        if (status == null && absent(f, "status")) {
            f.problem("status", "'status' is required: failed, sent, delivered or read");
        }
        Integer errorCode = f.integer("errorCode", 1, 9_999_999).orElse(null);
        if ("failed".equals(status) && errorCode == null && absent(f, "errorCode")) {
            f.problem("errorCode", "'errorCode' is required for a failed status: Meta's code, e.g. 131026 or 131049");
        } else if (status != null && !"failed".equals(status) && !absent(f, "errorCode")) {
            f.problem("errorCode", "'errorCode' goes with a failed status only");
        }
        String pnid = f.string("whatsappPhoneNumberId", 30).orElse(null);
        f.check();
        WhatsappPlugin.PhoneNumber number = number(resolved, pnid);
        sandbox.simulator().nextStatus(number.id(), to, status, errorCode);
        return ApiResponse.ok(new SandboxSchemas.NextStatusSet(to, status, errorCode, number.id()));
    }

    private static boolean absent(JsonFields f, String field) {
        return !f.has(field) || f.isNull(field);
    }

    /** A customer's number, digits only; its problems go on {@code f}. */
    private static String phone(JsonFields f, String field) {
        String given = f.requiredString(field, 20);
        if (given == null) {
            return null;
        }
        String digits = given.replaceAll("[\\s+()-]", "");
        if (!digits.matches("\\d{6,15}")) {
            f.problem(field, "'" + field + "' must be a phone number in international form, e.g. 919876543210");
            return null;
        }
        return PhoneNumbers.digits(digits);
    }

    /** The plugin's number the body names ({@code whatsappPhoneNumberId}), else its first. */
    private WhatsappPlugin.PhoneNumber number(PluginDirectory.Resolved resolved, String pnid) {
        return pnid == null ? resolved.plugin().wabas().get(0).phoneNumbers().get(0) : directory.number(resolved, pnid);
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
