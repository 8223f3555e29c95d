package org.openchakra.app.campaigns;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.openchakra.app.AppMessages;
import org.openchakra.web.ApiException;
import org.openchakra.whatsapp.plugin.PluginService;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.openchakra.whatsapp.templatemessage.TemplateMessageService;
import org.openchakra.whatsapp.templatemessage.TemplateOutline;
import org.springframework.stereotype.Component;

/** The numbers a campaign may send from (the team's active plugins' numbers) and their approved templates. */
@Component
class SenderNumbers {

    /** A sender number; the form's value is {@code <pluginId>:<numberId>}. */
    record Sender(UUID pluginId, String numberId, String label) {
        public String value() {
            return pluginId + ":" + numberId;
        }
    }

    private final PluginService plugins;
    private final TemplateMessageService templates;
    private final AppMessages messages;

    SenderNumbers(PluginService plugins, TemplateMessageService templates, AppMessages messages) {
        this.plugins = plugins;
        this.templates = templates;
        this.messages = messages;
    }

    List<Sender> of(UUID teamId) {
        List<Sender> senders = new ArrayList<>();
        for (WhatsappPlugin plugin : plugins.active(teamId)) {
            for (WhatsappPlugin.Waba waba : plugin.wabas()) {
                for (WhatsappPlugin.PhoneNumber n : waba.phoneNumbers()) {
                    String number = n.displayPhoneNumber() == null
                                    || n.displayPhoneNumber().isBlank()
                            ? n.id()
                            : n.displayPhoneNumber();
                    senders.add(new Sender(plugin.id(), n.id(), number + " · " + plugin.name()));
                }
            }
        }
        return senders;
    }

    /** How a page names a campaign's sender: its number and plugin, or its ids when they are gone. */
    String label(UUID teamId, UUID pluginId, String numberId) {
        return of(teamId).stream()
                .filter(s -> s.pluginId().equals(pluginId) && s.numberId().equals(numberId))
                .map(Sender::label)
                .findFirst()
                .orElse(numberId);
    }

    /** The sender a form names: one of the team's, else a 400 naming {@code sender}. */
    Sender parse(UUID teamId, String value) {
        String given = value == null ? "" : value.strip();
        if (given.isEmpty()) {
            throw ApiException.badRequest("sender", messages.text("campaign.form.senderRequired"));
        }
        return of(teamId).stream()
                .filter(s -> s.value().equals(given))
                .findFirst()
                .orElseThrow(() -> ApiException.badRequest("sender", messages.text("campaign.form.senderUnknown")));
    }

    List<TemplateOutline> templates(UUID teamId, Sender sender) {
        return templates.outlines(teamId, sender.pluginId(), sender.numberId());
    }
}
