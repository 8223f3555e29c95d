package org.openchakra.whatsapp.plugin;

import java.util.Optional;
import java.util.UUID;
import org.openchakra.common.TransactionMemo;
import org.springframework.stereotype.Component;

/**
 * Plugins as the database holds them now, for decisions that must follow a settings change at once on every
 * server process (webhooks.md §2: which events a notification or a send makes). Never from a cache, which
 * another process's change reaches only a few milliseconds after it answered; read at most once per plugin
 * and transaction, so a batch of notifications pays one read per plugin. Every notification of a batch was
 * stored before the batch began, so its read comes after any change that answered before the notification
 * arrived.
 */
@Component
public class CurrentPlugins {

    private final PluginRepository plugins;
    private final TransactionMemo<String, Optional<WhatsappPlugin>> read = new TransactionMemo<>();

    public CurrentPlugins(PluginRepository plugins) {
        this.plugins = plugins;
    }

    public Optional<WhatsappPlugin> find(UUID teamId, UUID pluginId) {
        return read.get("id " + teamId + " " + pluginId, () -> plugins.find(teamId, pluginId));
    }

    /** The active plugin that owns a WABA, across teams (inbound routing). */
    public Optional<WhatsappPlugin> activeByWaba(String wabaId) {
        return read.get("waba " + wabaId, () -> plugins.findActiveByWaba(wabaId));
    }

    /** The active plugin that owns a phone-number id, across teams. */
    public Optional<WhatsappPlugin> activeByPhoneNumberId(String phoneNumberId) {
        return read.get("number " + phoneNumberId, () -> plugins.findActiveByPhoneNumberId(phoneNumberId));
    }
}
