package org.openchakra.process;

import java.util.Map;
import java.util.UUID;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.RequiresPrivilege;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Processes of a procedure (platform.md §4), one at a time or in bulk (§5: a background job). {@code {proc}}
 * is the procedure's shortId or uuid.
 */
@RestController
class ProcessController {

    private final ProcessService processes;
    private final BulkJobService bulk;

    ProcessController(ProcessService processes, BulkJobService bulk) {
        this.processes = processes;
        this.bulk = bulk;
    }

    @PostMapping("/v1/ext/procedure/{proc}/process")
    @RequiresPrivilege(Privileges.PROCESS_WRITE)
    @ApiOperation(
            id = "createProcess",
            summary = "Create a process (a lead with an open lead's phone number is merged into it)",
            body = ProcessSchemas.NewProcess.class,
            data = ProcessSchemas.ProcessAnswer.class,
            meta = ProcessSchemas.CreatedMeta.class)
    public ApiResponse create(Caller caller, @PathVariable String proc, @RequestBody JsonNode body) {
        ProcessService.Created created = processes.create(caller.teamId(), proc, body);
        return created.merged()
                ? ApiResponse.ok(ProcessViews.process(created.process()), Map.of("merged", true))
                : ApiResponse.ok(ProcessViews.process(created.process()));
    }

    @PostMapping("/v1/ext/procedure/{proc}/process/bulk-create")
    @RequiresPrivilege(Privileges.PROCESS_WRITE)
    @ApiOperation(
            id = "bulkCreateProcesses",
            summary = "Create up to 100 000 processes in a background job",
            body = JobSchemas.BulkCreateItem[].class,
            data = JobSchemas.JobAnswer.class)
    public ApiResponse bulkCreate(Caller caller, @PathVariable String proc, @RequestBody JsonNode body) {
        return ApiResponse.ok(bulk.bulkCreate(caller.teamId(), proc, body).view());
    }

    @PatchMapping("/v1/ext/procedure/{proc}/process")
    @RequiresPrivilege(Privileges.PROCESS_WRITE)
    @ApiOperation(
            id = "bulkUpdateProcesses",
            summary = "Change or delete up to 100 000 processes in a background job",
            body = JobSchemas.BulkUpdate.class,
            data = JobSchemas.JobAnswer.class)
    public ApiResponse bulkUpdate(Caller caller, @PathVariable String proc, @RequestBody JsonNode body) {
        return ApiResponse.ok(bulk.bulkUpdate(caller.teamId(), proc, body).view());
    }

    @GetMapping("/v1/ext/procedure/{proc}/process/{processId}")
    @RequiresPrivilege(Privileges.PROCESS_READ)
    @ApiOperation(id = "getProcess", summary = "One process", data = ProcessSchemas.ProcessAnswer.class)
    public ApiResponse get(Caller caller, @PathVariable String proc, @PathVariable UUID processId) {
        return ApiResponse.ok(
                ProcessViews.process(processes.get(caller.teamId(), proc, ProcessService.Locator.byId(processId))));
    }

    @PutMapping("/v1/ext/procedure/{proc}/process/{processId}")
    @RequiresPrivilege(Privileges.PROCESS_WRITE)
    @ApiOperation(
            id = "updateProcess",
            summary = "Change a process",
            body = ProcessSchemas.ProcessChange.class,
            data = ProcessSchemas.ProcessAnswer.class)
    public ApiResponse update(
            Caller caller, @PathVariable String proc, @PathVariable UUID processId, @RequestBody JsonNode body) {
        return ApiResponse.ok(ProcessViews.process(
                processes.update(caller.teamId(), proc, ProcessService.Locator.byId(processId), body)));
    }

    @PutMapping("/v1/ext/procedure/{proc}/process/{pkShortId}/{pkValue}")
    @RequiresPrivilege(Privileges.PROCESS_WRITE)
    @ApiOperation(
            id = "updateProcessByKey",
            summary = "Change a process named by its primary-key value",
            body = ProcessSchemas.ProcessChange.class,
            data = ProcessSchemas.ProcessAnswer.class)
    public ApiResponse updateByKey(
            Caller caller,
            @PathVariable String proc,
            @PathVariable String pkShortId,
            @PathVariable String pkValue,
            @RequestBody JsonNode body) {
        return ApiResponse.ok(ProcessViews.process(
                processes.update(caller.teamId(), proc, ProcessService.Locator.byKey(pkShortId, pkValue), body)));
    }

    @DeleteMapping("/v1/ext/procedure/{proc}/process/{processId}")
    @RequiresPrivilege(Privileges.PROCESS_WRITE)
    @ApiOperation(
            id = "deleteProcess",
            summary = "Delete a process (soft: isDeleted)",
            data = ProcessSchemas.ProcessAnswer.class)
    public ApiResponse delete(Caller caller, @PathVariable String proc, @PathVariable UUID processId) {
        return ApiResponse.ok(
                ProcessViews.process(processes.delete(caller.teamId(), proc, ProcessService.Locator.byId(processId))));
    }

    @DeleteMapping("/v1/ext/procedure/{proc}/process/{pkShortId}/{pkValue}")
    @RequiresPrivilege(Privileges.PROCESS_WRITE)
    @ApiOperation(
            id = "deleteProcessByKey",
            summary = "Delete a process named by its primary-key value",
            data = ProcessSchemas.ProcessAnswer.class)
    public ApiResponse deleteByKey(
            Caller caller, @PathVariable String proc, @PathVariable String pkShortId, @PathVariable String pkValue) {
        return ApiResponse.ok(ProcessViews.process(
                processes.delete(caller.teamId(), proc, ProcessService.Locator.byKey(pkShortId, pkValue))));
    }

    @PostMapping("/v1/ext/procedure/{proc}/process/list")
    @RequiresPrivilege(Privileges.PROCESS_READ)
    @ApiOperation(
            id = "listProcesses",
            summary = "Query a procedure's processes, newest first",
            body = ProcessSchemas.ProcessQuery.class,
            data = ProcessSchemas.ProcessAnswer[].class,
            meta = ProcessSchemas.HasMore.class)
    public ApiResponse list(Caller caller, @PathVariable String proc, @RequestBody(required = false) JsonNode body) {
        ProcessService.Page page = processes.list(caller.teamId(), proc, body);
        return ApiResponse.ok(
                page.processes().stream().map(ProcessViews::process).toList(), Map.of("hasMore", page.hasMore()));
    }
}
