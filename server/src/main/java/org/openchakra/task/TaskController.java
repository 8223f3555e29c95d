package org.openchakra.task;

import org.openchakra.role.Privileges;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.RequiresPrivilege;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Tasks of a process, which the path names by id or by primary-key value (platform.md §6). */
@RestController
@RequestMapping("/v1/ext/p/{proc}/{processRef}/task")
class TaskController {

    private final TaskService tasks;

    public TaskController(TaskService tasks) {
        this.tasks = tasks;
    }

    @PostMapping("/{stateTask}")
    @RequiresPrivilege(Privileges.PROCESS_WRITE)
    public ApiResponse create(
            Caller caller,
            @PathVariable String proc,
            @PathVariable String processRef,
            @PathVariable String stateTask,
            @RequestBody(required = false) JsonNode body) {
        JsonNode request = body == null || body.isNull()
                ? tools.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                : body;
        return ApiResponse.ok(tasks.create(caller.teamId(), proc, processRef, stateTask, request));
    }

    @GetMapping
    @RequiresPrivilege(Privileges.PROCESS_READ)
    public ApiResponse list(Caller caller, @PathVariable String proc, @PathVariable String processRef) {
        return ApiResponse.ok(tasks.list(caller.teamId(), proc, processRef));
    }
}
