package org.openchakra.metasim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Groups of spec 10.1, in memory. Ids are opaque text, never digits. */
final class GroupStore {

    record JoinRequest(String id, String waId, Instant at) {}

    static final class Group {
        final String id;
        final String phoneNumberId;
        final Instant createdAt;
        String subject;
        String description;
        String joinApprovalMode;
        String inviteLink;
        final Set<String> participants = new LinkedHashSet<>();
        final Map<String, JoinRequest> joinRequests = new LinkedHashMap<>();
        private boolean deleted;

        Group(String id, String phoneNumberId, String subject, String description, String mode, Instant at) {
            this.id = id;
            this.phoneNumberId = phoneNumberId;
            this.subject = subject;
            this.description = description;
            this.joinApprovalMode = mode;
            this.createdAt = at;
        }

        synchronized boolean deleted() {
            return deleted;
        }

        synchronized void delete() {
            deleted = true;
            participants.clear();
            joinRequests.clear();
        }
    }

    private final Map<String, Group> groups = new ConcurrentHashMap<>();
    private final List<Group> order = new ArrayList<>();

    synchronized void add(Group group) {
        groups.put(group.id, group);
        order.addFirst(group);
    }

    Optional<Group> find(String id) {
        return Optional.ofNullable(groups.get(id));
    }

    synchronized List<Group> of(String phoneNumberId) {
        return order.stream()
                .filter(g -> g.phoneNumberId.equals(phoneNumberId) && !g.deleted())
                .toList();
    }
}
