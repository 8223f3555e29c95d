package org.openchakra.inbox;

import java.util.UUID;

/**
 * One line of the chat list (inbox.md §2.1): who, the last message's preview and time, unread count, assignee,
 * and the sender number when the team has several. {@code order} is the last activity in epoch ms, by which
 * the page places a row that live updates bring.
 */
record ChatRow(
        UUID id,
        String name,
        String phone,
        String preview,
        boolean previewOutbound,
        String time,
        String timeTitle,
        long order,
        int unread,
        String assignee,
        String senderNumber,
        boolean closed) {

    public String domId() {
        return "chat-" + id;
    }
}
