package org.openchakra.inbound;

import tools.jackson.databind.JsonNode;

/** The plain-text rendering of every inbound message type (meta-cloud-api.md §6.4, whatsapp.md §6 {@code text}). */
final class InboundText {

    private InboundText() {}

    static String of(JsonNode message) {
        String type = message.path("type").asString("");
        JsonNode content = message.path(type);
        return switch (type) {
            case "text" -> text(content.path("body"));
            case "image", "video", "document" ->
                first(text(content.path("caption")), text(content.path("filename")), "[" + type + "]");
            case "audio" -> content.path("voice").asBoolean(false) ? "[voice message]" : "[audio]";
            case "sticker" -> "[sticker]";
            case "location" ->
                first(
                        join(text(content.path("name")), text(content.path("address"))),
                        content.path("latitude").asString("") + ","
                                + content.path("longitude").asString(""));
            case "contacts" -> first(text(content.path(0).path("name").path("formatted_name")), "[contact]");
            case "reaction" -> text(content.path("emoji"));
            case "interactive" -> interactive(content);
            case "button" -> first(text(content.path("text")), text(content.path("payload")));
            case "order" ->
                first(
                        text(content.path("text")),
                        "[order: " + content.path("product_items").size() + " item(s)]");
            case "system" -> text(content.path("body"));
            case "request_welcome" -> "[conversation started]";
            default -> first(text(message.path("errors").path(0).path("title")), "[" + type + "]");
        };
    }

    private static String interactive(JsonNode content) {
        String kind = content.path("type").asString("");
        return switch (kind) {
            case "button_reply" -> text(content.path("button_reply").path("title"));
            case "list_reply" -> text(content.path("list_reply").path("title"));
            case "nfm_reply" -> first(text(content.path("nfm_reply").path("body")), "[flow reply]");
            default -> "[" + kind + "]";
        };
    }

    private static String text(JsonNode node) {
        return node.isString() && !node.stringValue().isEmpty() ? node.stringValue() : null;
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + ", " + b;
    }

    private static String first(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }
}
