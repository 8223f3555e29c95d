package org.openchakra.procedure;

import org.openchakra.role.Privileges;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.RequiresPrivilege;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Procedures and their attributes, states and state tasks (platform.md §3, §11). */
@RestController
@RequiresPrivilege(Privileges.ADMIN)
class ProcedureAdminController {

    private final ProcedureService procedures;

    public ProcedureAdminController(ProcedureService procedures) {
        this.procedures = procedures;
    }

    @GetMapping("/v1/admin/procedures")
    @ApiOperation(
            id = "listProcedures",
            summary = "The team's procedures",
            data = ProcedureSchemas.ProcedureAnswer[].class)
    public ApiResponse list(Caller caller) {
        return ApiResponse.ok(ProcedureViews.procedures(procedures.list(caller.teamId())));
    }

    @PostMapping("/v1/admin/procedures")
    @ApiOperation(
            id = "createProcedure",
            summary = "Make a procedure",
            body = ProcedureSchemas.NewProcedure.class,
            data = ProcedureSchemas.ProcedureAnswer.class)
    public ApiResponse create(Caller caller, @RequestBody JsonNode body) {
        return ok(procedures.create(caller.teamId(), body));
    }

    @GetMapping("/v1/admin/procedures/{shortId}")
    @ApiOperation(
            id = "getProcedure",
            summary = "One procedure by shortId",
            data = ProcedureSchemas.ProcedureAnswer.class)
    public ApiResponse get(Caller caller, @PathVariable String shortId) {
        return ok(procedures.get(caller.teamId(), shortId));
    }

    @PutMapping("/v1/admin/procedures/{shortId}")
    @ApiOperation(
            id = "updateProcedure",
            summary = "Change a procedure's name and primary attributes",
            body = ProcedureSchemas.ProcedureChange.class,
            data = ProcedureSchemas.ProcedureAnswer.class)
    public ApiResponse update(Caller caller, @PathVariable String shortId, @RequestBody JsonNode body) {
        return ok(procedures.update(caller.teamId(), shortId, body));
    }

    @PostMapping("/v1/admin/procedures/{shortId}/attributes")
    @ApiOperation(
            id = "addAttribute",
            summary = "Add an attribute to a procedure",
            body = ProcedureSchemas.NewAttribute.class,
            data = ProcedureSchemas.ProcedureAnswer.class)
    public ApiResponse addAttribute(Caller caller, @PathVariable String shortId, @RequestBody JsonNode body) {
        return ok(procedures.addAttribute(caller.teamId(), shortId, body));
    }

    @PutMapping("/v1/admin/procedures/{shortId}/attributes/{attribute}")
    @ApiOperation(
            id = "updateAttribute",
            summary = "Change an attribute (not its type)",
            body = ProcedureSchemas.AttributeChange.class,
            data = ProcedureSchemas.ProcedureAnswer.class)
    public ApiResponse updateAttribute(
            Caller caller, @PathVariable String shortId, @PathVariable String attribute, @RequestBody JsonNode body) {
        return ok(procedures.updateAttribute(caller.teamId(), shortId, attribute, body));
    }

    @DeleteMapping("/v1/admin/procedures/{shortId}/attributes/{attribute}")
    @ApiOperation(
            id = "removeAttribute",
            summary = "Remove an attribute; stored values stay readable",
            data = ProcedureSchemas.ProcedureAnswer.class)
    public ApiResponse removeAttribute(Caller caller, @PathVariable String shortId, @PathVariable String attribute) {
        return ok(procedures.removeAttribute(caller.teamId(), shortId, attribute));
    }

    @PostMapping("/v1/admin/procedures/{shortId}/states")
    @ApiOperation(
            id = "addState",
            summary = "Add a state",
            body = ProcedureSchemas.NewState.class,
            data = ProcedureSchemas.ProcedureAnswer.class)
    public ApiResponse addState(Caller caller, @PathVariable String shortId, @RequestBody JsonNode body) {
        return ok(procedures.addState(caller.teamId(), shortId, body));
    }

    @PutMapping("/v1/admin/procedures/{shortId}/states/{state}")
    @ApiOperation(
            id = "updateState",
            summary = "Rename a state",
            body = ProcedureSchemas.StateChange.class,
            data = ProcedureSchemas.ProcedureAnswer.class)
    public ApiResponse updateState(
            Caller caller, @PathVariable String shortId, @PathVariable String state, @RequestBody JsonNode body) {
        return ok(procedures.updateState(caller.teamId(), shortId, state, body));
    }

    @PostMapping("/v1/admin/procedures/{shortId}/state-tasks")
    @ApiOperation(
            id = "addStateTask",
            summary = "Add a state task",
            body = ProcedureSchemas.NewStateTask.class,
            data = ProcedureSchemas.ProcedureAnswer.class)
    public ApiResponse addStateTask(Caller caller, @PathVariable String shortId, @RequestBody JsonNode body) {
        return ok(procedures.addStateTask(caller.teamId(), shortId, body));
    }

    @PutMapping("/v1/admin/procedures/{shortId}/state-tasks/{stateTask}")
    @ApiOperation(
            id = "updateStateTask",
            summary = "Change a state task",
            body = ProcedureSchemas.StateTaskChange.class,
            data = ProcedureSchemas.ProcedureAnswer.class)
    public ApiResponse updateStateTask(
            Caller caller, @PathVariable String shortId, @PathVariable String stateTask, @RequestBody JsonNode body) {
        return ok(procedures.updateStateTask(caller.teamId(), shortId, stateTask, body));
    }

    private static ApiResponse ok(Procedure procedure) {
        return ApiResponse.ok(ProcedureViews.procedure(procedure));
    }
}
