package org.openchakra.app.settings;

import java.util.List;
import java.util.UUID;
import org.openchakra.app.AppController;
import org.openchakra.app.AppMessages;
import org.openchakra.app.AppUser;
import org.openchakra.whatsapp.plugin.PluginConfig;
import org.openchakra.whatsapp.plugin.PluginService;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The team's WhatsApp numbers (inbox.md §2.7): each plugin with its numbers and its webhook settings
 * (webhooks.md §2), which are changed here as through {@code update-config}, with its checks (URLs the server
 * may call, known events). Another team's plugin is a 404.
 */
@AppController
class NumbersSettingsController {

    /** A plugin as the page shows it: its numbers and its webhook settings with the defaults filled in. */
    record PluginRow(WhatsappPlugin plugin, ObjectNode config, List<String> events) {
        public boolean flag(String name) {
            return config.path(name).asBoolean(false);
        }

        public String url(String name) {
            return config.path(name).isNull() ? "" : config.path(name).asString("");
        }
    }

    private final PluginService plugins;
    private final AppMessages messages;

    NumbersSettingsController(PluginService plugins, AppMessages messages) {
        this.plugins = plugins;
        this.messages = messages;
    }

    @GetMapping("/app/settings/numbers")
    String page(AppUser me, Model model) {
        return list(me, model, "settings/numbers");
    }

    /** Every field of the form is sent: a blank URL clears it, an unticked box is false. */
    @PostMapping("/app/settings/numbers/{pluginId}/webhooks")
    String webhooks(
            AppUser me, @PathVariable UUID pluginId, @RequestParam MultiValueMap<String, String> form, Model model) {
        ObjectNode change = SettingsPages.JSON.objectNode();
        for (String url : List.of("passThroughWebhookUrl", "chakraWebhookUrl")) {
            String value = form.getFirst(url);
            if (value == null || value.isBlank()) {
                change.putNull(url);
            } else {
                change.put(url, value.strip());
            }
        }
        for (String flag : List.of(
                "enableChakraWebhook",
                "enableMessageEchoesForPassThroughWebhook",
                "enableSendMessageTemplateEventForPassThroughWebhook")) {
            change.put(flag, form.containsKey(flag));
        }
        ArrayNode events = change.putArray("whichChakraWebhookEventsToSend");
        form.getOrDefault("events", List.of()).forEach(events::add);
        plugins.updateConfig(me.teamId(), pluginId, change);
        model.addAttribute("notice", messages.text("settings.numbers.saved"));
        return list(me, model, "settings/numbers :: numbers");
    }

    private String list(AppUser me, Model model, String view) {
        model.addAttribute(
                "plugins",
                plugins.list(me.teamId()).stream()
                        .map(p -> new PluginRow(p, PluginConfig.withDefaults(p.config()), eventsOf(p)))
                        .toList());
        model.addAttribute("allEvents", PluginConfig.EVENTS);
        model.addAttribute("section", "numbers");
        return view;
    }

    private static List<String> eventsOf(WhatsappPlugin plugin) {
        List<String> events = new java.util.ArrayList<>();
        PluginConfig.withDefaults(plugin.config())
                .path("whichChakraWebhookEventsToSend")
                .forEach(e -> events.add(e.asString("")));
        return events;
    }
}
