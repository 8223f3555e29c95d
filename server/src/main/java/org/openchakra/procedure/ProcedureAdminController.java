package org.openchakra.procedure;

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

/** Procedures and their attributes, states and state tasks (platform.md §3, §11). */
@RestController
@RequestMapping("/v1/admin/procedures")
@RequiresPrivilege(Privileges.ADMIN)
class ProcedureAdminController {

    private final ProcedureService procedures;

    public ProcedureAdminController(ProcedureService procedures) {
        this.procedures = procedures;
    }

    @GetMapping
    public ApiResponse list(Caller caller) {
        return ApiResponse.ok(ProcedureViews.procedures(procedures.list(caller.teamId())));
    }

    @PostMapping
    public ApiResponse create(Caller caller, @RequestBody JsonNode body) {
        return ok(procedures.create(caller.teamId(), body));
    }

    @GetMapping("/{shortId}")
    public ApiResponse get(Caller caller, @PathVariable String shortId) {
        return ok(procedures.get(caller.teamId(), shortId));
    }

    @PutMapping("/{shortId}")
    public ApiResponse update(Caller caller, @PathVariable String shortId, @RequestBody JsonNode body) {
        return ok(procedures.update(caller.teamId(), shortId, body));
    }

    @PostMapping("/{shortId}/attributes")
    public ApiResponse addAttribute(Caller caller, @PathVariable String shortId, @RequestBody JsonNode body) {
        return ok(procedures.addAttribute(caller.teamId(), shortId, body));
    }

    @PutMapping("/{shortId}/attributes/{attribute}")
    public ApiResponse updateAttribute(
            Caller caller, @PathVariable String shortId, @PathVariable String attribute, @RequestBody JsonNode body) {
        return ok(procedures.updateAttribute(caller.teamId(), shortId, attribute, body));
    }

    @DeleteMapping("/{shortId}/attributes/{attribute}")
    public ApiResponse removeAttribute(Caller caller, @PathVariable String shortId, @PathVariable String attribute) {
        return ok(procedures.removeAttribute(caller.teamId(), shortId, attribute));
    }

    @PostMapping("/{shortId}/states")
    public ApiResponse addState(Caller caller, @PathVariable String shortId, @RequestBody JsonNode body) {
        return ok(procedures.addState(caller.teamId(), shortId, body));
    }

    @PutMapping("/{shortId}/states/{state}")
    public ApiResponse updateState(
            Caller caller, @PathVariable String shortId, @PathVariable String state, @RequestBody JsonNode body) {
        return ok(procedures.updateState(caller.teamId(), shortId, state, body));
    }

    @PostMapping("/{shortId}/state-tasks")
    public ApiResponse addStateTask(Caller caller, @PathVariable String shortId, @RequestBody JsonNode body) {
        return ok(procedures.addStateTask(caller.teamId(), shortId, body));
    }

    @PutMapping("/{shortId}/state-tasks/{stateTask}")
    public ApiResponse updateStateTask(
            Caller caller, @PathVariable String shortId, @PathVariable String stateTask, @RequestBody JsonNode body) {
        return ok(procedures.updateStateTask(caller.teamId(), shortId, stateTask, body));
    }

    private static ApiResponse ok(Procedure procedure) {
        return ApiResponse.ok(ProcedureViews.procedure(procedure));
    }
}
