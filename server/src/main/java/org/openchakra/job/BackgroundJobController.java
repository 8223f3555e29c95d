package org.openchakra.job;

import static org.openchakra.web.TimeValues.millis;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiException;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.RequiresPrivilege;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Bulk create and bulk update of processes, and the background jobs they make (platform.md §4, §5). */
@RestController
class BackgroundJobController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final BulkJobService bulk;

    public BackgroundJobController(BulkJobService bulk) {
        this.bulk = bulk;
    }

    @PostMapping("/v1/ext/procedure/{proc}/process/bulk-create")
    @RequiresPrivilege(Privileges.PROCESS_WRITE)
    public ApiResponse bulkCreate(Caller caller, @PathVariable String proc, @RequestBody JsonNode body) {
        return ApiResponse.ok(job(bulk.bulkCreate(caller.teamId(), proc, body)));
    }

    @PatchMapping("/v1/ext/procedure/{proc}/process")
    @RequiresPrivilege(Privileges.PROCESS_WRITE)
    public ApiResponse bulkUpdate(Caller caller, @PathVariable String proc, @RequestBody JsonNode body) {
        return ApiResponse.ok(job(bulk.bulkUpdate(caller.teamId(), proc, body)));
    }

    @GetMapping("/v1/ext/background-job/{jobId}")
    @RequiresPrivilege(Privileges.JOBS_READ)
    public ApiResponse get(Caller caller, @PathVariable UUID jobId) {
        BulkJobService.JobStatus status = bulk.status(caller.teamId(), jobId);
        return ApiResponse.ok(job(status.job()), Map.of("bjEntryCompletionStatusVsCount", status.counts()));
    }

    @GetMapping("/v1/ext/background-job/{jobId}/entries")
    @RequiresPrivilege(Privileges.JOBS_READ)
    public ApiResponse entries(
            Caller caller,
            @PathVariable UUID jobId,
            @RequestParam(required = false) String skip,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String completionStatus) {
        int from = number("skip", skip, 0, Integer.MAX_VALUE, 0);
        int size = number("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
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

    private static int number(String field, String value, int min, int max, int otherwise) {
        if (value == null || value.isEmpty()) {
            return otherwise;
        }
        try {
            long n = Long.parseLong(value.trim());
            if (n >= min && n <= max) {
                return (int) n;
            }
        } catch (NumberFormatException notNumber) {
            // refused below
        }
        throw ApiException.badRequest(field, "'" + field + "' must be a whole number from " + min + " to " + max);
    }

    static Map<String, Object> job(BackgroundJob job) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", job.id());
        m.put("createdAt", millis(job.createdAt()));
        m.put("updatedAt", millis(job.updatedAt()));
        m.put("startedAt", millis(job.startedAt()));
        m.put("completedAt", millis(job.completedAt()));
        m.put("completionStatus", job.completionStatus());
        m.put("statusMessage", job.statusMessage());
        m.put("team", job.teamId());
        m.put("type", job.type());
        m.put("procedure", job.procedureId());
        return m;
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
