package org.openchakra.role;

import java.util.UUID;
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

/** Roles of the caller's team (platform.md §11). The built-in {@code admin} role cannot be changed or removed. */
@RestController
@RequiresPrivilege(Privileges.ADMIN)
class RoleAdminController {

    private final RoleService roles;

    RoleAdminController(RoleService roles) {
        this.roles = roles;
    }

    @GetMapping("/v1/admin/roles")
    @ApiOperation(id = "listRoles", summary = "The team's roles", data = Role.RoleView[].class)
    public ApiResponse list(Caller caller) {
        return ApiResponse.ok(
                roles.list(caller.teamId()).stream().map(Role::view).toList());
    }

    @PostMapping("/v1/admin/roles")
    @ApiOperation(
            id = "createRole",
            summary = "Make a role",
            body = RoleSchemas.NewRole.class,
            data = Role.RoleView.class)
    public ApiResponse create(Caller caller, @RequestBody JsonNode body) {
        return ApiResponse.ok(roles.create(caller.teamId(), body).view());
    }

    @PutMapping("/v1/admin/roles/{id}")
    @ApiOperation(
            id = "updateRole",
            summary = "Change a role (not the built-in admin role)",
            body = RoleSchemas.RoleChange.class,
            data = Role.RoleView.class)
    public ApiResponse update(Caller caller, @PathVariable UUID id, @RequestBody JsonNode body) {
        return ApiResponse.ok(roles.update(caller.teamId(), id, body).view());
    }

    @DeleteMapping("/v1/admin/roles/{id}")
    @ApiOperation(id = "deleteRole", summary = "Delete a role that no user or key has", data = Role.RoleView.class)
    public ApiResponse delete(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(roles.delete(caller.teamId(), id).view());
    }
}
