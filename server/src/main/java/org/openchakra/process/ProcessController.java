package org.openchakra.process;

import java.util.Map;
import java.util.UUID;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.RequiresPrivilege;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Processes of a procedure (platform.md §4). {@code {proc}} is the procedure's shortId or uuid. */
@RestController
@RequestMapping("/v1/ext/procedure/{proc}/process")
class ProcessController {

    private final ProcessService processes;

    public ProcessController(ProcessService processes) {
        this.processes = processes;
    }

    @PostMapping
    @RequiresPrivilege(Privileges.PROCESS_WRITE)
    public ApiResponse create(Caller caller, @PathVariable String proc, @RequestBody JsonNode body) {
        ProcessService.Created created = processes.create(caller.teamId(), proc, body);
        return created.merged()
                ? ApiResponse.ok(ProcessViews.process(created.process()), Map.of("merged", true))
                : ApiResponse.ok(ProcessViews.process(created.process()));
    }

    @GetMapping("/{processId}")
    @RequiresPrivilege(Privileges.PROCESS_READ)
    public ApiResponse get(Caller caller, @PathVariable String proc, @PathVariable UUID processId) {
        return ApiResponse.ok(
                ProcessViews.process(processes.get(caller.teamId(), proc, ProcessService.Locator.byId(processId))));
    }

    @PutMapping("/{processId}")
    @RequiresPrivilege(Privileges.PROCESS_WRITE)
    public ApiResponse update(
            Caller caller, @PathVariable String proc, @PathVariable UUID processId, @RequestBody JsonNode body) {
        return ApiResponse.ok(ProcessViews.process(
                processes.update(caller.teamId(), proc, ProcessService.Locator.byId(processId), body)));
    }

    @PutMapping("/{pkShortId}/{pkValue}")
    @RequiresPrivilege(Privileges.PROCESS_WRITE)
    public ApiResponse updateByKey(
            Caller caller,
            @PathVariable String proc,
            @PathVariable String pkShortId,
            @PathVariable String pkValue,
            @RequestBody JsonNode body) {
        return ApiResponse.ok(ProcessViews.process(
                processes.update(caller.teamId(), proc, ProcessService.Locator.byKey(pkShortId, pkValue), body)));
    }

    @DeleteMapping("/{processId}")
    @RequiresPrivilege(Privileges.PROCESS_WRITE)
    public ApiResponse delete(Caller caller, @PathVariable String proc, @PathVariable UUID processId) {
        return ApiResponse.ok(
                ProcessViews.process(processes.delete(caller.teamId(), proc, ProcessService.Locator.byId(processId))));
    }

    @DeleteMapping("/{pkShortId}/{pkValue}")
    @RequiresPrivilege(Privileges.PROCESS_WRITE)
    public ApiResponse deleteByKey(
            Caller caller, @PathVariable String proc, @PathVariable String pkShortId, @PathVariable String pkValue) {
        return ApiResponse.ok(ProcessViews.process(
                processes.delete(caller.teamId(), proc, ProcessService.Locator.byKey(pkShortId, pkValue))));
    }

    @PostMapping("/list")
    @RequiresPrivilege(Privileges.PROCESS_READ)
    public ApiResponse list(Caller caller, @PathVariable String proc, @RequestBody(required = false) JsonNode body) {
        ProcessService.Page page = processes.list(caller.teamId(), proc, body);
        return ApiResponse.ok(
                page.processes().stream().map(ProcessViews::process).toList(), Map.of("hasMore", page.hasMore()));
    }
}
