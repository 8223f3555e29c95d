package org.openchakra.whatsapp.meta;

import tools.jackson.databind.JsonNode;

/**
 * The parts of Meta's error object ({@code meta-cloud-api.md} §2.1) that OpenChakra reads; the object
 * itself is kept whole in {@link #raw()} and relayed as received. Missing fields read as null or 0.
 */
public record MetaError(
        int code, Integer subcode, String type, String message, String title, String details, JsonNode raw) {

    public static MetaError of(JsonNode error) {
        String message = text(error.path("message"));
        return new MetaError(
                error.path("code").asInt(0),
                error.path("error_subcode").isNumber()
                        ? error.path("error_subcode").asInt()
                        : null,
                text(error.path("type")),
                message,
                text(error.path("error_user_title")) != null ? text(error.path("error_user_title")) : titleOf(message),
                text(error.path("error_data").path("details")),
                error);
    }

    /**
     * {@code "(#131047) Re-engagement message"}: Meta's message, prefixed with its code where Meta left it
     * out (code 190 says only "Invalid OAuth access token ..."), so every relayed error names its code.
     */
    public String summary() {
        if (message != null && message.startsWith("(#")) {
            return message;
        }
        String text =
                message != null && !message.isBlank() ? message : title == null ? "Meta refused the request" : title;
        return "(#" + code + ") " + text;
    }

    private static String titleOf(String message) {
        if (message == null) {
            return null;
        }
        int close = message.indexOf(") ");
        return message.startsWith("(#") && close > 0 ? message.substring(close + 2) : message;
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.stringValue() : node.isNumber() ? node.asString() : null;
    }
}
