package org.openchakra.chat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What {@code POST /v1/ext/chat} (and the inbox's chat list) narrows a team's chats to; a null or false field
 * does not narrow. {@code search} is a case-insensitive substring of the contact's name or, when it looks like
 * a phone number (digits and phone punctuation only), a substring of the contact's digits; with
 * {@code searchMessages} also of any message's text. The inbox adds {@code unassignedOnly}, {@code visibleTo}
 * (a user without {@code chat:all} sees the chats assigned to them and the unassigned, inbox.md §2) and
 * {@code chatId} (one chat, if it passes the rest).
 */
public record ChatFilter(
        String search,
        String status,
        UUID pluginId,
        String phoneNumberId,
        UUID assignedTo,
        boolean unassignedOnly,
        UUID visibleTo,
        boolean searchMessages,
        UUID chatId) {

    /** The API's filter. */
    public ChatFilter(String search, String status, UUID pluginId, String phoneNumberId, UUID assignedTo) {
        this(search, status, pluginId, phoneNumberId, assignedTo, false, null, false, null);
    }

    public ChatFilter withChat(UUID chat) {
        return new ChatFilter(
                search, status, pluginId, phoneNumberId, assignedTo, unassignedOnly, visibleTo, searchMessages, chat);
    }

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
        if (unassignedOnly) {
            where.append(" AND c.assigned_to IS NULL");
        }
        if (visibleTo != null) {
            where.append(" AND (c.assigned_to = :viewer OR c.assigned_to IS NULL)");
        }
        if (chatId != null) {
            where.append(" AND c.id = :chat");
        }
        if (search != null) {
            where.append(" AND (c.contact_name ILIKE :name ESCAPE '\\'");
            if (searchDigits() != null) {
                where.append(" OR c.contact_identifier LIKE :digits");
            }
            if (searchMessages) {
                where.append(" OR EXISTS (SELECT 1 FROM chat_message m WHERE m.team_id = c.team_id"
                        + " AND m.chat_id = c.id AND m.text ILIKE :name ESCAPE '\\')");
            }
            where.append(")");
        }
        return where.toString();
    }

    Map<String, Object> params() {
        Map<String, Object> params = new HashMap<>();
        params.put("status", status);
        params.put("plugin", pluginId);
        params.put("pnid", phoneNumberId);
        params.put("assignedTo", assignedTo);
        params.put("viewer", visibleTo);
        params.put("chat", chatId);
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
