package org.openchakra.process;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiException;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.QueryParams;
import org.openchakra.web.RequiresPrivilege;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The background jobs that bulk creates and updates of processes make (platform.md §5); the bulk
 * endpoints themselves are {@link ProcessController}'s.
 */
@RestController
class BackgroundJobController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final BulkJobService bulk;

    public BackgroundJobController(BulkJobService bulk) {
        this.bulk = bulk;
    }

    @GetMapping("/v1/ext/background-job/{jobId}")
    @RequiresPrivilege(Privileges.JOBS_READ)
    @ApiOperation(
            id = "getBackgroundJob",
            summary = "A background job and how many of its entries are in each status",
            data = JobSchemas.JobAnswer.class,
            meta = JobSchemas.JobCounts.class)
    public ApiResponse get(Caller caller, @PathVariable UUID jobId) {
        BulkJobService.JobStatus status = bulk.status(caller.teamId(), jobId);
        return ApiResponse.ok(status.job().view(), Map.of("bjEntryCompletionStatusVsCount", status.counts()));
    }

    @GetMapping("/v1/ext/background-job/{jobId}/entries")
    @RequiresPrivilege(Privileges.JOBS_READ)
    @ApiOperation(
            id = "listBackgroundJobEntries",
            summary = "A background job's entries in request order",
            data = JobSchemas.EntryAnswer[].class,
            meta = JobSchemas.EntryPage.class)
    public ApiResponse entries(
            Caller caller,
            @PathVariable UUID jobId,
            @RequestParam(required = false) String skip,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String completionStatus) {
        int from = QueryParams.integer("skip", skip, 0, Integer.MAX_VALUE, 0);
        int size = QueryParams.integer("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
        String status = completionStatus == null || completionStatus.isEmpty()
                ? null
                : JobEntry.STATUSES.stream()
                        .filter(s -> s.equalsIgnoreCase(completionStatus))
                        .findFirst()
                        .orElseThrow(() -> ApiException.badRequest(
                                "completionStatus",
                                "'completionStatus' must be one of " + String.join(", ", JobEntry.STATUSES)));
        BulkJobService.EntryPage page = bulk.entries(caller.teamId(), jobId, status, from, size);
        String next = null;
        if ((long) from + page.entries().size() < page.total()) {
            next = "/v1/ext/background-job/" + jobId + "/entries?skip="
                    + (from + page.entries().size()) + "&limit=" + size
                    + (status == null ? "" : "&completionStatus=" + status);
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("total", page.total());
        meta.put("next", next);
        return ApiResponse.ok(
                page.entries().stream().map(BackgroundJobController::entry).toList(), meta);
    }

    private static Map<String, Object> entry(JobEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", e.id());
        m.put("index", e.index());
        m.put("completionStatus", e.completionStatus());
        m.put("input", e.input());
        m.put("processId", e.processId());
        m.put("errors", e.errors());
        return m;
    }
}
