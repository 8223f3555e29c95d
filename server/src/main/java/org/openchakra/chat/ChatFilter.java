package org.openchakra.chat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What {@code POST /v1/ext/chat} narrows a team's chats to; a null field does not narrow. {@code search} is a
 * case-insensitive substring of the contact's name or, when it looks like a phone number (digits and phone
 * punctuation only), a substring of the contact's digits.
 */
record ChatFilter(String search, String status, UUID pluginId, String phoneNumberId, UUID assignedTo) {

    private static final Pattern PHONE_LIKE = Pattern.compile("[\\d\\s+\\-().]*\\d[\\d\\s+\\-().]*");

    /** The SQL condition on {@code chat c}, with {@code :team} and the {@link #params()}. */
    String where() {
        StringBuilder where = new StringBuilder("c.team_id = :team");
        if (status != null) {
            where.append(" AND c.status = :status");
        }
        if (pluginId != null) {
            where.append(" AND c.plugin_id = :plugin");
        }
        if (phoneNumberId != null) {
            where.append(" AND c.whatsapp_phone_number_id = :pnid");
        }
        if (assignedTo != null) {
            where.append(" AND c.assigned_to = :assignedTo");
        }
        if (search != null) {
            where.append(
                    searchDigits() == null
                            ? " AND c.contact_name ILIKE :name ESCAPE '\\'"
                            : " AND (c.contact_identifier LIKE :digits OR c.contact_name ILIKE :name ESCAPE '\\')");
        }
        return where.toString();
    }

    Map<String, Object> params() {
        Map<String, Object> params = new HashMap<>();
        params.put("status", status);
        params.put("plugin", pluginId);
        params.put("pnid", phoneNumberId);
        params.put("assignedTo", assignedTo);
        if (search != null) {
            params.put("name", "%" + likeEscaped(search) + "%");
            String digits = searchDigits();
            if (digits != null) {
                params.put("digits", "%" + digits + "%");
            }
        }
        params.values().removeIf(v -> v == null);
        return params;
    }

    private String searchDigits() {
        return PHONE_LIKE.matcher(search).matches() ? search.replaceAll("\\D", "") : null;
    }

    /** {@code text} matched literally by LIKE: its wildcards and the escape character escaped. */
    static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
