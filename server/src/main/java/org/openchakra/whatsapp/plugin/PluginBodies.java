package org.openchakra.whatsapp.plugin;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.openchakra.web.JsonFields;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Reads and checks the plugin bodies of the admin API and of {@code update-config} (whatsapp.md §1, §10):
 * every problem of a body in one 400, before anything changes.
 */
@Component
class PluginBodies {

    private static final Pattern API_VERSION = Pattern.compile("v\\d{1,2}\\.\\d{1,2}");
    private static final int SECRET_MAX = 2048;

    private final WebhookUrlPolicy urls;

    PluginBodies(WebhookUrlPolicy urls) {
        this.urls = urls;
    }

    /** {@code POST /v1/admin/plugins/whatsapp}. */
    PluginService.NewPlugin newPlugin(JsonNode body) {
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
        return new PluginService.NewPlugin(name, mode, graphBaseUrl, apiVersion, credentials, wabas, config);
    }

    /** {@code PUT /v1/admin/plugins/whatsapp/{id}}: a partial change; a {@code wabas} given replaces the list. */
    PluginService.Change change(WhatsappPlugin current, JsonNode body) {
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
        return new PluginService.Change(
                name, graphBaseUrl, apiVersion, credentialsGiven ? credentials : null, wabas, config);
    }

    /** {@code update-config}: a partial body of the webhook settings, merged into the plugin's. */
    JsonNode config(WhatsappPlugin current, JsonNode body) {
        JsonFields f = JsonFields.of(body);
        JsonNode config = PluginConfig.merge(current.config(), body, f, "", urls::refusal);
        f.check();
        return config;
    }

    private static Optional<String> apiVersion(JsonFields f) {
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
