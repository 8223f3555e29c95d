package org.openchakra.whatsapp.partner;

import java.util.UUID;
import org.openchakra.webhook.WebhookOutbox;
import org.openchakra.whatsapp.plugin.PluginService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decision (whatsapp.md §10): disconnecting deactivates the plugin, forgets its Meta credentials and stops its
 * deliveries, in one transaction. Events already queued for its customer webhooks are expired; new ones cannot
 * arise, since no notification is owned by an inactive plugin.
 */
@Service
class PluginDisconnect {

    private final PluginService plugins;
    private final WebhookOutbox outbox;
    private final TransactionTemplate tx;

    public PluginDisconnect(PluginService plugins, WebhookOutbox outbox, TransactionTemplate tx) {
        this.plugins = plugins;
        this.outbox = outbox;
        this.tx = tx;
    }

    public void disconnect(UUID teamId, UUID pluginId) {
        tx.executeWithoutResult(status -> {
            plugins.deactivate(teamId, pluginId);
            outbox.stopPlugin(teamId, pluginId);
        });
    }
}
