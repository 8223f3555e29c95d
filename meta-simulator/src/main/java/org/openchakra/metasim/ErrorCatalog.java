package org.openchakra.metasim;

import java.util.Map;

/** Meta's error-code table (spec 2.3): title and HTTP status per code. Unknown codes fall back to HTTP 400. */
final class ErrorCatalog {

    record Entry(String title, int httpStatus) {}

    private static final Map<Integer, Entry> ENTRIES = Map.ofEntries(
            Map.entry(0, new Entry("AuthException", 401)),
            Map.entry(1, new Entry("API Unknown", 400)),
            Map.entry(2, new Entry("API Service", 503)),
            Map.entry(3, new Entry("API Method", 500)),
            Map.entry(4, new Entry("API Too Many Calls", 400)),
            Map.entry(10, new Entry("Permission Denied", 403)),
            Map.entry(33, new Entry("Parameter value is not valid", 400)),
            Map.entry(100, new Entry("Invalid parameter", 400)),
            Map.entry(190, new Entry("Access token has expired", 401)),
            Map.entry(200, new Entry("API Permission", 403)),
            Map.entry(368, new Entry("Temporarily blocked for policies violations", 403)),
            Map.entry(80007, new Entry("Rate limit issues", 400)),
            Map.entry(130429, new Entry("Rate limit hit", 400)),
            Map.entry(130472, new Entry("User's number is part of an experiment", 400)),
            Map.entry(131000, new Entry("Something went wrong", 500)),
            Map.entry(131005, new Entry("Access denied", 403)),
            Map.entry(131008, new Entry("Required parameter is missing", 400)),
            Map.entry(131009, new Entry("Parameter value is not valid", 400)),
            Map.entry(131016, new Entry("Service unavailable", 500)),
            Map.entry(131021, new Entry("Recipient cannot be sender", 400)),
            Map.entry(131026, new Entry("Message Undeliverable", 400)),
            Map.entry(131030, new Entry("Recipient phone number not in allowed list", 400)),
            Map.entry(131031, new Entry("Account has been locked", 403)),
            Map.entry(131042, new Entry("Business eligibility payment issue", 400)),
            Map.entry(131045, new Entry("Incorrect certificate", 500)),
            Map.entry(131047, new Entry("Re-engagement message", 400)),
            Map.entry(131048, new Entry("Spam rate limit hit", 400)),
            Map.entry(
                    131049, new Entry("This message was not delivered to maintain healthy ecosystem engagement.", 400)),
            Map.entry(131050, new Entry("User stopped marketing messages", 400)),
            Map.entry(131051, new Entry("Unsupported message type", 400)),
            Map.entry(131052, new Entry("Media download error", 400)),
            Map.entry(131053, new Entry("Media upload error", 400)),
            Map.entry(131056, new Entry("(Business Account, Consumer Account) pair rate limit hit", 400)),
            Map.entry(131057, new Entry("Account in maintenance mode", 500)),
            Map.entry(132000, new Entry("Number of parameters does not match the expected number of params", 400)),
            Map.entry(132001, new Entry("Template name does not exist in the translation", 404)),
            Map.entry(132005, new Entry("Translated text too long", 400)),
            Map.entry(132007, new Entry("Message failed to send because of format character policy violation", 400)),
            Map.entry(132012, new Entry("Parameter format does not match format in the created template", 400)),
            Map.entry(132015, new Entry("Template is Paused", 400)),
            Map.entry(132016, new Entry("Template is Disabled", 400)),
            Map.entry(132068, new Entry("Flow is blocked", 400)),
            Map.entry(132069, new Entry("Flow is throttled", 400)),
            Map.entry(133000, new Entry("Incomplete Deregistration", 500)),
            Map.entry(133004, new Entry("Server Temporarily Unavailable", 503)),
            Map.entry(133010, new Entry("Phone number Not Registered", 400)),
            Map.entry(135000, new Entry("Generic user error", 400)),
            Map.entry(138006, new Entry("No call permission", 400)));

    private ErrorCatalog() {}

    static Entry entry(int code) {
        return ENTRIES.getOrDefault(code, new Entry("Error", 400));
    }
}
