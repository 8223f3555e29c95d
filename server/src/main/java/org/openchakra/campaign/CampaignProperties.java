package org.openchakra.campaign;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of campaigns ({@code OPENCHAKRA_CAMPAIGNS_*}).
 *
 * @param slices              db-scheduler executions per running campaign, so that several servers share it
 * @param workers             campaign slices one server runs at once
 * @param pipelines           batches of one slice in flight at once (claimed, at Meta, being recorded)
 * @param maxBatch            most recipients claimed in one batch (fewer for a slow pace: a tenth of a second's)
 * @param unknownOutcomeAfter how long a send cut off by a crash may stay unresolved before it is FAILED
 * @param maxTries            sends of one step Meta may refuse for now (130429, 131056, 5xx) before it fails
 * @param inlineRecipients    recipient lists up to this size are added in the request; larger ones in a job
 * @param maxRecipients       recipients one campaign may have
 * @param tick                how often the clock looks while a campaign is sending (for steps falling due as its
 *                            slices finish, and a broadcast's end); otherwise it looks only when something is due
 */
@ConfigurationProperties(prefix = "openchakra.campaigns")
record CampaignProperties(
        int slices,
        int workers,
        int pipelines,
        int maxBatch,
        Duration unknownOutcomeAfter,
        int maxTries,
        int inlineRecipients,
        int maxRecipients,
        Duration tick) {

    public CampaignProperties {
        slices = slices <= 0 ? 2 : slices;
        workers = workers <= 0 ? 4 : workers;
        pipelines = pipelines <= 0 ? 4 : pipelines;
        maxBatch = maxBatch <= 0 ? 100 : maxBatch;
        unknownOutcomeAfter = unknownOutcomeAfter == null ? Duration.ofMinutes(10) : unknownOutcomeAfter;
        maxTries = maxTries <= 0 ? 10 : maxTries;
        inlineRecipients = inlineRecipients <= 0 ? 10_000 : inlineRecipients;
        maxRecipients = maxRecipients <= 0 ? 1_000_000 : maxRecipients;
        tick = tick == null ? Duration.ofSeconds(1) : tick;
    }
}
