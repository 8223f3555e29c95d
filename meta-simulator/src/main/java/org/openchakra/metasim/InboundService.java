package org.openchakra.metasim;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Turns an {@link InboundMessage} into a signed {@code messages} webhook and opens the 24 h window (8.9). */
final class InboundService {

    private static final Map<String, String> DEFAULT_MIME = Map.of(
            "image",
            "image/jpeg",
            "video",
            "video/mp4",
            "audio",
            "audio/ogg; codecs=opus",
            "document",
            "application/pdf",
            "sticker",
            "image/webp");

    private final Simulation sim;

    InboundService(Simulation sim) {
        this.sim = sim;
    }

    String inject(PhoneNumber number, InboundMessage inbound) {
        String from = PhoneNumbers.digits(inbound.from());
        if (from.isEmpty()) {
            throw new IllegalArgumentException("from must contain digits");
        }
        JsonNode content = Json.parse(inbound.contentJson());
        String wamid = sim.ids.wamid(from);
        ObjectNode message = Json.object();
        String context = inbound.contextMessageId();
        if (context == null
                && (inbound.type().equals("interactive") || inbound.type().equals("button"))) {
            context = sim.conversations.lastOutbound(number.id, from);
        }
        if (context != null) {
            ObjectNode ctx = message.putObject("context");
            ctx.put("from", number.waId);
            ctx.put("id", context);
        }
        message.put("from", from);
        message.put("id", wamid);
        message.put("timestamp", WebhookPayloads.epoch(sim.now()));
        message.put("type", inbound.type());
        if (inbound.type().equals("unsupported")) {
            message.putArray("errors")
                    .add(MetaError.of(131051, "Message type is currently not supported.")
                            .toWebhookError()
                            .put("title", "Message type unknown")
                            .put("message", "Message type unknown"));
        } else {
            message.set(inbound.type(), withMedia(inbound, content, number));
        }

        if (inbound.extraFieldsJson() != null) {
            mergeExtra(message, Json.parse(inbound.extraFieldsJson()));
        }

        ObjectNode value = WebhookPayloads.messagesValue(number);
        boolean system = inbound.type().equals("system");
        if (!system) {
            ObjectNode contact = value.putArray("contacts").addObject();
            contact.putObject("profile").put("name", inbound.profileName());
            contact.put("wa_id", from);
            sim.conversations.openWindow(number.id, from);
        }
        value.putArray("messages").add(message);
        sim.conversations.remember(
                new Conversations.MessageRef(wamid, number.id, from, inbound.type(), true, sim.now()));
        Business business = sim.registry.businessOf(number);
        sim.webhooks.publish(business, WebhookPayloads.entry(business.wabaId, "messages", value));
        return wamid;
    }

    /** Objects merge one level deep so {@code {"context": {"forwarded": true}}} keeps a reply's context id. */
    private static void mergeExtra(ObjectNode message, JsonNode extra) {
        if (!extra.isObject()) {
            throw new IllegalArgumentException("extra message fields must be a JSON object");
        }
        extra.properties().forEach(e -> {
            JsonNode existing = message.get(e.getKey());
            if (existing != null && existing.isObject() && e.getValue().isObject()) {
                ((ObjectNode) existing).setAll((ObjectNode) e.getValue());
            } else {
                message.set(e.getKey(), e.getValue());
            }
        });
    }

    /** Media types without an id get one: the bytes are stored for 7 days like Meta's inbound media. */
    private JsonNode withMedia(InboundMessage inbound, JsonNode content, PhoneNumber number) {
        String type = inbound.type();
        if (!DEFAULT_MIME.containsKey(type) || !content.isObject() || content.has("id")) {
            return content;
        }
        ObjectNode media = ((ObjectNode) content).deepCopy();
        String mime = media.has("mime_type") ? Json.text(media, "mime_type") : DEFAULT_MIME.get(type);
        byte[] bytes = inbound.mediaBytes() != null
                ? inbound.mediaBytes()
                : ("simulated " + type + " content").getBytes(StandardCharsets.US_ASCII);
        MediaObject stored = sim.media.store(
                sim.ids.numeric(),
                number.wabaId,
                number.id,
                mime,
                bytes,
                Json.text(media, "filename"),
                MediaStore.INBOUND_LIFETIME);
        media.put("mime_type", mime);
        media.put("sha256", stored.sha256Base64());
        media.put("id", stored.id());
        if (type.equals("audio") && !media.has("voice")) {
            media.put("voice", false);
        }
        if (type.equals("sticker") && !media.has("animated")) {
            media.put("animated", false);
        }
        return media;
    }
}
