package org.openchakra.webhook;

import org.openchakra.chat.ChatMessage;
import org.openchakra.chat.OutgoingMessageListener;
import org.openchakra.whatsapp.plugin.CurrentPlugins;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.springframework.stereotype.Component;

/**
 * webhooks.md §2: a message sent through OpenChakra (accepted by Meta) becomes a {@code message_echo} event
 * and, when the plugin asks for it, a Meta-shaped echo on the pass-through webhook.
 */
@Component
class SendEchoes implements OutgoingMessageListener {

    private final CurrentPlugins plugins;
    private final CustomerEvents events;

    public SendEchoes(CurrentPlugins plugins, CustomerEvents events) {
        this.plugins = plugins;
        this.events = events;
    }

    /** In the recording transaction: the plugin's settings as they are now, never a kept copy. */
    @Override
    public void recorded(ChatMessage message) {
        if (!"SENT".equals(message.deliveryStatus())) {
            return;
        }
        WhatsappPlugin plugin = plugins.find(message.teamId(), message.pluginId())
                .filter(WhatsappPlugin::active)
                .orElse(null);
        if (plugin == null) {
            return; // deactivated meanwhile
        }
        String wabaId = plugin.phoneNumber(message.whatsappPhoneNumberId())
                .map(WhatsappPlugin.PhoneNumber::wabaId)
                .orElse(null);
        events.outgoingEcho(plugin, wabaId, message, "TEMPLATE_API".equals(message.sourceType()));
    }
}
