package org.openchakra.inbox;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.stream.Collectors;
import org.openchakra.app.AppSessions;
import org.openchakra.app.AppUser;
import org.openchakra.chat.Chat;
import org.openchakra.chat.ChatChanges;
import org.openchakra.chat.ChatService;
import org.openchakra.cluster.ClusterNotices;
import org.openchakra.cluster.NoticeListener;
import org.openchakra.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The inbox's live updates (inbox.md §2 "Live"): every open inbox page holds an event stream, and every
 * {@link ChatChanges} notice, published by whichever instance made the change and delivered by PostgreSQL to
 * all, becomes an event {@code chat} (data: the chat id) on the streams of this instance's browsers that may
 * see that chat (or saw it until it was reassigned). The page then loads what changed, so an event carries no
 * content. When this instance's notice connection was down, notices may be lost: every stream then gets
 * {@code resync}, and the pages reload what they show.
 */
@Component
@ConditionalOnWebApplication
class LiveUpdates implements NoticeListener, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);
    /** A stream ends after this long; the browser reconnects at once, and catches up. */
    static final Duration STREAM_LIFETIME = Duration.ofMinutes(30);
    /** How often an open stream gets a comment: proxies keep it, and dead ones are found. */
    static final Duration HEARTBEAT = Duration.ofSeconds(25);

    private record Viewer(UUID userId, boolean seesAll, SseEmitter stream) {}

    private final Map<UUID, Set<Viewer>> byTeam = new ConcurrentHashMap<>();
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final ChatService chats;
    private final AppSessions sessions;
    private final TaskScheduler scheduler;
    /** The heartbeat, while any stream is open; null while none is. Guarded by {@code this}. */
    private ScheduledFuture<?> beating;

    LiveUpdates(ClusterNotices notices, ChatService chats, AppSessions sessions, TaskScheduler scheduler) {
        this.chats = chats;
        this.sessions = sessions;
        this.scheduler = scheduler;
        notices.subscribe(ChatChanges.TOPIC, this);
    }

    SseEmitter connect(AppUser me) {
        SseEmitter stream = new SseEmitter(STREAM_LIFETIME.toMillis());
        Viewer viewer = new Viewer(me.id(), me.seesAllChats(), stream);
        Set<Viewer> team = byTeam.computeIfAbsent(me.teamId(), t -> new CopyOnWriteArraySet<>());
        team.add(viewer);
        keepBeating();
        Runnable gone = () -> team.remove(viewer);
        stream.onCompletion(gone);
        stream.onTimeout(gone);
        stream.onError(e -> gone.run());
        // The first bytes make the browser's EventSource report "open" at once.
        send(viewer, team, SseEmitter.event().comment("connected"));
        return stream;
    }

    @Override
    public void onNotice(String payload) {
        ChatChanges.Notice notice;
        try {
            notice = ChatChanges.Notice.parse(payload);
        } catch (RuntimeException e) {
            log.warn("Ignoring a malformed chat notice");
            return;
        }
        Set<Viewer> team = byTeam.get(notice.teamId());
        if (team == null || team.isEmpty()) {
            return;
        }
        // Off the listening thread: reading the chats and writing to slow browsers takes time.
        senders.execute(() -> fanOut(notice, team));
    }

    private void fanOut(ChatChanges.Notice notice, Set<Viewer> team) {
        for (ChatChanges.Notice.Change change : notice.changes()) {
            Optional<UUID> assignee;
            try {
                Chat chat = chats.get(notice.teamId(), change.chatId());
                assignee = Optional.ofNullable(chat.assignedTo());
            } catch (ApiException gone) {
                continue;
            }
            for (Viewer viewer : team) {
                boolean sees = viewer.seesAll()
                        || assignee.isEmpty()
                        || assignee.get().equals(viewer.userId())
                        || viewer.userId().equals(change.previousAssignee());
                if (sees) {
                    send(
                            viewer,
                            team,
                            SseEmitter.event().name("chat").data(change.chatId().toString()));
                }
            }
        }
    }

    /** Notices may have been lost while this instance was not listening: every page reloads what it shows. */
    @Override
    public void onGap() {
        byTeam.values()
                .forEach(team -> team.forEach(v -> senders.execute(
                        () -> send(v, team, SseEmitter.event().name("resync").data("")))));
    }

    /**
     * Every {@link #HEARTBEAT} while a stream is open: a comment keeps proxies from closing quiet streams and finds
     * the dead ones, and streams of users deactivated since are ended (their pages then find themselves signed
     * out). With no stream open it is not scheduled at all: an idle server wakes for nothing (issue 15).
     */
    void heartbeat() {
        Set<UUID> users = byTeam.values().stream()
                .flatMap(Set::stream)
                .map(Viewer::userId)
                .collect(Collectors.toSet());
        Set<UUID> active = users.isEmpty() ? Set.of() : sessions.stillActive(users);
        byTeam.values()
                .forEach(team -> team.forEach(v -> {
                    if (!active.contains(v.userId())) {
                        team.remove(v);
                        v.stream().complete();
                    } else {
                        send(v, team, SseEmitter.event().comment("keep-alive"));
                    }
                }));
        stopBeatingIfNoStream();
    }

    /** Whether the heartbeat is scheduled (for tests). */
    synchronized boolean beating() {
        return beating != null;
    }

    /** After a stream was added: a stream added after the check of {@link #stopBeatingIfNoStream} comes here. */
    private synchronized void keepBeating() {
        if (beating == null) {
            beating = scheduler.scheduleWithFixedDelay(
                    this::heartbeat, Instant.now().plus(HEARTBEAT), HEARTBEAT);
        }
    }

    private synchronized void stopBeatingIfNoStream() {
        if (beating != null && byTeam.values().stream().allMatch(Set::isEmpty)) {
            beating.cancel(false);
            beating = null;
        }
    }

    private static void send(Viewer viewer, Set<Viewer> team, SseEmitter.SseEventBuilder event) {
        try {
            viewer.stream().send(event);
        } catch (IOException | IllegalStateException e) {
            // The browser went away: the stream is done (an error dispatch would only write to a dead socket).
            team.remove(viewer);
            try {
                viewer.stream().complete();
            } catch (RuntimeException alreadyGone) {
                // nothing left to close
            }
        }
    }

    @Override
    public void destroy() {
        senders.shutdownNow();
        byTeam.values().forEach(team -> team.forEach(v -> v.stream().complete()));
    }
}
