package org.openchakra.inbound;

import org.openchakra.chat.Chat;
import org.openchakra.chat.ChatMessage;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import tools.jackson.databind.JsonNode;

/**
 * Told of what Meta reports, inside the transaction that applies it, so that what a listener writes commits
 * with it or not at all (and is done again if the notification is processed again: be idempotent). Features
 * that react to customers (opt-out keywords, a drip campaign's stop on reply) implement this instead of
 * reading the inbound tables.
 */
public interface InboundListener {

    /** A new inbound customer message, stored in its chat (never called twice for one wamid). */
    default void messageReceived(WhatsappPlugin plugin, Chat chat, ChatMessage message) {}

    /**
     * A status object of Meta's ({@code statuses[]} item, meta-cloud-api.md §6.5) whose wamid names no
     * message: answers true when the listener gave one of its messages that wamid (a campaign send whose
     * outcome a crash cut off, named in {@code biz_opaque_callback_data}), so that the status applies to it.
     */
    default boolean statusForUnknownMessage(WhatsappPlugin plugin, JsonNode status) {
        return false;
    }

    /**
     * A status object, after it was applied to its message (or kept until its message appears); called again
     * when a status that arrived before its message is applied later.
     */
    default void statusReceived(WhatsappPlugin plugin, JsonNode status) {}
}
