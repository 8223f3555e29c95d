package org.openchakra.inbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openchakra.common.ExpiringCache;
import org.openchakra.whatsapp.plugin.PluginService;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Finds the plugin that owns each entry of a notification: by WABA id ({@code entry[].id}), else by
 * phone-number id ({@code value.metadata.phone_number_id}). Every POST needs this before its signature can
 * be checked, so owners (with their app secrets) are kept for a few seconds.
 */
@Component
class NotificationOwners {

    /** A plugin with its app secret, as the signature check needs it. */
    record Owner(WhatsappPlugin plugin, String appSecret) {}

    private final PluginService plugins;
    // Keys come from signed and unsigned posts alike: the cache is bounded.
    private final ExpiringCache<String, Optional<Owner>> cache = new ExpiringCache<>(Duration.ofSeconds(5), 10_000);

    NotificationOwners(PluginService plugins) {
        this.plugins = plugins;
    }

    /** One element per entry of the notification, in order; empty where no active plugin owns it. */
    List<Optional<Owner>> of(JsonNode notification) {
        List<Optional<Owner>> owners = new ArrayList<>();
        for (JsonNode entry : notification.path("entry").values()) {
            owners.add(ownerOf(entry));
        }
        return owners;
    }

    Optional<Owner> ownerOf(JsonNode entry) {
        String wabaId = idText(entry.path("id"));
        Optional<Owner> owner =
                wabaId == null ? Optional.empty() : cached("w:" + wabaId, () -> plugins.findActiveByWaba(wabaId));
        if (owner.isPresent()) {
            return owner;
        }
        for (JsonNode change : entry.path("changes").values()) {
            String pnid = idText(change.path("value").path("metadata").path("phone_number_id"));
            if (pnid != null) {
                return cached("p:" + pnid, () -> plugins.findActiveByPhoneNumberId(pnid));
            }
        }
        return Optional.empty();
    }

    private Optional<Owner> cached(String key, java.util.function.Supplier<Optional<WhatsappPlugin>> load) {
        return cache.get(
                key,
                k -> load.get()
                        .map(p -> new Owner(
                                p, plugins.credentials(p.teamId(), p.id()).appSecret())));
    }

    /**
     * Sender number and customer of a notification (of its first message, echo or status): what keeps one
     * customer's notifications, and their forwards, in order while unrelated ones go in parallel.
     */
    static String orderKey(JsonNode notification) {
        JsonNode entry = notification.path("entry").path(0);
        JsonNode value = entry.path("changes").path(0).path("value");
        String pnid = idText(value.path("metadata").path("phone_number_id"));
        String customer = value.path("messages")
                .path(0)
                .path("from")
                .asString(value.path("message_echoes")
                        .path(0)
                        .path("to")
                        .asString(value.path("statuses")
                                .path(0)
                                .path("recipient_id")
                                .asString("")));
        String account = pnid != null ? pnid : String.valueOf(idText(entry.path("id")));
        return customer.isEmpty() ? account : account + ":" + customer;
    }

    static String idText(JsonNode node) {
        if (node.isString() && !node.stringValue().isBlank()) {
            return node.stringValue();
        }
        return node.isIntegralNumber() ? String.valueOf(node.longValue()) : null;
    }
}
