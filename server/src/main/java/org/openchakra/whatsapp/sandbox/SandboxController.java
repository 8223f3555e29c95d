package org.openchakra.whatsapp.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchakra.metasim.OutboxEntry;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiException;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.RequiresPrivilege;
import org.openchakra.whatsapp.plugin.PluginDirectory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/** whatsapp.md §9: what the sandbox's simulated Meta received from a sandbox plugin. */
@RestController
public class SandboxController {

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
    public ApiResponse outbox(Caller caller, @PathVariable UUID pluginId,
            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit", "'limit' must be between 1 and " + MAX_LIMIT);
        }
        PluginDirectory.Resolved resolved = directory.active(caller.teamId(), pluginId);
        if (!resolved.plugin().sandbox()) {
            throw ApiException.notFound("WhatsApp plugin " + pluginId + " is not a sandbox plugin");
        }
        List<Map<String, Object>> entries = sandbox.outbox(resolved.plugin()).stream().limit(limit)
                .map(this::view).toList();
        return ApiResponse.ok(entries);
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
