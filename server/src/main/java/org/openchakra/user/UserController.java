package org.openchakra.user;

import java.util.UUID;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.RequiresPrivilege;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The Users API, v1 and v2 (platform.md §2). */
@RestController
class UserController {

    private final UserService users;

    public UserController(UserService users) {
        this.users = users;
    }

    @GetMapping("/v1/ext/users")
    @RequiresPrivilege(Privileges.USERS_READ)
    @ApiOperation(id = "listUsers", summary = "The team's users (v1)", data = UserSchemas.UserV1[].class)
    public ApiResponse listV1(Caller caller) {
        return ApiResponse.ok(users.list(caller.teamId(), false));
    }

    @GetMapping("/v2/ext/users")
    @RequiresPrivilege(Privileges.USERS_READ)
    @ApiOperation(id = "listUsersV2", summary = "The team's users (v2, humanized)", data = UserSchemas.UserV2[].class)
    public ApiResponse listV2(Caller caller) {
        return ApiResponse.ok(users.list(caller.teamId(), true));
    }

    @GetMapping("/v1/ext/user/{userId}")
    @RequiresPrivilege(Privileges.USERS_READ)
    @ApiOperation(
            id = "getUser",
            summary = "One user with emails, phones and reportees (v1)",
            data = UserSchemas.UserV1.class)
    public ApiResponse getV1(Caller caller, @PathVariable UUID userId) {
        return ApiResponse.ok(users.get(caller.teamId(), userId, false));
    }

    @GetMapping("/v2/ext/user/{userId}")
    @RequiresPrivilege(Privileges.USERS_READ)
    @ApiOperation(id = "getUserV2", summary = "One user (v2, humanized)", data = UserSchemas.UserV2.class)
    public ApiResponse getV2(Caller caller, @PathVariable UUID userId) {
        return ApiResponse.ok(users.get(caller.teamId(), userId, true));
    }

    /** ChakraHQ's page labels this GET; PUT is the decision, with PATCH and POST as aliases. */
    @RequestMapping(
            path = "/v1/ext/user/{userId}",
            method = {RequestMethod.PUT, RequestMethod.PATCH, RequestMethod.POST})
    @RequiresPrivilege(Privileges.USERS_WRITE)
    @ApiOperation(
            method = RequestMethod.PUT,
            id = "updateUser",
            summary = "Change a user",
            body = UserSchemas.UserChange.class,
            data = UserSchemas.UserV1.class)
    @ApiOperation(
            method = RequestMethod.PATCH,
            id = "patchUser",
            summary = "Change a user (an alias of PUT)",
            body = UserSchemas.UserChange.class,
            data = UserSchemas.UserV1.class)
    @ApiOperation(
            method = RequestMethod.POST,
            id = "postUser",
            summary = "Change a user (an alias of PUT)",
            body = UserSchemas.UserChange.class,
            data = UserSchemas.UserV1.class)
    public ApiResponse update(Caller caller, @PathVariable UUID userId, @RequestBody JsonNode body) {
        return ApiResponse.ok(users.update(caller.teamId(), userId, body));
    }
}
