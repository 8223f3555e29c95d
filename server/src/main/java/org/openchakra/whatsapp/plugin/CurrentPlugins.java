package org.openchakra.whatsapp.plugin;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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

    public CurrentPlugins(PluginRepository plugins) {
        this.plugins = plugins;
    }

    public Optional<WhatsappPlugin> find(UUID teamId, UUID pluginId) {
        return read("id " + teamId + " " + pluginId, () -> plugins.find(teamId, pluginId));
    }

    /** The active plugin that owns a WABA, across teams (inbound routing). */
    public Optional<WhatsappPlugin> activeByWaba(String wabaId) {
        return read("waba " + wabaId, () -> plugins.findActiveByWaba(wabaId));
    }

    /** The active plugin that owns a phone-number id, across teams. */
    public Optional<WhatsappPlugin> activeByPhoneNumberId(String phoneNumberId) {
        return read("number " + phoneNumberId, () -> plugins.findActiveByPhoneNumberId(phoneNumberId));
    }

    @SuppressWarnings("unchecked")
    private Optional<WhatsappPlugin> read(String key, Supplier<Optional<WhatsappPlugin>> load) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return load.get();
        }
        Map<String, Optional<WhatsappPlugin>> read =
                (Map<String, Optional<WhatsappPlugin>>) TransactionSynchronizationManager.getResource(this);
        if (read == null) {
            Map<String, Optional<WhatsappPlugin>> fresh = new HashMap<>();
            TransactionSynchronizationManager.bindResource(this, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(CurrentPlugins.this);
                }
            });
            read = fresh;
        }
        Optional<WhatsappPlugin> known = read.get(key);
        if (known == null) {
            known = load.get();
            read.put(key, known);
        }
        return known;
    }
}
