package org.openchakra.webhook;

import org.openchakra.chat.ChatMessage;
import org.openchakra.chat.OutgoingMessageListener;
import org.openchakra.web.ApiException;
import org.openchakra.whatsapp.plugin.PluginDirectory;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.springframework.stereotype.Component;

/**
 * webhooks.md §2: a message sent through OpenChakra (accepted by Meta) becomes a {@code message_echo} event
 * and, when the plugin asks for it, a Meta-shaped echo on the pass-through webhook.
 */
@Component
class SendEchoes implements OutgoingMessageListener {

    private final PluginDirectory directory;
    private final CustomerEvents events;

    public SendEchoes(PluginDirectory directory, CustomerEvents events) {
        this.directory = directory;
        this.events = events;
    }

    @Override
    public void recorded(ChatMessage message) {
        if (!"SENT".equals(message.deliveryStatus())) {
            return;
        }
        WhatsappPlugin plugin;
        try {
            plugin = directory.active(message.teamId(), message.pluginId()).plugin();
        } catch (ApiException deactivatedMeanwhile) {
            return;
        }
        String wabaId = plugin.phoneNumber(message.whatsappPhoneNumberId())
                .map(WhatsappPlugin.PhoneNumber::wabaId)
                .orElse(null);
        events.outgoingEcho(plugin, wabaId, message, "TEMPLATE_API".equals(message.sourceType()));
    }
}
