package org.openchakra.user;

import java.util.UUID;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.RequiresPrivilege;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Creating and deactivating users (platform.md §11); reading and editing them is the public Users API. */
@RestController
@RequiresPrivilege(Privileges.ADMIN)
class UserAdminController {

    private final UserService users;

    public UserAdminController(UserService users) {
        this.users = users;
    }

    @PostMapping("/v1/admin/users")
    @ApiOperation(
            id = "createUser",
            summary = "Make a user",
            body = UserSchemas.NewUser.class,
            data = UserSchemas.UserV1.class)
    public ApiResponse create(Caller caller, @RequestBody JsonNode body) {
        return ApiResponse.ok(users.create(caller.teamId(), body));
    }

    @DeleteMapping("/v1/admin/users/{id}")
    @ApiOperation(
            id = "deactivateUser",
            summary = "Deactivate a user; their history stays",
            data = UserSchemas.UserV1.class)
    public ApiResponse deactivate(Caller caller, @PathVariable UUID id) {
        return ApiResponse.ok(users.deactivate(caller.teamId(), id));
    }
}
