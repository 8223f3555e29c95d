package org.openchakra.whatsapp.plugin;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.openchakra.web.JsonFields;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A plugin's webhook settings (webhooks.md §2, whatsapp.md §10): read from a partial body over the
 * current settings, each field checked; unknown fields are refused so that a typo is not silently lost.
 */
public final class PluginConfig {

    public static final List<String> EVENTS =
            List.of("message", "status", "message_echo", "smb_message_echo", "deliveryStatus", "opt_out", "opt_in");
    private static final Set<String> URLS = Set.of("passThroughWebhookUrl", "chakraWebhookUrl");
    private static final Set<String> FLAGS = Set.of(
            "enableMessageEchoesForPassThroughWebhook",
            "enableSendMessageTemplateEventForPassThroughWebhook",
            "enableChakraWebhook");
    private static final String EVENT_LIST = "whichChakraWebhookEventsToSend";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PluginConfig() {}

    /** The settings of a new plugin: nothing forwarded until configured. */
    public static ObjectNode defaults() {
        ObjectNode config = JSON.createObjectNode();
        config.putNull("passThroughWebhookUrl");
        config.put("enableMessageEchoesForPassThroughWebhook", false);
        config.put("enableSendMessageTemplateEventForPassThroughWebhook", false);
        config.put("enableChakraWebhook", false);
        config.putNull("chakraWebhookUrl");
        config.putArray(EVENT_LIST).add("message").add("status");
        return config;
    }

    /** The settings of a plugin, with the defaults for any it never set. */
    public static ObjectNode withDefaults(JsonNode current) {
        ObjectNode merged = defaults();
        if (current != null && current.isObject()) {
            current.properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
        }
        return merged;
    }

    /**
     * {@code current} with the fields of {@code change} applied; problems are reported on {@code f} under
     * {@code prefix} (e.g. {@code config.}). {@code urlRefusal} says why a URL may not be used, or null.
     */
    public static ObjectNode merge(
            JsonNode current, JsonNode change, JsonFields f, String prefix, Function<String, String> urlRefusal) {
        ObjectNode merged = withDefaults(current);
        JsonFields fields = JsonFields.of(change);
        for (String name : change.propertyNames()) {
            if (URLS.contains(name)) {
                if (change.get(name).isNull()
                        || (change.get(name).isString()
                                && change.get(name).stringValue().isEmpty())) {
                    merged.putNull(name);
                } else {
                    fields.url(name).ifPresent(url -> {
                        String refusal = urlRefusal.apply(url);
                        if (refusal != null) {
                            fields.problem(name, "'" + name + "' " + refusal);
                        } else {
                            merged.put(name, url);
                        }
                    });
                }
            } else if (FLAGS.contains(name)) {
                fields.bool(name).ifPresent(flag -> merged.put(name, flag));
            } else if (name.equals(EVENT_LIST)) {
                fields.strings(name, EVENTS.size(), 40).ifPresent(events -> {
                    if (!EVENTS.containsAll(events)) {
                        fields.problem(name, "'" + name + "' may contain only " + String.join(", ", EVENTS));
                        return;
                    }
                    var array = merged.putArray(name);
                    events.stream().distinct().forEach(array::add);
                });
            } else {
                fields.problem(name, "'" + name + "' is not a plugin setting");
            }
        }
        fields.problems().forEach(p -> f.problem(prefix + p.field(), p.message()));
        if (merged.path("enableChakraWebhook").asBoolean(false)
                && merged.path("chakraWebhookUrl").isNull()) {
            f.problem(prefix + "chakraWebhookUrl", "'chakraWebhookUrl' is required when 'enableChakraWebhook' is true");
        }
        return merged;
    }
}
