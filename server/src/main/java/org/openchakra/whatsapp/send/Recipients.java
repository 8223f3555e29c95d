package org.openchakra.whatsapp.send;

import org.openchakra.common.PhoneNumbers;
import tools.jackson.databind.JsonNode;

/** Who a Meta {@code /messages} body goes to, as chats and the 24-hour window name customers. */
final class Recipients {

    private Recipients() {}

    static boolean isGroup(JsonNode body) {
        return "group".equals(body.path("recipient_type").asString(""));
    }

    /**
     * The customer as chats record them: the digits of {@code to} ({@code "+91 98765-43210"} is
     * {@code 919876543210}, README §5). A group id is opaque text and is kept as given, as is a {@code to}
     * without digits (Meta refuses it; the failed message still names what was sent).
     */
    static String contactOf(JsonNode body) {
        String to = body.path("to").asString("");
        if (isGroup(body)) {
            return to;
        }
        String digits = PhoneNumbers.digits(to);
        return digits.isEmpty() ? to : digits;
    }
}
