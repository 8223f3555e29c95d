package org.openchakra.whatsapp.send;

import tools.jackson.databind.JsonNode;

/** The plain-text rendering of an outgoing Meta message body (whatsapp.md §6 {@code text}). */
final class OutgoingText {

    private OutgoingText() {}

    static String of(JsonNode body) {
        String type = body.path("type").asString("text");
        JsonNode content = body.path(type);
        return switch (type) {
            case "text" -> content.path("body").asString(null);
            case "image", "video", "document", "audio", "sticker" ->
                content.path("caption").isString()
                        ? content.path("caption").stringValue()
                        : content.path("filename").isString()
                                ? content.path("filename").stringValue()
                                : null;
            case "interactive" -> content.path("body").path("text").asString(null);
            case "reaction" -> content.path("emoji").asString(null);
            case "location" ->
                content.path("name").isString()
                        ? content.path("name").stringValue()
                        : content.path("latitude").asString("") + ","
                                + content.path("longitude").asString("");
            case "contacts" ->
                content.path(0).path("name").path("formatted_name").asString(null);
            case "template" -> content.path("name").asString(null);
            default -> null;
        };
    }
}
