package org.openchakra.campaign;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.openchakra.job.WorkerName;
import org.openchakra.web.ApiException;
import org.openchakra.whatsapp.send.SenderThroughput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Works one slice of a running campaign (campaigns.md §3): takes the pace's tokens for a batch, claims that
 * many due recipients and records their attempts (committed before Meta is called), hands the messages to
 * Meta, records what Meta said, and again, until nothing is due or the campaign is no longer RUNNING. A
 * campaign has a few slices so that several servers share it; they claim with SKIP LOCKED and draw from the
 * same buckets, so together they keep the pace.
 *
 * <p>Pause takes effect at the next claim (every batch checks the campaign's status in the claim itself, on
 * every server); the batches already claimed go out and are recorded.
 */
@Component
class CampaignRunner {

    static final String TASK = "campaign-slice";

    private static final Logger log = LoggerFactory.getLogger(CampaignRunner.class);
    /** A slice that finds its server running as many slices as it may tries again after this. */
    private static final Duration BUSY_RETRY = Duration.ofSeconds(1);
    /** The longest a batch waits for the pace's tokens before looking at the campaign again. */
    private static final Duration TOKEN_WAIT = Duration.ofMillis(500);
    /** Batches hold a tenth of a second of the pace, so small paces stay smooth and pause stays quick. */
    private static final int BATCHES_PER_SECOND = 10;

    private final CampaignRepository campaigns;
    private final SendLedger ledger;
    private final CampaignSenders senders;
    private final CampaignPace pace;
    private final SenderThroughput throughput;
    private final CampaignClaims claims;
    private final CampaignOutcomes outcomes;
    private final CampaignProperties props;
    private final Semaphore permits;

    CampaignRunner(
            CampaignRepository campaigns,
            SendLedger ledger,
            CampaignSenders senders,
            CampaignPace pace,
            SenderThroughput throughput,
            CampaignClaims claims,
            CampaignOutcomes outcomes,
            CampaignProperties props) {
        this.campaigns = campaigns;
        this.ledger = ledger;
        this.senders = senders;
        this.pace = pace;
        this.throughput = throughput;
        this.claims = claims;
        this.outcomes = outcomes;
        this.props = props;
        this.permits = new Semaphore(props.workers());
    }

    /** The slices of a campaign: {@code <campaign id>/<n>}. */
    static List<String> sliceIds(UUID campaignId, int slices) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < slices; i++) {
            ids.add(campaignId + "/" + i);
        }
        return ids;
    }

    static UUID campaignOf(String sliceId) {
        return UUID.fromString(sliceId.substring(0, sliceId.indexOf('/')));
    }

    CompletionHandler<Void> work(TaskInstance<Void> slice, ExecutionContext context) {
        if (!permits.tryAcquire()) {
            return retryAt(Instant.now().plus(BUSY_RETRY));
        }
        try {
            boolean stopped = run(campaignOf(slice.getId()), context);
            return stopped ? retryAt(Instant.now()) : new CompletionHandler.OnCompleteRemove<>();
        } finally {
            permits.release();
        }
    }

    /**
     * Sends the campaign's due steps until none is due or it stops running; answers true when it was cut short
     * by a shutdown (the slice then stays scheduled for another server or the next start).
     */
    private boolean run(UUID campaignId, ExecutionContext context) {
        Semaphore inFlight = new Semaphore(props.pipelines());
        try (ExecutorService batches = Executors.newVirtualThreadPerTaskExecutor()) {
            while (true) {
                if (context.getSchedulerState().isShuttingDown()) {
                    return true;
                }
                Optional<Campaign> found = campaigns.find(campaignId);
                if (found.isPresent() && Campaign.SCHEDULED.equals(found.get().status())) {
                    // Scheduled to run at its startAt: this slice starts it on time, unless the clock's look did in
                    // the meantime. Read again either way: a slice that kept the SCHEDULED copy would end, and the
                    // campaign would wait a look of the clock (a second) for its next slice.
                    campaigns.startIfDue(campaignId);
                    found = campaigns.find(campaignId);
                }
                if (found.isEmpty() || !Campaign.RUNNING.equals(found.get().status())) {
                    return false;
                }
                Campaign campaign = found.get();
                CampaignSenders.Sender sender;
                try {
                    sender = senders.of(campaign);
                } catch (ApiException cannotSend) {
                    pauseFor(campaign, cannotSend);
                    return false;
                }
                if (!ledger.anyDue(campaignId)) {
                    return false;
                }
                int mps = campaign.messagesPerSecond(SenderThroughput.messagesPerSecond(sender.from()));
                int batch = Math.max(1, Math.min(props.maxBatch(), mps / BATCHES_PER_SECOND));
                if (!pace.take(campaignId, mps, batch, TOKEN_WAIT)) {
                    continue;
                }
                if (!throughput.take(sender.from(), batch, TOKEN_WAIT)) {
                    pace.giveBack(campaignId, mps, batch);
                    continue;
                }
                inFlight.acquireUninterruptibly();
                CampaignClaims.Claimed claimed;
                try {
                    claimed = claims.claim(campaign, sender, batch);
                } catch (RuntimeException failed) {
                    inFlight.release();
                    giveBack(campaign, sender, mps, batch);
                    log.warn("Campaign {}: a claim failed; trying again", campaignId, failed);
                    pauseBriefly();
                    continue;
                }
                giveBack(campaign, sender, mps, batch - claimed.sending().size());
                if (claimed.sending().isEmpty()) {
                    inFlight.release();
                    continue;
                }
                batches.submit(() -> {
                    try {
                        send(campaign, sender, claimed);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
    }

    /** Hands a claimed batch to Meta, every message at once, then records what became of each. */
    private void send(Campaign campaign, CampaignSenders.Sender sender, CampaignClaims.Claimed claimed) {
        List<CampaignOutcomes.Outcome> results = new ArrayList<>();
        try (ExecutorService each = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<CampaignOutcomes.Outcome>> pending = new ArrayList<>();
            for (CampaignClaims.ToSend message : claimed.sending()) {
                pending.add(each.submit(() -> outcomes.send(sender, message)));
            }
            for (Future<CampaignOutcomes.Outcome> f : pending) {
                try {
                    results.add(f.get());
                } catch (Exception unexpected) {
                    // Its attempt stays SENDING: Meta's statuses (or the unknown-outcome deadline) settle it.
                    log.error("Campaign {}: a send ended without an outcome", campaign.id(), unexpected);
                }
            }
        }
        outcomes.record(campaign, results);
    }

    private void giveBack(Campaign campaign, CampaignSenders.Sender sender, int mps, int unused) {
        if (unused > 0) {
            pace.giveBack(campaign.id(), mps, unused);
            throughput.giveBack(sender.from(), unused);
        }
    }

    /** The campaign cannot send at all (its plugin is gone, a template was disabled): PAUSED, saying why. */
    private void pauseFor(Campaign campaign, ApiException cannotSend) {
        if (campaigns.pauseRunning(campaign.id(), cannotSend.getMessage())) {
            log.warn("Campaign {} paused: {}", campaign.id(), cannotSend.getMessage());
        }
    }

    private static void pauseBriefly() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static CompletionHandler<Void> retryAt(Instant when) {
        return (complete, operations) -> operations.reschedule(complete, when);
    }

    /** This server instance, as attempts record who claimed them. */
    static String worker() {
        return WorkerName.VALUE;
    }
}
