package org.openchakra.whatsapp.plugin;

import java.time.Duration;
import java.util.UUID;
import org.openchakra.common.ExpiringCache;
import org.openchakra.web.ApiException;
import org.openchakra.whatsapp.meta.MetaTarget;
import org.springframework.stereotype.Component;

/**
 * Resolves the plugin a request names (whatsapp.md §1: another team's, unknown or inactive plugin, or a
 * number not in the plugin: 404 saying which) and where to reach Meta for it.
 *
 * <p>Sends resolve a plugin on every request, so resolutions are kept for a short while. A change made
 * through this process is seen at once ({@link #forget}); one made through another server process on the
 * same database as soon as its notice arrives ({@link PluginChanges}, milliseconds after its commit), and
 * within {@link #TTL} at worst. Decisions that must follow a change at once read {@link CurrentPlugins}.
 */
@Component
public class PluginDirectory {

    static final Duration TTL = Duration.ofSeconds(1);

    /** A plugin with the credentials-bearing target its calls go to. */
    public record Resolved(WhatsappPlugin plugin, MetaTarget target) {}

    private record Key(UUID teamId, UUID pluginId) {}

    private final PluginRepository plugins;
    private final SandboxGraph sandbox;
    // Misses are not kept (the cache keeps no nulls): ids anyone can make up must not fill it.
    private final ExpiringCache<Key, Resolved> cache = new ExpiringCache<>(TTL, 10_000);

    public PluginDirectory(PluginRepository plugins, SandboxGraph sandbox, PluginChanges changes) {
        this.plugins = plugins;
        this.sandbox = sandbox;
        ExpiringCache<Key, Resolved> resolutions = cache;
        changes.listen((team, plugin) -> resolutions.forget(new Key(team, plugin)), resolutions::forgetAll);
    }

    /** The team's active plugin, or 404. */
    public Resolved active(UUID teamId, UUID pluginId) {
        Resolved resolved = cache.get(new Key(teamId, pluginId), key -> load(key.teamId(), key.pluginId()));
        if (resolved == null) {
            throw ApiException.notFound("WhatsApp plugin " + pluginId + " not found");
        }
        if (!resolved.plugin().active()) {
            throw ApiException.notFound("WhatsApp plugin " + pluginId + " is not active");
        }
        return resolved;
    }

    /** The sender number of an active plugin, or 404. */
    public WhatsappPlugin.PhoneNumber number(Resolved resolved, String phoneNumberId) {
        return resolved.plugin()
                .phoneNumber(phoneNumberId)
                .orElseThrow(() ->
                        ApiException.notFound("Phone number " + phoneNumberId + " is not a number of WhatsApp plugin "
                                + resolved.plugin().id()));
    }

    /** Where calls for a plugin go, as whom. */
    public MetaTarget target(WhatsappPlugin plugin) {
        PluginCredentials credentials = plugins.credentials(plugin.teamId(), plugin.id());
        return target(plugin, credentials);
    }

    private MetaTarget target(WhatsappPlugin plugin, PluginCredentials credentials) {
        if (plugin.sandbox()) {
            sandbox.ensureRegistered(plugin, credentials);
        }
        String baseUrl = plugin.sandbox() ? sandbox.baseUrl() : plugin.graphBaseUrl();
        return new MetaTarget(baseUrl, credentials.accessToken() == null ? "" : credentials.accessToken());
    }

    public void forget(UUID teamId, UUID pluginId) {
        cache.forget(new Key(teamId, pluginId));
    }

    private Resolved load(UUID teamId, UUID pluginId) {
        return plugins.find(teamId, pluginId)
                .map(plugin -> new Resolved(plugin, plugin.active() ? target(plugin) : null))
                .orElse(null);
    }
}
