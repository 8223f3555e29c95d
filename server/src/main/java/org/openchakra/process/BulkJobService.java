package org.openchakra.process;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchakra.procedure.Procedure;
import org.openchakra.procedure.ProcedureService;
import org.openchakra.web.ApiException;
import org.openchakra.web.ErrorDetail;
import org.openchakra.web.JsonFields;
import org.openchakra.web.StorableText;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Takes a bulk request (platform.md §5): checks its shape, checks each item on its own (with the rules
 * of the single endpoints, no database round trip per item), and stores the job with all its entries
 * and its work slices in one transaction. The answer is the job; workers do the rest.
 */
@Service
class BulkJobService {

    public static final int MAX_ITEMS = 100_000;

    private final ProcedureService procedures;
    private final ProcessService processes;
    private final JobRepository jobs;
    private final BulkJobSlices slices;

    public BulkJobService(
            ProcedureService procedures, ProcessService processes, JobRepository jobs, BulkJobSlices slices) {
        this.procedures = procedures;
        this.processes = processes;
        this.jobs = jobs;
        this.slices = slices;
    }

    /** A job in full: the job and the number of its entries in each status. */
    public record JobStatus(BackgroundJob job, Map<String, Long> counts) {}

    public record EntryPage(List<JobEntry> entries, long total) {}

    @Transactional
    public BackgroundJob bulkCreate(UUID teamId, String proc, JsonNode body) {
        Procedure procedure = procedures.get(teamId, proc);
        if (body == null || !body.isArray()) {
            throw ApiException.badRequest(null, "The request body must be a JSON array of processes");
        }
        ArrayNode items = checkedSize((ArrayNode) body, null);
        CoercionContext ctx = processes.context(teamId);
        return submit(procedure, BackgroundJob.BULK_CREATE, items, item -> {
            JsonFields f = JsonFields.of(BulkItems.createBody(procedure, item));
            ProcessRules.newProcess(procedure, f, ProcessRules.givenData(procedure, f, ctx), ctx);
            f.object("record");
            return f;
        });
    }

    @Transactional
    public BackgroundJob bulkUpdate(UUID teamId, String proc, JsonNode body) {
        Procedure procedure = procedures.get(teamId, proc);
        JsonFields request = JsonFields.of(body);
        if (!request.has("processes") || !request.raw("processes").isArray()) {
            throw ApiException.badRequest("processes", "'processes' must be an array of process updates");
        }
        ArrayNode items = checkedSize((ArrayNode) request.raw("processes"), "processes");
        CoercionContext ctx = processes.context(teamId);
        return submit(procedure, BackgroundJob.BULK_UPDATE, items, item -> {
            BulkItems.UpdateItem update = BulkItems.updateItem(procedure, item, ctx);
            JsonFields f = JsonFields.of(update.body());
            if (!update.delete()) {
                ProcessRules.checkChange(procedure, f, ctx);
                f.object("record");
            }
            return f;
        });
    }

    public JobStatus status(UUID teamId, UUID jobId) {
        BackgroundJob job = find(teamId, jobId);
        return new JobStatus(job, jobs.countByStatus(job.id()));
    }

    public EntryPage entries(UUID teamId, UUID jobId, String status, int skip, int limit) {
        BackgroundJob job = find(teamId, jobId);
        return new EntryPage(jobs.entries(job.id(), status, skip, limit), jobs.countEntries(job.id(), status));
    }

    private BackgroundJob find(UUID teamId, UUID jobId) {
        return jobs.find(teamId, jobId).orElseThrow(() -> ApiException.notFound("Background job not found"));
    }

    /** Checks one item; answers its fields with the problems found (it may also throw them). */
    private interface ItemCheck {
        JsonFields check(JsonNode item);
    }

    private BackgroundJob submit(Procedure procedure, String type, ArrayNode items, ItemCheck check) {
        Map<Integer, List<String>> invalid = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            List<ErrorDetail> problems;
            try {
                problems = check.check(item).problems();
            } catch (ApiException refused) {
                problems = refused.details();
            }
            if (!problems.isEmpty()) {
                invalid.put(i, problems.stream().map(ErrorDetail::message).toList());
                if (!StorableText.isStorable(item)) {
                    items.set(i, JsonNodeFactory.instance.nullNode());
                }
            }
        }
        BackgroundJob job = jobs.insertJob(procedure.teamId(), type, procedure.id());
        jobs.insertEntries(job, items, invalid);
        slices.scheduleFor(job);
        return job;
    }

    private static ArrayNode checkedSize(ArrayNode items, String field) {
        if (items.isEmpty()) {
            throw ApiException.badRequest(field, "A bulk request needs at least one item");
        }
        if (items.size() > MAX_ITEMS) {
            throw ApiException.badRequest(
                    field, "A bulk request takes at most " + MAX_ITEMS + " items, not " + items.size());
        }
        return items;
    }
}
