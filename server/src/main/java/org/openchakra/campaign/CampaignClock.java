package org.openchakra.campaign;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.openchakra.chat.PreRecordedMessages;
import org.openchakra.cluster.ClusterNotices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * When campaigns run (campaigns.md §3 "on time"). A request that starts, resumes or adds recipients to a
 * running campaign schedules its slices for now (for a SCHEDULED one: for its startAt), in its own transaction,
 * and after the commit tells every server to look for due work at once. The tick, a recurring db-scheduler
 * task that one server runs every second (and the first thing after a restart), is the backstop: it starts
 * scheduled campaigns whose time has come, schedules the slices of running campaigns with due steps (a drip's
 * next step, a retry), gives up on sends whose outcome is still unknown after the deadline, and completes
 * broadcasts with nothing left to do.
 */
@Component
class CampaignClock {

    static final String TASK = "campaign-tick";
    static final String WAKE_TOPIC = "campaign.wake";
    private static final Logger log = LoggerFactory.getLogger(CampaignClock.class);
    private static final int SWEEP_BATCH = 500;

    private final CampaignRepository campaigns;
    private final SendLedger ledger;
    private final PreRecordedMessages chat;
    private final ObjectProvider<Scheduler> scheduler;
    private final ClusterNotices notices;
    private final CampaignProperties props;
    private final TransactionTemplate tx;

    CampaignClock(
            CampaignRepository campaigns,
            SendLedger ledger,
            PreRecordedMessages chat,
            ObjectProvider<Scheduler> scheduler,
            ClusterNotices notices,
            CampaignProperties props,
            TransactionTemplate tx) {
        this.campaigns = campaigns;
        this.ledger = ledger;
        this.chat = chat;
        this.scheduler = scheduler;
        this.notices = notices;
        this.props = props;
        this.tx = tx;
        notices.subscribe(WAKE_TOPIC, payload -> {
            Scheduler running = scheduler.getIfAvailable();
            if (running != null) {
                running.triggerCheckForDueExecutions();
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

    /** In the caller's transaction: the campaign's slices scheduled for {@code at} (unless there already). */
    void wake(UUID campaignId, Instant at) {
        ensureSlices(campaignId, at);
        notices.publish(WAKE_TOPIC, campaignId.toString());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    scheduler.getObject().triggerCheckForDueExecutions();
                }
            });
        }
    }

    void tick() {
        for (UUID started : campaigns.startDue()) {
            log.info("Campaign {} started (scheduled)", started);
            ensureSlices(started, Instant.now());
        }
        for (UUID due : campaigns.runningWithDueWork()) {
            ensureSlices(due, Instant.now());
        }
        giveUpUnknownOutcomes();
        int completed = campaigns.completeFinishedBroadcasts();
        if (completed > 0) {
            log.info("{} broadcast(s) completed", completed);
        }
    }

    private void ensureSlices(UUID campaignId, Instant at) {
        Scheduler s = scheduler.getObject();
        for (String slice : CampaignRunner.sliceIds(campaignId, props.slices())) {
            s.scheduleIfNotExists(new TaskInstance<Void>(CampaignRunner.TASK, slice), at);
        }
    }

    /** campaigns.md §3: a send still unresolved after the deadline is FAILED, UNKNOWN_OUTCOME. */
    private void giveUpUnknownOutcomes() {
        while (true) {
            List<SendLedger.Failure> overdue = ledger.overdue(props.unknownOutcomeAfter(), SWEEP_BATCH);
            if (overdue.isEmpty()) {
                return;
            }
            Integer given = tx.execute(status -> {
                List<SendLedger.Settled> failed = ledger.markFailed(
                        overdue, "SENDING", "UNKNOWN", Recipient.UNKNOWN_OUTCOME, SendLedger.BY_DEADLINE);
                chat.markFailed(failed.stream()
                        .map(s -> new PreRecordedMessages.Failed(
                                s.teamId(),
                                s.messageId(),
                                CampaignOutcomes.errors(
                                        null,
                                        Recipient.UNKNOWN_OUTCOME,
                                        overdue.getFirst().message())))
                        .toList());
                return failed.size();
            });
            log.warn("{} campaign sends failed with an unknown outcome", given);
            if (overdue.size() < SWEEP_BATCH) {
                return;
            }
        }
    }
}
