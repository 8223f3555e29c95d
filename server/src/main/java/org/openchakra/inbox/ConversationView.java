package org.openchakra.inbox;

import java.util.List;
import java.util.UUID;

/**
 * The open chat (inbox.md §2.2 and its header): who, the sender number, open or closed, the assignee and who
 * it may be assigned to, whether the customer's 24-hour window is open, and the messages (with date
 * separators), oldest first.
 */
record ConversationView(
        UUID chatId,
        String name,
        String phone,
        String senderNumber,
        boolean closed,
        UUID assigneeId,
        String assignee,
        List<Person> people,
        boolean windowOpen,
        String windowUntil,
        List<MessageViews.Item> items,
        UUID firstMessageId,
        boolean earlier,
        String listQuery) {

    record Person(UUID id, String name) {}
}
