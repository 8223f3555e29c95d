package org.openchakra.metasim;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Calls and call permissions (spec 10.2): ringing → pre_accepted → accepted → terminated, or rejected. */
final class CallStore {

    enum State {
        RINGING,
        PRE_ACCEPTED,
        ACCEPTED,
        REJECTED,
        TERMINATED
    }

    static final class Call {
        final String id;
        final String phoneNumberId;
        final String waId;
        final boolean inbound;
        volatile State state = State.RINGING;
        /** Set by {@code connect} or {@code accept}; Meta echoes it in the call's webhooks. */
        volatile String bizOpaqueCallbackData;

        Call(String id, String phoneNumberId, String waId, boolean inbound) {
            this.id = id;
            this.phoneNumberId = phoneNumberId;
            this.waId = waId;
            this.inbound = inbound;
        }

        boolean finished() {
            return state == State.REJECTED || state == State.TERMINATED;
        }
    }

    private final Map<String, Call> calls = new ConcurrentHashMap<>();
    private final Set<String> permissions = ConcurrentHashMap.newKeySet();

    void add(Call call) {
        calls.put(call.id, call);
    }

    Optional<Call> find(String id) {
        return Optional.ofNullable(calls.get(id));
    }

    /** Spec 9 #28: actions may name the user ({@code to}) instead of {@code call_id}; take their live call. */
    Optional<Call> liveCallWith(String phoneNumberId, String waId) {
        return calls.values().stream()
                .filter(c -> c.phoneNumberId.equals(phoneNumberId) && c.waId.equals(waId) && !c.finished())
                .findFirst();
    }

    void grant(String phoneNumberId, String waId) {
        permissions.add(phoneNumberId + "|" + waId);
    }

    void revoke(String phoneNumberId, String waId) {
        permissions.remove(phoneNumberId + "|" + waId);
    }

    boolean permitted(String phoneNumberId, String waId) {
        return permissions.contains(phoneNumberId + "|" + waId);
    }
}
