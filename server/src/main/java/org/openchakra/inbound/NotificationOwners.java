package org.openchakra.inbound;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.openchakra.common.ExpiringCache;
import org.openchakra.whatsapp.plugin.CurrentPlugins;
import org.openchakra.whatsapp.plugin.PluginChanges;
import org.openchakra.whatsapp.plugin.PluginService;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Finds the plugin that owns each entry of a notification: by WABA id ({@code entry[].id}), else by
 * phone-number id ({@code value.metadata.phone_number_id}).
 *
 * <p>Receiving: every POST needs its owners (with their app secrets) before its signature can be checked, so
 * owners are kept for a few seconds and forgotten on every process as soon as a plugin changes
 * ({@link PluginChanges}). What is not found is not kept (a plugin made moments ago must be found), and a
 * signature that does not match is checked again against owners read afresh ({@link #ofAfresh}), so a
 * changed app secret counts from its commit on, not from when the notice arrives.
 *
 * <p>Processing reads owners afresh in its own transaction ({@link #current}): their settings decide which
 * customer events a notification makes, and a change that answered before the notification arrived must
 * decide (webhooks.md §2), on every process.
 */
@Component
class NotificationOwners {

    /** A plugin with its app secret, as the signature check needs it. */
    record Owner(WhatsappPlugin plugin, String appSecret) {}

    private final PluginService plugins;
    private final CurrentPlugins current;
    // Keys come from signed and unsigned posts alike: the cache is bounded.
    private final ExpiringCache<String, Owner> cache = new ExpiringCache<>(Duration.ofSeconds(5), 10_000);

    NotificationOwners(PluginService plugins, CurrentPlugins current, PluginChanges changes) {
        this.plugins = plugins;
        this.current = current;
        // Owners are keyed by WABA and number: any plugin's change may concern any key.
        changes.listen((team, plugin) -> cache.forgetAll(), cache::forgetAll);
    }

    /** One element per entry of the notification, in order; empty where no active plugin owns it. */
    List<Optional<Owner>> of(JsonNode notification) {
        return owners(notification, true);
    }

    /** As {@link #of}, read from the database (and kept again). */
    List<Optional<Owner>> ofAfresh(JsonNode notification) {
        return owners(notification, false);
    }

    /** The plugin that owns an entry as the current transaction reads it: never a kept copy. */
    Optional<WhatsappPlugin> current(JsonNode entry) {
        return find(entry, current::activeByWaba, current::activeByPhoneNumberId);
    }

    private List<Optional<Owner>> owners(JsonNode notification, boolean cached) {
        List<Optional<Owner>> owners = new ArrayList<>();
        Function<String, Optional<Owner>> byWaba =
                waba -> owner("w:" + waba, cached, () -> plugins.findActiveByWaba(waba));
        Function<String, Optional<Owner>> byNumber =
                pnid -> owner("p:" + pnid, cached, () -> plugins.findActiveByPhoneNumberId(pnid));
        for (JsonNode entry : notification.path("entry").values()) {
            owners.add(find(entry, byWaba, byNumber));
        }
        return owners;
    }

    private static <T> Optional<T> find(
            JsonNode entry, Function<String, Optional<T>> byWaba, Function<String, Optional<T>> byNumber) {
        String wabaId = idText(entry.path("id"));
        Optional<T> owner = wabaId == null ? Optional.empty() : byWaba.apply(wabaId);
        if (owner.isPresent()) {
            return owner;
        }
        for (JsonNode change : entry.path("changes").values()) {
            String pnid = idText(change.path("value").path("metadata").path("phone_number_id"));
            if (pnid != null) {
                return byNumber.apply(pnid);
            }
        }
        return Optional.empty();
    }

    private Optional<Owner> owner(String key, boolean cached, Supplier<Optional<WhatsappPlugin>> load) {
        Function<String, Owner> read = k -> load.get()
                .map(p -> new Owner(p, plugins.credentials(p.teamId(), p.id()).appSecret()))
                .orElse(null);
        if (!cached) {
            cache.forget(key);
        }
        return Optional.ofNullable(cache.get(key, read));
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
