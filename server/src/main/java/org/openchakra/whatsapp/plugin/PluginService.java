package org.openchakra.whatsapp.plugin;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.openchakra.web.ApiException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Creating, changing and deactivating plugins (whatsapp.md §1). A sandbox plugin gets a made-up WABA,
 * number and credentials, registered with the in-process simulator once the plugin is committed.
 */
@Service
public class PluginService {

    public static final String DEFAULT_GRAPH_URL = "https://graph.facebook.com";
    public static final String DEFAULT_API_VERSION = "v23.0";

    private final PluginRepository plugins;
    private final PluginDirectory directory;
    private final SandboxGraph sandbox;
    private final PluginBodies bodies;
    private final TransactionTemplate tx;
    private final SecureRandom random = new SecureRandom();

    PluginService(
            PluginRepository plugins,
            PluginDirectory directory,
            SandboxGraph sandbox,
            PluginBodies bodies,
            TransactionTemplate tx) {
        this.plugins = plugins;
        this.bodies = bodies;
        this.directory = directory;
        this.sandbox = sandbox;
        this.tx = tx;
    }

    /** The team's active plugins (e.g. every one that may want an event about the team's customers). */
    public List<WhatsappPlugin> active(UUID teamId) {
        return plugins.list(teamId).stream().filter(WhatsappPlugin::active).toList();
    }

    public Optional<WhatsappPlugin> find(UUID teamId, UUID pluginId) {
        return plugins.find(teamId, pluginId);
    }

    /** The team's plugin, active or not, or 404. */
    public WhatsappPlugin get(UUID teamId, UUID pluginId) {
        return plugins.find(teamId, pluginId)
                .orElseThrow(() -> ApiException.notFound("WhatsApp plugin " + pluginId + " not found"));
    }

    /** {@code POST /v1/admin/plugins/whatsapp}: the body checked, then the plugin made. */
    WhatsappPlugin create(UUID teamId, JsonNode body) {
        return create(teamId, bodies.newPlugin(body));
    }

    /** {@code PUT /v1/admin/plugins/whatsapp/{id}}: the body checked against the plugin, then the change. */
    WhatsappPlugin update(UUID teamId, UUID pluginId, JsonNode body) {
        return update(teamId, pluginId, bodies.change(get(teamId, pluginId), body));
    }

    /**
     * {@code update-config}: an active plugin's webhook settings, partly changed. The body is merged into the
     * settings as they are under the plugin's row lock, not into a kept copy: two changes at once, through any
     * server processes, each keep the other's fields. A refused body changes nothing.
     */
    public void updateConfig(UUID teamId, UUID pluginId, JsonNode body) {
        directory.active(teamId, pluginId); // 404 for another team's, unknown or inactive plugin
        update(teamId, pluginId, current -> new Change(null, null, null, null, null, bodies.config(current, body)));
    }

    public List<WhatsappPlugin> list(UUID teamId) {
        return plugins.list(teamId);
    }

    /** The active plugins of every team in one mode. */
    public List<WhatsappPlugin> listActive(WhatsappPlugin.Mode mode) {
        return plugins.listActive(mode);
    }

    /** The active plugin that holds a WABA (Meta's notifications name WABAs). */
    public Optional<WhatsappPlugin> findActiveByWaba(String wabaId) {
        return plugins.findActiveByWaba(wabaId);
    }

    /** The active plugin that holds a phone number. */
    public Optional<WhatsappPlugin> findActiveByPhoneNumberId(String phoneNumberId) {
        return plugins.findActiveByPhoneNumberId(phoneNumberId);
    }

    /** The plugin's secrets, decrypted. */
    public PluginCredentials credentials(UUID teamId, UUID pluginId) {
        return plugins.credentials(teamId, pluginId);
    }

    /** What a new plugin is made of, checked. */
    public record NewPlugin(
            String name,
            WhatsappPlugin.Mode mode,
            String graphBaseUrl,
            String apiVersion,
            PluginCredentials credentials,
            List<WhatsappPlugin.Waba> wabas,
            JsonNode config) {}

    /** Creates a plugin; runs in the caller's transaction when there is one (the first start's). */
    public WhatsappPlugin create(UUID teamId, NewPlugin spec) {
        return inTransaction(() -> {
            NewPlugin made = spec.mode() == WhatsappPlugin.Mode.SANDBOX ? sandboxed(spec) : spec;
            UUID id = plugins.insert(
                    teamId,
                    made.name(),
                    made.mode(),
                    made.graphBaseUrl(),
                    made.apiVersion(),
                    made.credentials(),
                    made.config());
            replaceWabas(teamId, id, made.wabas());
            WhatsappPlugin plugin = plugins.find(teamId, id).orElseThrow();
            if (plugin.sandbox()) {
                afterCommit(() -> sandbox.register(plugin, made.credentials()));
            }
            return plugin;
        });
    }

    /** A partial change: null fields stay as they are. */
    public record Change(
            String name,
            String graphBaseUrl,
            String apiVersion,
            PluginCredentials credentials,
            List<WhatsappPlugin.Waba> wabas,
            JsonNode config) {}

    public WhatsappPlugin update(UUID teamId, UUID pluginId, Change change) {
        return update(teamId, pluginId, current -> change);
    }

    private WhatsappPlugin update(UUID teamId, UUID pluginId, Function<WhatsappPlugin, Change> changeOf) {
        WhatsappPlugin updated = inTransaction(() -> {
            WhatsappPlugin current = plugins.lock(teamId, pluginId)
                    .orElseThrow(() -> ApiException.notFound("WhatsApp plugin " + pluginId + " not found"));
            if (!current.active()) {
                throw ApiException.conflict(null, "WhatsApp plugin " + pluginId + " is not active; create a new one");
            }
            Change change = changeOf.apply(current);
            if (current.sandbox() && (change.wabas() != null || change.graphBaseUrl() != null)) {
                throw ApiException.badRequest(
                        change.wabas() != null ? "wabas" : "graphBaseUrl",
                        "A sandbox plugin's WABA, numbers and Graph URL are the simulator's and cannot be changed");
            }
            plugins.update(
                    teamId,
                    pluginId,
                    change.name() == null ? current.name() : change.name(),
                    change.graphBaseUrl() == null ? current.graphBaseUrl() : change.graphBaseUrl(),
                    change.apiVersion() == null ? current.defaultApiVersion() : change.apiVersion(),
                    change.config() == null ? current.config() : change.config());
            if (change.credentials() != null) {
                plugins.updateCredentials(teamId, pluginId, change.credentials());
            }
            if (change.wabas() != null) {
                replaceWabas(teamId, pluginId, change.wabas());
            }
            WhatsappPlugin plugin = plugins.find(teamId, pluginId).orElseThrow();
            if (plugin.sandbox() && change.credentials() != null) {
                PluginCredentials credentials = plugins.credentials(teamId, pluginId);
                afterCommit(() -> sandbox.register(plugin, credentials));
            }
            return plugin;
        });
        directory.forget(teamId, pluginId);
        return updated;
    }

    /** Deactivates the plugin and forgets its credentials; its chats and messages stay readable. */
    public WhatsappPlugin deactivate(UUID teamId, UUID pluginId) {
        WhatsappPlugin plugin = inTransaction(() -> {
            plugins.lock(teamId, pluginId)
                    .orElseThrow(() -> ApiException.notFound("WhatsApp plugin " + pluginId + " not found"));
            plugins.deactivate(teamId, pluginId);
            return plugins.find(teamId, pluginId).orElseThrow();
        });
        directory.forget(teamId, pluginId);
        return plugin;
    }

    /**
     * Connects a plugin again (partner access, whatsapp.md §10): active again if it was disconnected, with
     * new credentials and WABAs. A sandbox plugin keeps its simulated WABA and number and gets fresh
     * made-up credentials; {@code credentials} and {@code wabas} are then ignored.
     */
    public WhatsappPlugin reconnect(
            UUID teamId, UUID pluginId, PluginCredentials credentials, List<WhatsappPlugin.Waba> wabas) {
        WhatsappPlugin reconnected = inTransaction(() -> {
            WhatsappPlugin current = plugins.lock(teamId, pluginId)
                    .orElseThrow(() -> ApiException.notFound("WhatsApp plugin " + pluginId + " not found"));
            PluginCredentials given = current.sandbox() ? sandboxCredentials(null) : credentials;
            plugins.reactivate(teamId, pluginId, given);
            replaceWabas(teamId, pluginId, current.sandbox() ? current.wabas() : wabas);
            WhatsappPlugin plugin = plugins.find(teamId, pluginId).orElseThrow();
            if (plugin.sandbox()) {
                afterCommit(() -> sandbox.register(plugin, given));
            }
            return plugin;
        });
        directory.forget(teamId, pluginId);
        return reconnected;
    }

    private void replaceWabas(UUID teamId, UUID pluginId, List<WhatsappPlugin.Waba> wabas) {
        try {
            plugins.replaceWabas(teamId, pluginId, wabas);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict(
                    "wabas", "A WABA or phone number in 'wabas' already belongs to another active plugin");
        }
    }

    /** A sandbox plugin: the simulator's URL, made-up Meta ids and fresh credentials. */
    private NewPlugin sandboxed(NewPlugin spec) {
        String wabaId = "1" + digits(14);
        String numberId = "1" + digits(14);
        String display = "+1 555-0" + digits(2) + "-" + digits(4);
        WhatsappPlugin.PhoneNumber number = new WhatsappPlugin.PhoneNumber(
                numberId, wabaId, display, spec.name(), "GREEN", "TIER_UNLIMITED", 80, false);
        PluginCredentials credentials = sandboxCredentials(
                spec.credentials() == null ? null : spec.credentials().verifyToken());
        return new NewPlugin(
                spec.name(),
                WhatsappPlugin.Mode.SANDBOX,
                "sandbox",
                spec.apiVersion(),
                credentials,
                List.of(new WhatsappPlugin.Waba(wabaId, spec.name() + " (sandbox)", List.of(number))),
                spec.config());
    }

    private PluginCredentials sandboxCredentials(String verifyToken) {
        return new PluginCredentials("EAAsandbox" + token(), token(), verifyToken != null ? verifyToken : token());
    }

    private String digits(int count) {
        StringBuilder s = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            s.append(random.nextInt(10));
        }
        return s.toString();
    }

    private String token() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private <T> T inTransaction(java.util.function.Supplier<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return work.get();
        }
        return tx.execute(status -> work.get());
    }

    private static void afterCommit(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
