package org.openchakra.metasim;

import java.util.Objects;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Graph API error (spec 2.1). Immutable; the {@code with...} methods derive variants. {@code code} is what
 * clients key on, so every factory keeps Meta's code/HTTP pairing from the code table (spec 2.3).
 *
 * @param httpStatus HTTP status of the synchronous answer
 * @param code Meta's error code
 * @param subcode {@code error_subcode}, or null
 * @param type {@code OAuthException} or {@code GraphMethodException}
 * @param message full {@code message}, usually {@code "(#code) Title"}
 * @param title the title without the {@code (#code)} prefix, used for webhook {@code errors[]} objects
 * @param details {@code error_data.details}, or null for generic Graph errors that carry no {@code error_data}
 * @param userTitle {@code error_user_title}, or null
 * @param userMessage {@code error_user_msg}, or null
 * @param transientError whether {@code is_transient: true} is sent
 */
public record MetaError(
        int httpStatus,
        int code,
        Integer subcode,
        String type,
        String message,
        String title,
        String details,
        String userTitle,
        String userMessage,
        boolean transientError) {

    public MetaError {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
    }

    /** A WhatsApp error from the code table with Meta's title and HTTP status, and the title as details. */
    public static MetaError of(int code) {
        ErrorCatalog.Entry entry = ErrorCatalog.entry(code);
        return new MetaError(
                entry.httpStatus(),
                code,
                null,
                "OAuthException",
                "(#" + code + ") " + entry.title(),
                entry.title(),
                entry.title(),
                null,
                null,
                false);
    }

    /** A WhatsApp error from the code table with explicit {@code error_data.details}. */
    public static MetaError of(int code, String details) {
        return of(code).withDetails(details);
    }

    public MetaError withDetails(String newDetails) {
        return new MetaError(
                httpStatus, code, subcode, type, message, title, newDetails, userTitle, userMessage, transientError);
    }

    public MetaError withHttpStatus(int status) {
        return new MetaError(
                status, code, subcode, type, message, title, details, userTitle, userMessage, transientError);
    }

    public MetaError withSubcode(Integer newSubcode) {
        return new MetaError(
                httpStatus, code, newSubcode, type, message, title, details, userTitle, userMessage, transientError);
    }

    public MetaError withMessage(String newMessage) {
        return new MetaError(
                httpStatus, code, subcode, type, newMessage, title, details, userTitle, userMessage, transientError);
    }

    public MetaError withUserText(String newUserTitle, String newUserMessage) {
        return new MetaError(
                httpStatus, code, subcode, type, message, title, details, newUserTitle, newUserMessage, transientError);
    }

    /** The synchronous body: {@code {"error": {...}}} with a fresh {@code fbtrace_id}. */
    ObjectNode toResponseBody(String fbtraceId) {
        ObjectNode error = Json.object();
        error.put("message", message);
        error.put("type", type);
        error.put("code", code);
        if (details != null) {
            ObjectNode data = error.putObject("error_data");
            data.put("messaging_product", "whatsapp");
            data.put("details", details);
        }
        if (subcode != null) {
            error.put("error_subcode", subcode);
        }
        if (transientError) {
            error.put("is_transient", true);
        }
        if (userTitle != null) {
            error.put("error_user_title", userTitle);
        }
        if (userMessage != null) {
            error.put("error_user_msg", userMessage);
        }
        error.put("fbtrace_id", fbtraceId);
        ObjectNode body = Json.object();
        body.set("error", error);
        return body;
    }

    /** The webhook form (spec 2.4): {@code {code, title, message, error_data: {details}, href}}, title == message. */
    ObjectNode toWebhookError() {
        ObjectNode error = Json.object();
        String plainTitle = title != null ? title : message;
        error.put("code", code);
        error.put("title", plainTitle);
        error.put("message", plainTitle);
        error.putObject("error_data").put("details", details != null ? details : plainTitle);
        error.put("href", "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/");
        return error;
    }
}
