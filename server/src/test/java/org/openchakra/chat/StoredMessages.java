package org.openchakra.chat;

import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationContext;

/**
 * For the tests of other modules: chat messages stored and read as the server stores them, through the
 * chat module's own repository (package-private to the server's other modules).
 */
public final class StoredMessages {

    private final ChatMessageRepository messages;

    public StoredMessages(ApplicationContext context) {
        this.messages = context.getBean(ChatMessageRepository.class);
    }

    /** As a send records it; the caller's transaction, if any. */
    public ChatMessage recordOutgoing(OutgoingMessage message) {
        return messages.recordOutgoing(message);
    }

    public Optional<ChatMessage> find(UUID teamId, UUID id) {
        return messages.find(teamId, id);
    }
}
