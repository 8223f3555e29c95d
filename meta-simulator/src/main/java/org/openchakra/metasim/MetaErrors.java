package org.openchakra.metasim;

/** Factories for the errors whose exact bodies the spec pins (2.2, 1.9, 5) and for common validation failures. */
final class MetaErrors {

    private MetaErrors() {}

    /** Spec 2.2 line 2: missing, garbage or unknown token. */
    static MetaError invalidToken() {
        return new MetaError(
                401,
                190,
                null,
                "OAuthException",
                "Invalid OAuth access token - Cannot parse access token",
                "Invalid OAuth access token",
                null,
                null,
                null,
                false);
    }

    /** Spec 2.2 line 1: a token the control API marked expired. */
    static MetaError expiredToken() {
        return new MetaError(
                401,
                190,
                463,
                "OAuthException",
                "Invalid OAuth access token",
                "Invalid OAuth access token",
                null,
                null,
                null,
                false);
    }

    /** Spec 2.2 last line: any method on an unknown or inaccessible object id. */
    static MetaError unknownObject(String method, String id) {
        String verb = switch (method) {
            case "GET" -> "get";
            case "DELETE" -> "delete";
            default -> "post";
        };
        return new MetaError(
                400,
                100,
                33,
                "GraphMethodException",
                "Unsupported " + verb + " request. Object with ID '" + id + "' does not exist, cannot be loaded due to"
                        + " missing permissions, or does not support this operation. Please read the Graph API documentation"
                        + " at https://developers.facebook.com/docs/graph-api",
                "Unsupported " + verb + " request",
                null,
                null,
                null,
                false);
    }

    /** Graph's answer for an edge that does not exist on a known node. */
    static MetaError unknownPath(String path) {
        return new MetaError(
                400,
                2500,
                null,
                "OAuthException",
                "Unknown path components: " + path,
                "Unknown path components",
                null,
                null,
                null,
                false);
    }

    /** Spec 2.2 line 3: app-level call limit. */
    static MetaError appRateLimit() {
        return new MetaError(
                400,
                4,
                2446079,
                "OAuthException",
                "Application request limit reached",
                "Application request limit reached",
                null,
                null,
                null,
                true);
    }

    /** Spec 2.2 line 4. */
    static MetaError permissionDenied() {
        return new MetaError(
                403,
                200,
                1349174,
                "OAuthException",
                "Your app doesn't have permission to access this WhatsApp Business phone number",
                "API Permission",
                null,
                "Permission Denied",
                "Your app doesn't have permission to access this resource",
                false);
    }

    /** Spec 2.2 line 6. */
    static MetaError throughput() {
        return MetaError.of(130429, "Cloud API message throughput has been reached.");
    }

    /** Spec 2.2 line 5. */
    static MetaError pairRate() {
        return MetaError.of(
                131056,
                "Message failed to send because there were too many messages sent from this phone"
                        + " number to the same phone number in a short period of time.");
    }

    /** Spec 1.9. */
    static MetaError notInAllowedList() {
        return MetaError.of(
                131030,
                "Recipient phone number not in allowed list: Add recipient phone number to"
                        + " recipient list and try again.");
    }

    /** Spec 6.5: the details of an async 131047 start like this. */
    static MetaError reEngagement() {
        return MetaError.of(
                131047,
                "Message failed to send because more than 24 hours have passed since the customer"
                        + " last replied to this number.");
    }

    /** Meta's answer when a top-level parameter is absent, e.g. {@code messaging_product}. */
    static MetaError requiredParameter(String name) {
        return MetaError.of(100, "The parameter " + name + " is required.")
                .withMessage("(#100) The parameter " + name + " is required.");
    }

    static MetaError invalidParameter(String details) {
        return MetaError.of(100, details);
    }

    static MetaError missing(String details) {
        return MetaError.of(131008, details);
    }

    static MetaError notValid(String details) {
        return MetaError.of(131009, details);
    }

    /** What a "down" Meta answers with HTTP 500 (OAS, encryption path): code 2, transient. */
    static MetaError unexpected(int httpStatus) {
        return new MetaError(
                httpStatus,
                2,
                null,
                "OAuthException",
                "An unexpected error occurred. Please retry your request later.",
                "API Service",
                null,
                null,
                null,
                true);
    }
}
