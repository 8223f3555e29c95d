package org.openchakra.whatsapp.plugin;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.openchakra.web.JsonFields;
import tools.jackson.databind.JsonNode;

/** Reads the {@code wabas} of a plugin body: Meta's numeric ids, each WABA and number once. */
final class PluginWabas {

    private static final Pattern META_ID = Pattern.compile("\\d{1,30}");
    static final int MAX_WABAS = 20;
    static final int MAX_NUMBERS = 100;

    private PluginWabas() {}

    static List<WhatsappPlugin.Waba> read(JsonFields f, String field) {
        JsonNode node = f.raw(field);
        List<WhatsappPlugin.Waba> wabas = new ArrayList<>();
        if (node == null || node.isNull()) {
            return wabas;
        }
        if (!node.isArray() || node.size() > MAX_WABAS) {
            f.problem(field, "'" + field + "' must be an array of at most " + MAX_WABAS + " WABAs");
            return wabas;
        }
        Set<String> seenWabas = new HashSet<>();
        Set<String> seenNumbers = new HashSet<>();
        int i = 0;
        for (JsonNode item : node.values()) {
            String at = field + "[" + i++ + "]";
            if (!item.isObject()) {
                f.problem(at, "'" + at + "' must be an object {id, name?, phoneNumbers}");
                continue;
            }
            JsonFields w = JsonFields.of(item);
            String id = metaId(w, "id");
            String name = w.string("name", 200).orElse(null);
            List<WhatsappPlugin.PhoneNumber> numbers = numbers(w, id, seenNumbers);
            w.problems().forEach(p -> f.problem(at + "." + p.field(), p.message()));
            if (id != null && !seenWabas.add(id)) {
                f.problem(at + ".id", "WABA " + id + " is listed twice");
            }
            if (id != null) {
                wabas.add(new WhatsappPlugin.Waba(id, name, numbers));
            }
        }
        return wabas;
    }

    private static List<WhatsappPlugin.PhoneNumber> numbers(JsonFields w, String wabaId, Set<String> seen) {
        JsonNode node = w.raw("phoneNumbers");
        List<WhatsappPlugin.PhoneNumber> numbers = new ArrayList<>();
        if (node == null || node.isNull()) {
            return numbers;
        }
        if (!node.isArray() || node.size() > MAX_NUMBERS) {
            w.problem("phoneNumbers", "'phoneNumbers' must be an array of at most " + MAX_NUMBERS + " numbers");
            return numbers;
        }
        int i = 0;
        for (JsonNode item : node.values()) {
            String at = "phoneNumbers[" + i++ + "]";
            if (!item.isObject()) {
                w.problem(at, "'" + at + "' must be an object {id, displayPhoneNumber?, ...}");
                continue;
            }
            JsonFields n = JsonFields.of(item);
            String id = metaId(n, "id");
            boolean coexistence = n.bool("isCoexistence").orElse(false);
            WhatsappPlugin.PhoneNumber number = new WhatsappPlugin.PhoneNumber(
                    id,
                    wabaId,
                    n.string("displayPhoneNumber", 40).orElse(null),
                    n.string("verifiedName", 200).orElse(null),
                    n.string("qualityRating", 40).orElse(null),
                    n.string("messagingLimitTier", 40).orElse(null),
                    n.integer("throughputMps", 1, 10_000).orElse(coexistence ? 20 : 80),
                    coexistence);
            n.problems().forEach(p -> w.problem(at + "." + p.field(), p.message()));
            if (id != null && !seen.add(id)) {
                w.problem(at + ".id", "Phone number " + id + " is listed twice");
            }
            if (id != null) {
                numbers.add(number);
            }
        }
        return numbers;
    }

    private static String metaId(JsonFields f, String field) {
        JsonNode raw = f.raw(field);
        String id = raw != null && raw.isIntegralNumber() && raw.canConvertToLong()
                ? String.valueOf(raw.longValue())
                : f.requiredString(field, 30);
        if (id != null && !META_ID.matcher(id).matches()) {
            f.problem(field, "'" + field + "' must be Meta's numeric id");
            return null;
        }
        return id;
    }
}
