package org.openchakra.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.openchakra.cluster.ClusterNotices;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells every server instance that chats changed (a message in or out, a status, an assignment, a close), so
 * that the inbox's open browsers update within a second whichever instance made the change (inbox.md §2
 * "Live"). The notice goes out in the changing transaction, just before it commits, so that it exists exactly
 * when the change does; the chats a transaction changed share one notice per team. Payload:
 * {@code <teamId> <chatId>[:<previous assignee>] ...}, ids only: a listener reads the rest from the database.
 */
@Component
public class ChatChanges implements OutgoingMessageListener {

    public static final String TOPIC = "chat.changed";
    /** Chat ids (and an assignee) per notice, well under PostgreSQL's 8000 bytes. */
    private static final int PER_NOTICE = 90;

    private final ClusterNotices notices;

    ChatChanges(ClusterNotices notices) {
        this.notices = notices;
    }

    /** The chat changed; published when the current transaction commits (at once outside one). */
    public void changed(UUID teamId, UUID chatId) {
        add(teamId, chatId.toString());
    }

    /** The chat's assignee changed from {@code previous}, whose browsers must hear of it to let it go. */
    public void reassigned(UUID teamId, UUID chatId, UUID previous) {
        add(teamId, previous == null ? chatId.toString() : chatId + ":" + previous);
    }

    @Override
    public void recorded(ChatMessage message) {
        changed(message.teamId(), message.chatId());
    }

    private void add(UUID teamId, String entry) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            publish(Map.of(teamId, new LinkedHashSet<>(List.of(entry))));
            return;
        }
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.byTeam.computeIfAbsent(teamId, t -> new LinkedHashSet<>()).add(entry);
    }

    private void publish(Map<UUID, Set<String>> byTeam) {
        byTeam.forEach((team, entries) -> {
            List<String> all = new ArrayList<>(entries);
            for (int i = 0; i < all.size(); i += PER_NOTICE) {
                notices.publish(
                        TOPIC, team + " " + String.join(" ", all.subList(i, Math.min(all.size(), i + PER_NOTICE))));
            }
        });
    }

    private final class Pending implements TransactionSynchronization {
        final Map<UUID, Set<String>> byTeam = new LinkedHashMap<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            publish(byTeam);
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(ChatChanges.this);
        }
    }

    /** A notice's payload read back: the team and what changed. */
    public record Notice(UUID teamId, List<Change> changes) {

        public record Change(UUID chatId, UUID previousAssignee) {}

        public static Notice parse(String payload) {
            String[] parts = payload.split(" ");
            List<Change> changes = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                int colon = parts[i].indexOf(':');
                changes.add(
                        colon < 0
                                ? new Change(UUID.fromString(parts[i]), null)
                                : new Change(
                                        UUID.fromString(parts[i].substring(0, colon)),
                                        UUID.fromString(parts[i].substring(colon + 1))));
            }
            return new Notice(UUID.fromString(parts[0]), changes);
        }
    }
}
