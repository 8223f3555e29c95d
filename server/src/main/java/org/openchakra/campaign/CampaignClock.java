package org.openchakra.campaign;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openchakra.OpenChakraApplication;
import org.openchakra.chat.PreRecordedMessages;
import org.openchakra.cluster.ClusterNotices;
import org.openchakra.cluster.NoticeListener;
import org.openchakra.common.BackgroundThread;
import org.openchakra.job.JobWakeups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * When campaigns run (campaigns.md §3 "on time"). A request that starts, resumes or adds recipients to a
 * running campaign schedules its slices for now (for a SCHEDULED one: for its startAt) in its own transaction,
 * and after the commit every server looks for due work at once. The clock does the rest: it starts scheduled
 * campaigns whose time has come, schedules the slices of running campaigns with due steps (a drip's next step, a
 * retry), gives up on sends whose outcome is still unknown after the deadline, and completes broadcasts with
 * nothing left to do.
 *
 * <p>Every server process has its own clock, which sleeps until the next moment something is due: each look
 * works out that moment from the database (the next scheduled start, the next step or retry, the next
 * unknown-outcome deadline, or a second later while a broadcast is sending), and whoever makes something due
 * sooner announces it ({@link #dueAt}) to every process's clock. An idle server so never looks, but every
 * {@link #BACKSTOP}; and since every process keeps time, a process that dies takes no campaign's clock with it.
 * Looks of several processes take turns (a transaction-level advisory lock), so a slice is scheduled once.
 */
@Component
class CampaignClock implements SmartLifecycle {

    static final String WAKE_TOPIC = "campaign.wake";
    /**
     * The longest the clock sleeps: each look works out the next moment anything is due, and announcements go out
     * with the commits that make work due sooner (there is always a look after a gap), so this is only for work
     * nobody announced.
     */
    static final Duration BACKSTOP = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(CampaignClock.class);
    private static final int SWEEP_BATCH = 500;
    /** pg_advisory_xact_lock key of the clocks' looks ("campaign" in ASCII). */
    private static final long LOOK_LOCK = 0x63616d706169676eL;

    private final CampaignRepository campaigns;
    private final SendLedger ledger;
    private final PreRecordedMessages chat;
    private final ObjectProvider<Scheduler> scheduler;
    private final ClusterNotices notices;
    private final JobWakeups jobs;
    private final CampaignProperties props;
    private final TransactionTemplate tx;
    private final boolean oneShotCommand;

    /** When the clock looks next (epoch milliseconds); lowered by announcements, worked out again by each look. */
    private final AtomicLong nextLook = new AtomicLong(0); // the epoch: at once

    private final Semaphore nudge = new Semaphore(0);

    private final BackgroundThread thread = new BackgroundThread("campaign-clock");

    CampaignClock(
            CampaignRepository campaigns,
            SendLedger ledger,
            PreRecordedMessages chat,
            ObjectProvider<Scheduler> scheduler,
            ClusterNotices notices,
            JobWakeups jobs,
            CampaignProperties props,
            TransactionTemplate tx,
            Environment env) {
        this.campaigns = campaigns;
        this.ledger = ledger;
        this.chat = chat;
        this.scheduler = scheduler;
        this.notices = notices;
        this.jobs = jobs;
        this.props = props;
        this.tx = tx;
        this.oneShotCommand = env.acceptsProfiles(Profiles.of(OpenChakraApplication.ONE_SHOT_COMMAND));
        notices.subscribe(WAKE_TOPIC, new NoticeListener() {
            @Override
            public void onNotice(String payload) {
                long at = at(payload);
                if (at <= System.currentTimeMillis()) {
                    Scheduler running = scheduler.getIfAvailable();
                    if (running != null) {
                        running.triggerCheckForDueExecutions();
                    }
                }
                lookAt(at);
            }

            @Override
            public void onGap() {
                // Announcements may have been missed meanwhile: look now, and work out the next moment afresh.
                lookAt(System.currentTimeMillis());
            }
        });
    }

    /** In the caller's transaction: a campaign started, resumed or given work gets its slices. */
    void afterStart(Campaign campaign) {
        if (Campaign.RUNNING.equals(campaign.status())) {
            wake(campaign.id(), Instant.now());
        } else if (Campaign.SCHEDULED.equals(campaign.status())) {
            wake(campaign.id(), campaign.startAt());
        }
    }

    /**
     * In the caller's transaction: the campaign's slices scheduled for {@code at} (unless there already, no later),
     * and every process's clock looks then.
     */
    void wake(UUID campaignId, Instant at) {
        ensureSlices(campaignId, at);
        notices.publish(WAKE_TOPIC, Long.toString(at.toEpochMilli()));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    scheduler.getObject().triggerCheckForDueExecutions();
                }
            });
        }
    }

    /**
     * In the caller's transaction: something falls due at {@code at} (a drip's next step, a retry; now: a
     * broadcast may have nothing left): once it commits, every process's clock looks then.
     */
    void dueAt(Instant at) {
        notices.publish(WAKE_TOPIC, Long.toString(at.toEpochMilli()));
    }

    /** This process's clock looks at {@code atMillis} at the latest. */
    void lookAt(long atMillis) {
        if (nextLook.getAndAccumulate(atMillis, Math::min) > atMillis) {
            nudge.release(); // the sleeping clock works out its wait again
        }
    }

    @Override
    public void start() {
        thread.start(this::run);
    }

    @Override
    public void stop() {
        thread.stop(Duration.ofSeconds(5));
    }

    @Override
    public boolean isRunning() {
        return thread.isRunning();
    }

    /** Not in the one-shot commands (admin-token, migrate-blobs), which run no campaign. */
    @Override
    public boolean isAutoStartup() {
        return !oneShotCommand;
    }

    private void run() {
        while (thread.isCurrent()) {
            try {
                long wait = nextLook.get() - System.currentTimeMillis();
                if (wait > 0) {
                    if (nudge.tryAcquire(wait, TimeUnit.MILLISECONDS)) {
                        nudge.drainPermits();
                    }
                    continue;
                }
                // Before the look reads anything: an announcement from now on lowers it again, and one made
                // earlier was committed before the look reads, so the look sees what it announced.
                nextLook.set(System.currentTimeMillis() + BACKSTOP.toMillis());
                lookAt(look().toEpochMilli());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!thread.isCurrent()) {
                    return;
                }
                // The database may be restarting: the campaigns wait durably, so look again shortly.
                log.warn("Campaign clock: {}", e.toString());
                lookAt(System.currentTimeMillis() + 1000);
            }
        }
    }

    /**
     * One look, in one transaction, taking turns with the other processes' clocks; answers when the next one is
     * due. That moment is worked out first, from what is still ahead (what is due now is handled by this look), so
     * that whatever a concurrent transaction makes due after this read is either announced to this clock or, for a
     * sending broadcast, falls within the second after it; a look that did something looks again within a second.
     */
    Instant look() {
        return tx.execute(status -> {
            campaigns.lockClock(LOOK_LOCK);
            Instant next = campaigns
                    .nextDue(props.tick(), props.unknownOutcomeAfter())
                    .orElse(Instant.now().plus(BACKSTOP));
            Slices slices = Slices.NONE;
            List<UUID> started = campaigns.startDue();
            for (UUID campaign : started) {
                log.info("Campaign {} started (scheduled)", campaign);
                slices = stronger(slices, ensureSlices(campaign, Instant.now()));
            }
            List<UUID> due = campaigns.runningWithDueWork();
            for (UUID campaign : due) {
                slices = stronger(slices, ensureSlices(campaign, Instant.now()));
            }
            if (slices == Slices.ADDED) {
                jobs.announce();
            } else if (slices == Slices.WAITING) {
                Scheduler s = scheduler.getObject();
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        s.triggerCheckForDueExecutions();
                    }
                });
            }
            int gaveUp = giveUpUnknownOutcomes();
            int completed = campaigns.completeFinishedBroadcasts();
            if (completed > 0) {
                log.info("{} broadcast(s) completed", completed);
            }
            if (!started.isEmpty() || !due.isEmpty() || gaveUp > 0) {
                // What this look did was not in the moment read before it (a campaign it started sends from now):
                // the next look works that out again, a second from now at the latest.
                Instant soon = Instant.now().plus(props.tick());
                return soon.isBefore(next) ? soon : next;
            }
            return next;
        });
    }

    /** What {@link #ensureSlices} found or did: whose scheduler must look. */
    private enum Slices {
        /** Added or brought forward: every process's scheduler looks (if due now). */
        ADDED,
        /** There and due, not yet picked (scheduled by a process that may have died since): this one's looks. */
        WAITING,
        /** Running, or due later. */
        NONE
    }

    /**
     * The campaign's slices scheduled for {@code at}: added if missing, brought forward if waiting for later (a
     * SCHEDULED campaign's new, earlier startAt).
     */
    private Slices ensureSlices(UUID campaignId, Instant at) {
        Scheduler s = scheduler.getObject();
        Slices found = Slices.NONE;
        for (String slice : CampaignRunner.sliceIds(campaignId, props.slices())) {
            TaskInstance<Void> instance = new TaskInstance<>(CampaignRunner.TASK, slice);
            Optional<ScheduledExecution<Object>> existing = s.getScheduledExecution(instance);
            if (existing.isEmpty()) {
                if (s.scheduleIfNotExists(instance, at)) {
                    found = Slices.ADDED;
                }
            } else if (existing.get().isPicked()) {
                continue;
            } else if (existing.get().getExecutionTime().isAfter(at)) {
                try {
                    if (s.reschedule(instance, at)) {
                        found = Slices.ADDED;
                    }
                } catch (TaskInstanceCurrentlyExecutingException picked) {
                    // Picked meanwhile: it is running now, which is sooner still.
                }
            } else if (found == Slices.NONE
                    && !existing.get().getExecutionTime().isAfter(Instant.now())) {
                found = Slices.WAITING;
            }
        }
        return found;
    }

    /** campaigns.md §3: a send still unresolved after the deadline is FAILED, UNKNOWN_OUTCOME; answers how many. */
    private int giveUpUnknownOutcomes() {
        int given = 0;
        while (true) {
            List<SendLedger.Failure> overdue = ledger.overdue(props.unknownOutcomeAfter(), SWEEP_BATCH);
            if (overdue.isEmpty()) {
                return given;
            }
            List<SendLedger.Settled> failed =
                    ledger.markFailed(overdue, "SENDING", "UNKNOWN", Recipient.UNKNOWN_OUTCOME, SendLedger.BY_DEADLINE);
            if (failed.isEmpty()) {
                return given; // all held by a status webhook settling them right now
            }
            given += failed.size();
            chat.markFailed(failed.stream()
                    .map(s -> new PreRecordedMessages.Failed(
                            s.teamId(),
                            s.messageId(),
                            CampaignOutcomes.errors(
                                    null,
                                    Recipient.UNKNOWN_OUTCOME,
                                    overdue.getFirst().message())))
                    .toList());
            log.warn("{} campaign sends failed with an unknown outcome", failed.size());
            if (overdue.size() < SWEEP_BATCH) {
                return given;
            }
        }
    }

    private static Slices stronger(Slices a, Slices b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }

    /** A notice's moment: its payload in epoch milliseconds (an older server's, a campaign id, means now). */
    private static long at(String payload) {
        try {
            return Long.parseLong(payload.trim());
        } catch (NumberFormatException now) {
            return System.currentTimeMillis();
        }
    }
}
