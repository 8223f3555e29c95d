package org.openchakra.campaign;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openchakra.common.PhoneNumbers;
import org.openchakra.procedure.LeadProcedure;
import org.openchakra.process.BackgroundJob;
import org.openchakra.process.BackgroundJobs;
import org.openchakra.process.Leads;
import org.openchakra.process.ProcessService;
import org.openchakra.team.Team;
import org.openchakra.team.TeamService;
import org.openchakra.web.ApiException;
import org.openchakra.web.ErrorDetail;
import org.openchakra.web.JsonFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Adds recipients to a campaign (campaigns.md §2): a JSON list, a CSV upload or a process query. Each added
 * number gets its lead (found by phone, made if missing). Lists up to {@code inlineRecipients} are added in the
 * request; bigger ones are checked and staged in the request, then added by a background job (platform.md §5,
 * type {@code campaign_recipients}) whose result says what it added. Adding a number the campaign has is a
 * duplicate, never a second enrollment: a step must not go out twice.
 */
@Service
public class RecipientImports {

    static final String TASK = "campaign-recipients";

    private static final Logger log = LoggerFactory.getLogger(RecipientImports.class);
    private static final int BATCH = 1000;
    private static final int QUERY_PAGE = 5000;

    private final CampaignRepository campaigns;
    private final RecipientRepository recipients;
    private final ImportRepository imports;
    private final Leads leads;
    private final ProcessService processes;
    private final TeamService teams;
    private final BackgroundJobs jobs;
    private final CampaignClock clock;
    private final CampaignProperties props;
    private final ObjectProvider<Scheduler> scheduler;
    private final TransactionTemplate tx;
    private final JsonMapper json;

    RecipientImports(
            CampaignRepository campaigns,
            RecipientRepository recipients,
            ImportRepository imports,
            Leads leads,
            ProcessService processes,
            TeamService teams,
            BackgroundJobs jobs,
            CampaignClock clock,
            CampaignProperties props,
            ObjectProvider<Scheduler> scheduler,
            TransactionTemplate tx,
            JsonMapper json) {
        this.campaigns = campaigns;
        this.recipients = recipients;
        this.imports = imports;
        this.leads = leads;
        this.processes = processes;
        this.teams = teams;
        this.jobs = jobs;
        this.clock = clock;
        this.props = props;
        this.scheduler = scheduler;
        this.tx = tx;
        this.json = json;
    }

    /**
     * What a recipients call did: {@code added} (null while a job adds them), {@code queued} for the job,
     * {@code duplicates}, {@code invalid}, and the job when there is one.
     */
    public record Added(Integer added, int queued, int duplicates, int invalid, BackgroundJob job) {}

    /** A list in a request body: {@code text/csv}, or JSON (a list or a process query). */
    @Transactional
    public Added add(UUID teamId, UUID campaignId, String contentType, byte[] body) {
        Campaign campaign = openForRecipients(teamId, campaignId);
        String countryCode = countryCode(teamId);
        int limit = props.maxRecipients();
        if (isCsv(contentType)) {
            return addAll(campaign, RecipientLists.csv(body, countryCode, limit));
        }
        JsonNode request;
        try {
            request = json.readTree(body);
        } catch (RuntimeException notJson) {
            throw ApiException.badRequest(null, "The body must be JSON (or text/csv): " + notJson.getMessage());
        }
        JsonFields f = JsonFields.of(request);
        boolean list = f.has("recipients");
        boolean query = f.has("procedure");
        if (list == query) {
            throw ApiException.badRequest(
                    "recipients",
                    list
                            ? "Give either 'recipients' or a process query ('procedure', 'where'), not both"
                            : "'recipients' (a list) or 'procedure' (a process query) is required");
        }
        if (list) {
            return addAll(campaign, RecipientLists.json(f.raw("recipients"), countryCode, limit));
        }
        String procedure = f.requiredString("procedure", 100);
        f.check();
        return addQuery(campaign, procedure, f.raw("where"), countryCode);
    }

    /** campaigns.md §2 public pair: the number added (a no-op answering it when it is in already). */
    @Transactional
    public Recipient enroll(UUID teamId, UUID campaignId, String phoneNumber, JsonNode body) {
        Campaign campaign = openForRecipients(teamId, campaignId);
        ObjectNode row = null;
        if (body != null && !body.isNull()) {
            JsonFields f = JsonFields.of(body);
            row = f.object("row").map(r -> (ObjectNode) r).orElse(null);
            f.check();
        }
        String phone = phone(teamId, phoneNumber);
        Optional<Recipient> existing = recipients.findByPhone(teamId, campaignId, phone);
        if (existing.isPresent()) {
            return existing.get();
        }
        checkLimit(campaign, 1);
        addBatch(campaign, List.of(new RecipientLists.Item(phone, null, null, row)));
        wakeIfRunning(campaign);
        return recipients.findByPhone(teamId, campaignId, phone).orElseThrow();
    }

    /** campaigns.md §2 public pair: REMOVED, no further step; 404 for a number not in the campaign. */
    @Transactional
    public Recipient remove(UUID teamId, UUID campaignId, String phoneNumber) {
        campaigns.lock(teamId, campaignId).orElseThrow(() -> CampaignService.notFound(campaignId));
        String phone = phone(teamId, phoneNumber);
        if (recipients.findByPhone(teamId, campaignId, phone).isEmpty()) {
            throw ApiException.notFound("The number " + phone + " is not in campaign " + campaignId);
        }
        if (recipients.remove(teamId, campaignId, phone)) {
            clock.dueAt(Instant.now()); // a broadcast may have nothing left to send: it completes
        }
        return recipients.findByPhone(teamId, campaignId, phone).orElseThrow();
    }

    private Added addAll(Campaign campaign, RecipientLists.Read read) {
        checkLimit(campaign, read.items().size());
        if (read.items().size() <= props.inlineRecipients()) {
            int added = addBatch(campaign, read.items());
            wakeIfRunning(campaign);
            return new Added(added, 0, read.duplicates() + read.items().size() - added, read.invalid(), null);
        }
        BackgroundJob job = startJob(campaign, read.duplicates(), read.invalid());
        for (int from = 0; from < read.items().size(); from += BATCH * 5) {
            List<RecipientLists.Item> chunk =
                    read.items().subList(from, Math.min(read.items().size(), from + BATCH * 5));
            imports.stage(job.id(), campaign.teamId(), campaign.id(), from, chunk);
        }
        return new Added(null, read.items().size(), read.duplicates(), read.invalid(), job);
    }

    /**
     * Every process the query matches with a phone, at the time of the call: processes made later are left
     * out even when a job pages through them afterwards.
     */
    private Added addQuery(Campaign campaign, String procedure, JsonNode where, String countryCode) {
        ProcessService.PhoneQuery query;
        try {
            query = processes.phoneQuery(campaign.teamId(), procedure, where);
        } catch (ApiException refused) {
            if (refused.status().value() == 404) {
                throw ApiException.badRequest("procedure", refused.getMessage());
            }
            throw refused;
        }
        long matching = processes.count(query);
        if (matching > props.maxRecipients()) {
            throw RecipientLists.tooMany((int) Math.min(Integer.MAX_VALUE, matching), props.maxRecipients());
        }
        boolean leadsQuery = LeadProcedure.SHORT_ID.equals(query.procedure().shortId());
        Instant asOf = Instant.now();
        if (matching <= props.inlineRecipients()) {
            RecipientLists.Collector collector = new RecipientLists.Collector(countryCode);
            page(query, asOf, leadsQuery, collector);
            return addAll(campaign, collector.read());
        }
        checkLimit(campaign, (int) matching);
        RecipientLists.Collector collector = new RecipientLists.Collector(countryCode);
        page(query, asOf, leadsQuery, collector);
        RecipientLists.Read read = collector.read();
        BackgroundJob job = startJob(campaign, read.duplicates(), read.invalid());
        for (int from = 0; from < read.items().size(); from += BATCH * 5) {
            imports.stage(
                    job.id(),
                    campaign.teamId(),
                    campaign.id(),
                    from,
                    read.items().subList(from, Math.min(read.items().size(), from + BATCH * 5)));
        }
        return new Added(null, read.items().size(), read.duplicates(), read.invalid(), job);
    }

    private void page(ProcessService.PhoneQuery query, Instant asOf, boolean leadsQuery, RecipientLists.Collector to) {
        UUID after = null;
        while (true) {
            List<ProcessService.IdAndValue> page = processes.phones(query, asOf, after, QUERY_PAGE);
            for (ProcessService.IdAndValue p : page) {
                to.add(p.value(), leadsQuery ? p.id() : null, leadsQuery ? null : p.id(), null);
            }
            if (page.size() < QUERY_PAGE) {
                return;
            }
            after = page.getLast().id();
        }
    }

    private BackgroundJob startJob(Campaign campaign, int duplicates, int invalid) {
        BackgroundJob job = jobs.create(campaign.teamId(), BackgroundJob.CAMPAIGN_RECIPIENTS);
        imports.createTally(job.id(), campaign.teamId(), campaign.id(), duplicates, invalid);
        scheduler.getObject().schedule(new TaskInstance<Void>(TASK, job.id().toString()), Instant.now());
        return job;
    }

    /**
     * Adds a batch in the caller's transaction (the campaign row locked): numbers already in are left out, the
     * others get their lead and are enrolled. Answers how many were added.
     */
    int addBatch(Campaign campaign, List<RecipientLists.Item> items) {
        Set<String> present = recipients.present(
                campaign.id(), items.stream().map(RecipientLists.Item::phone).toList());
        List<RecipientLists.Item> fresh =
                items.stream().filter(i -> !present.contains(i.phone())).toList();
        if (fresh.isEmpty()) {
            return 0;
        }
        Map<String, UUID> found = leads.forPhones(
                campaign.teamId(),
                fresh.stream()
                        .filter(i -> i.leadId() == null)
                        .map(RecipientLists.Item::phone)
                        .toList());
        List<RecipientRepository.NewRecipient> rows = new ArrayList<>();
        for (RecipientLists.Item item : fresh) {
            UUID lead = item.leadId() != null ? item.leadId() : found.get(item.phone());
            rows.add(new RecipientRepository.NewRecipient(item.phone(), lead, item.processId(), item.row()));
        }
        return recipients.insertAll(
                campaign.teamId(),
                campaign.id(),
                rows,
                campaign.steps().getFirst().delayMinutes());
    }

    /** The job's work: staged rows a thousand at a time, each batch one transaction; then its result. */
    CompletionHandler<Void> work(TaskInstance<Void> task, ExecutionContext context) {
        UUID jobId = UUID.fromString(task.getId());
        Optional<ImportRepository.Tally> start = imports.tally(jobId);
        if (start.isEmpty()) {
            return new CompletionHandler.OnCompleteRemove<>();
        }
        jobs.started(jobId);
        while (!context.getSchedulerState().isShuttingDown()) {
            Boolean more = tx.execute(status -> importBatch(jobId, start.get()));
            if (more == null || !more) {
                ImportRepository.Tally done = imports.tally(jobId).orElseThrow();
                ObjectNode result = json.createObjectNode();
                result.put("campaign", done.campaignId().toString());
                result.put("added", done.added());
                result.put("duplicates", done.duplicates());
                result.put("invalid", done.invalid());
                jobs.completed(
                        jobId,
                        "Added " + done.added() + " recipients (" + done.duplicates() + " duplicates, " + done.invalid()
                                + " invalid numbers)",
                        result);
                log.info("Campaign {}: recipient job {} added {}", done.campaignId(), jobId, done.added());
                return new CompletionHandler.OnCompleteRemove<>();
            }
        }
        return (complete, operations) -> operations.reschedule(complete, Instant.now());
    }

    private boolean importBatch(UUID jobId, ImportRepository.Tally tally) {
        Optional<Campaign> campaign = campaigns.lock(tally.teamId(), tally.campaignId());
        List<RecipientLists.Item> items = imports.take(jobId, BATCH);
        if (items.isEmpty() || campaign.isEmpty()) {
            return false;
        }
        if (!acceptsRecipients(campaign.get())) {
            // Completed or cancelled meanwhile: the rest of the list has nowhere to go.
            while (!imports.take(jobId, BATCH * 10).isEmpty()) {
                // drained
            }
            return false;
        }
        int added = addBatch(campaign.get(), items);
        imports.count(jobId, added, items.size() - added);
        wakeIfRunning(campaign.get());
        return true;
    }

    private Campaign openForRecipients(UUID teamId, UUID campaignId) {
        Campaign campaign = campaigns.lock(teamId, campaignId).orElseThrow(() -> CampaignService.notFound(campaignId));
        if (!acceptsRecipients(campaign)) {
            throw ApiException.conflict(
                    "status", "Campaign " + campaignId + " is " + campaign.status() + ": it takes no more recipients");
        }
        return campaign;
    }

    private static boolean acceptsRecipients(Campaign campaign) {
        return Campaign.takesRecipients(campaign.status());
    }

    /** campaigns.md §2: at most {@code maxRecipients} per campaign, counting lists still being added. */
    private void checkLimit(Campaign campaign, int adding) {
        long existing = recipients.count(campaign.id()) + imports.staged(campaign.id());
        if (existing + adding > props.maxRecipients()) {
            throw new ApiException(
                    org.springframework.http.HttpStatus.BAD_REQUEST,
                    List.of(ErrorDetail.invalid(
                            "recipients",
                            "A campaign takes at most " + props.maxRecipients() + " recipients: it has " + existing
                                    + " and this adds up to " + adding)));
        }
    }

    private void wakeIfRunning(Campaign campaign) {
        if (Campaign.RUNNING.equals(campaign.status())) {
            clock.wake(campaign.id(), Instant.now());
        }
    }

    private String phone(UUID teamId, String raw) {
        return PhoneNumbers.normalize(raw, countryCode(teamId))
                .orElseThrow(() -> ApiException.badRequest("phoneNumber", "'" + raw + "' is not a phone number"));
    }

    private String countryCode(UUID teamId) {
        return teams.find(teamId).map(Team::defaultCountryCode).orElse(null);
    }

    private static boolean isCsv(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(java.util.Locale.ROOT);
        return type.startsWith("text/csv") || type.startsWith("application/csv");
    }
}
