package org.openchakra.whatsapp.plugin;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiException;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.JsonFields;
import org.openchakra.web.RequiresPrivilege;
import org.openchakra.webhook.WebhookUrlPolicy;
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

    static final Pattern API_VERSION = Pattern.compile("v\\d{1,2}\\.\\d{1,2}");
    private static final int SECRET_MAX = 2048;

    private final PluginRepository plugins;
    private final PluginService service;
    private final PluginSync sync;
    private final PluginViews views;
    private final WebhookUrlPolicy urls;

    public PluginAdminController(
            PluginRepository plugins,
            PluginService service,
            PluginSync sync,
            PluginViews views,
            WebhookUrlPolicy urls) {
        this.urls = urls;
        this.plugins = plugins;
        this.service = service;
        this.sync = sync;
        this.views = views;
    }

    @PostMapping("/v1/admin/plugins/whatsapp")
    @RequiresPrivilege(Privileges.ADMIN)
    public ApiResponse create(Caller caller, @RequestBody JsonNode body) {
        JsonFields f = JsonFields.of(body);
        String name = f.requiredString("name", 200);
        WhatsappPlugin.Mode mode = f.oneOf("mode", List.of("CLOUD_API", "SANDBOX"))
                .map(WhatsappPlugin.Mode::valueOf)
                .orElse(WhatsappPlugin.Mode.CLOUD_API);
        String graphBaseUrl = f.url("graphBaseUrl").orElse(PluginService.DEFAULT_GRAPH_URL);
        String apiVersion = apiVersion(f).orElse(PluginService.DEFAULT_API_VERSION);
        PluginCredentials credentials = credentials(f);
        List<WhatsappPlugin.Waba> wabas = PluginWabas.read(f, "wabas");
        JsonNode config = f.object("config")
                .map(c -> (JsonNode) PluginConfig.merge(null, c, f, "config.", urls::refusal))
                .orElse(PluginConfig.defaults());
        if (mode == WhatsappPlugin.Mode.CLOUD_API) {
            if (credentials.accessToken() == null
                    && !f.problems().stream().anyMatch(p -> "accessToken".equals(p.field()))) {
                f.problem("accessToken", "'accessToken' is required for a CLOUD_API plugin");
            }
            if (credentials.appSecret() == null
                    && !f.problems().stream().anyMatch(p -> "appSecret".equals(p.field()))) {
                f.problem("appSecret", "'appSecret' is required for a CLOUD_API plugin");
            }
        } else if (f.has("wabas") || f.has("graphBaseUrl")) {
            f.problem(
                    f.has("wabas") ? "wabas" : "graphBaseUrl",
                    "A SANDBOX plugin gets its WABA, number and Graph URL from the simulator; leave them out");
        }
        f.check();
        return ApiResponse.ok(views.view(service.create(
                caller.teamId(),
                new PluginService.NewPlugin(name, mode, graphBaseUrl, apiVersion, credentials, wabas, config))));
    }

    @GetMapping("/v1/admin/plugins/whatsapp")
    @RequiresPrivilege(Privileges.ADMIN)
    public ApiResponse list(Caller caller) {
        return ApiResponse.ok(
                plugins.list(caller.teamId()).stream().map(views::view).toList());
    }

    @GetMapping("/v1/admin/plugins/whatsapp/{pluginId}")
    @RequiresPrivilege(Privileges.ADMIN)
    public ApiResponse get(Caller caller, @PathVariable UUID pluginId) {
        return ApiResponse.ok(views.view(own(caller, pluginId)));
    }

    /** A partial change; a {@code wabas} given replaces the whole list. */
    @PutMapping("/v1/admin/plugins/whatsapp/{pluginId}")
    @RequiresPrivilege(Privileges.ADMIN)
    public ApiResponse update(Caller caller, @PathVariable UUID pluginId, @RequestBody JsonNode body) {
        WhatsappPlugin current = own(caller, pluginId);
        JsonFields f = JsonFields.of(body);
        String name = f.string("name", 200).orElse(null);
        if (name != null && name.isBlank()) {
            f.problem("name", "'name' must not be blank");
        }
        String graphBaseUrl = f.url("graphBaseUrl").orElse(null);
        String apiVersion = apiVersion(f).orElse(null);
        PluginCredentials credentials = credentials(f);
        List<WhatsappPlugin.Waba> wabas = f.has("wabas") ? PluginWabas.read(f, "wabas") : null;
        JsonNode config = f.object("config")
                .map(c -> (JsonNode) PluginConfig.merge(current.config(), c, f, "config.", urls::refusal))
                .orElse(null);
        f.check();
        boolean credentialsGiven = credentials.accessToken() != null
                || credentials.appSecret() != null
                || credentials.verifyToken() != null;
        return ApiResponse.ok(views.view(service.update(
                caller.teamId(),
                pluginId,
                new PluginService.Change(
                        name, graphBaseUrl, apiVersion, credentialsGiven ? credentials : null, wabas, config))));
    }

    @DeleteMapping("/v1/admin/plugins/whatsapp/{pluginId}")
    @RequiresPrivilege(Privileges.ADMIN)
    public ApiResponse delete(Caller caller, @PathVariable UUID pluginId) {
        return ApiResponse.ok(views.view(service.deactivate(caller.teamId(), pluginId)));
    }

    /** Reads the WABAs' phone numbers and templates from Meta. */
    @PostMapping("/v1/admin/plugins/whatsapp/{pluginId}/sync")
    @RequiresPrivilege(Privileges.ADMIN)
    public ApiResponse sync(Caller caller, @PathVariable UUID pluginId) {
        PluginSync.Result result = sync.sync(caller.teamId(), pluginId);
        return ApiResponse.ok(
                views.view(result.plugin()),
                Map.of("phoneNumbers", result.phoneNumbers(), "templates", result.templates()));
    }

    private WhatsappPlugin own(Caller caller, UUID pluginId) {
        return plugins.find(caller.teamId(), pluginId)
                .orElseThrow(() -> ApiException.notFound("WhatsApp plugin " + pluginId + " not found"));
    }

    private static java.util.Optional<String> apiVersion(JsonFields f) {
        return f.string("defaultApiVersion", 10).filter(v -> {
            if (!API_VERSION.matcher(v).matches()) {
                f.problem("defaultApiVersion", "'defaultApiVersion' must look like v23.0");
                return false;
            }
            return true;
        });
    }

    private static PluginCredentials credentials(JsonFields f) {
        return new PluginCredentials(secret(f, "accessToken"), secret(f, "appSecret"), secret(f, "verifyToken"));
    }

    private static String secret(JsonFields f, String field) {
        String value = f.string(field, SECRET_MAX).orElse(null);
        if (value != null && (value.isBlank() || value.chars().anyMatch(c -> c < 0x21 || c > 0x7e))) {
            // It goes into an Authorization header or an HMAC key: printable ASCII without spaces only.
            f.problem(field, "'" + field + "' must be printable ASCII without spaces");
            return null;
        }
        return value;
    }
}
