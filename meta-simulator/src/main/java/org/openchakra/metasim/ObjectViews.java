package org.openchakra.metasim;

import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** {@code GET /{pnid}} and {@code GET /{waba}} node answers with Graph's {@code fields} selection (spec 7). */
final class ObjectViews {

    private ObjectViews() {}

    static ObjectNode phoneNumber(PhoneNumber n, List<String> fields) {
        ObjectNode all = Json.object();
        all.put("verified_name", n.verifiedName);
        all.put("code_verification_status", "VERIFIED");
        all.put("display_phone_number", n.displayPhoneNumber);
        all.put("quality_rating", "GREEN");
        all.put("platform_type", "CLOUD_API");
        all.putObject("throughput").put("level", n.throughputMps >= 1000 ? "HIGH" : "STANDARD");
        all.put("whatsapp_business_manager_messaging_limit", n.messagingLimitTier);
        all.put("messaging_limit_tier", n.messagingLimitTier);
        all.put("is_official_business_account", false);
        all.put("id", n.id);
        if (fields.isEmpty()) {
            for (String extra : List.of(
                    "whatsapp_business_manager_messaging_limit",
                    "messaging_limit_tier",
                    "is_official_business_account")) {
                all.remove(extra);
            }
            return all;
        }
        return pick(all, fields, n.id);
    }

    static ObjectNode business(Business b, List<String> fields) {
        ObjectNode all = Json.object();
        all.put("id", b.wabaId);
        all.put("name", b.name);
        all.put("currency", "USD");
        all.put("timezone_id", "1");
        all.put(
                "message_template_namespace",
                Signatures.hmac(
                                "HmacSHA256",
                                "namespace",
                                b.wabaId.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                        .substring(0, 32));
        return fields.isEmpty() ? all : pick(all, fields, b.wabaId);
    }

    private static ObjectNode pick(ObjectNode all, List<String> fields, String id) {
        ObjectNode picked = Json.object();
        for (String f : fields) {
            if (all.has(f) && !f.equals("id")) {
                picked.set(f, all.get(f));
            }
        }
        picked.put("id", id);
        return picked;
    }
}
