package org.openchakra.inbox;

import java.util.List;
import java.util.UUID;

/**
 * The customer panel (inbox.md §2.5): the lead's attributes as fields of their types, its open tasks, and the
 * customer's other chats with the team.
 */
record CustomerPanel(
        UUID chatId,
        String name,
        String phone,
        UUID leadId,
        String procedureName,
        List<Field> fields,
        List<TaskLine> tasks,
        OptOutState optOut,
        List<EarlierChat> earlier) {

    /**
     * Whether the customer asked not to get marketing messages (campaigns.md §4); {@code since}, {@code source}
     * and {@code reason} only when they did.
     */
    record OptOutState(boolean optedOut, String since, String source, String reason) {}

    /**
     * One attribute: {@code input} is how it is edited (text, number, date, datetime-local, checkbox-less
     * yes/no select, select, multi, readonly); {@code value} the current value as the input wants it.
     */
    record Field(
            String shortId,
            String name,
            String input,
            String value,
            List<String> options,
            List<String> selected,
            boolean required) {}

    record TaskLine(String title, String status, String due) {}

    record EarlierChat(UUID id, String when, String status, String preview, boolean current) {}
}
