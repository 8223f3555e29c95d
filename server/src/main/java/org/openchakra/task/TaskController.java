package org.openchakra.task;

import org.openchakra.role.Privileges;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.RequiresPrivilege;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Tasks of a process, which the path names by id or by primary-key value (platform.md §6). */
@RestController
class TaskController {

    private final TaskService tasks;

    public TaskController(TaskService tasks) {
        this.tasks = tasks;
    }

    @PostMapping("/v1/ext/p/{proc}/{processRef}/task/{stateTask}")
    @RequiresPrivilege(Privileges.PROCESS_WRITE)
    @ApiOperation(
            id = "createTask",
            summary = "Create (or log, when COMPLETED) a state task of a process",
            body = TaskSchemas.NewTask.class,
            data = TaskSchemas.TaskAnswer.class)
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

    @GetMapping("/v1/ext/p/{proc}/{processRef}/task")
    @RequiresPrivilege(Privileges.PROCESS_READ)
    @ApiOperation(id = "listTasks", summary = "A process's tasks, newest first", data = TaskSchemas.TaskAnswer[].class)
    public ApiResponse list(Caller caller, @PathVariable String proc, @PathVariable String processRef) {
        return ApiResponse.ok(tasks.list(caller.teamId(), proc, processRef));
    }
}
