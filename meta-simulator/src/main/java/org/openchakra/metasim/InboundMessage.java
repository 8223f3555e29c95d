package org.openchakra.metasim;

import java.util.Objects;

/**
 * A message a simulated WhatsApp user sends to a business number (spec 6.4). The simulator fills {@code id},
 * {@code timestamp} and {@code from}; for media types without an {@code id} it stores the media (7-day lifetime)
 * so the receiver can download it.
 *
 * @param from the user's phone number (any spec 1.1 spelling; digits are used)
 * @param profileName {@code contacts[].profile.name}
 * @param type the §6.4 type: text, image, video, audio, document, sticker, location, contacts, reaction,
 *     interactive, button, order, system, unsupported
 * @param contentJson the object named after the type (for {@code contacts}: the array), as JSON text
 * @param contextMessageId the wamid replied to, or null (interactive and button replies default to the last
 *     message the business sent this user)
 * @param mediaBytes bytes of an inbound media file, or null for a small generated sample
 * @param extraFieldsJson a JSON object merged into the message object, e.g. {@code {"referral": {...}}} for a
 *     Click-to-WhatsApp ad or {@code {"context": {"forwarded": true}}}; null for none
 */
public record InboundMessage(
        String from,
        String profileName,
        String type,
        String contentJson,
        String contextMessageId,
        byte[] mediaBytes,
        String extraFieldsJson) {

    public InboundMessage {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(type, "type");
        profileName = profileName == null ? "Test User" : profileName;
        contentJson = contentJson == null ? "{}" : contentJson;
    }

    public static InboundMessage text(String from, String body) {
        return new InboundMessage(from, null, "text", Json.string(Json.object().put("body", body)), null, null, null);
    }

    /** Any type with its content object as JSON, e.g. {@code of(from, "location", "{\"latitude\": 1, ...}")}. */
    public static InboundMessage of(String from, String type, String contentJson) {
        return new InboundMessage(from, null, type, contentJson, null, null, null);
    }

    /**
     * Reads the sandbox's inbound body ({@code whatsapp.md} 9): {@code {from, name?, type?, text? | <type>: {...},
     * context?}}. {@code type} defaults to {@code text}; {@code text} may be a plain string or {@code {body}}.
     *
     * @throws IllegalArgumentException when the JSON is malformed or {@code from} is missing
     */
    public static InboundMessage fromSandboxJson(String json) {
        tools.jackson.databind.JsonNode body = Json.parseOrNull(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (body == null || !body.isObject() || Json.text(body, "from") == null) {
            throw new IllegalArgumentException("expected a JSON object with at least \"from\"");
        }
        String type = Json.text(body, "type") == null ? "text" : Json.text(body, "type");
        tools.jackson.databind.JsonNode content = body.get(type);
        String contentJson;
        if (type.equals("text") && (content == null || content.isString())) {
            contentJson = Json.string(Json.object().put("body", content == null ? "" : content.asString()));
        } else {
            contentJson = content == null ? "{}" : Json.string(content);
        }
        // The sandbox may carry the medium's own bytes (base64), so that an image a customer "sends" shows.
        String mediaBase64 = Json.text(body, "mediaBase64");
        return new InboundMessage(
                Json.text(body, "from"),
                Json.text(body, "name"),
                type,
                contentJson,
                Json.text(body, "context"),
                mediaBase64 == null ? null : java.util.Base64.getDecoder().decode(mediaBase64),
                null);
    }

    public InboundMessage withProfileName(String name) {
        return new InboundMessage(from, name, type, contentJson, contextMessageId, mediaBytes, extraFieldsJson);
    }

    public InboundMessage replyingTo(String wamid) {
        return new InboundMessage(from, profileName, type, contentJson, wamid, mediaBytes, extraFieldsJson);
    }

    public InboundMessage withMedia(byte[] bytes) {
        return new InboundMessage(from, profileName, type, contentJson, contextMessageId, bytes, extraFieldsJson);
    }

    /** Extra fields for the message object (referral, forwarded context, ...), as a JSON object. */
    public InboundMessage withMessageFields(String json) {
        return new InboundMessage(from, profileName, type, contentJson, contextMessageId, mediaBytes, json);
    }
}
