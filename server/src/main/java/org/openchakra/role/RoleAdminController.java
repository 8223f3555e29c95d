package org.openchakra.role;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.openchakra.web.ApiException;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.JsonFields;
import org.openchakra.web.RequiresPrivilege;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Roles of the caller's team (platform.md §11). The built-in {@code admin} role cannot be changed or removed. */
@RestController
@RequestMapping("/v1/admin/roles")
@RequiresPrivilege(Privileges.ADMIN)
class RoleAdminController {

    private static final Pattern SHORT_ID = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final RoleRepository roles;

    public RoleAdminController(RoleRepository roles) {
        this.roles = roles;
    }

    @GetMapping
    public ApiResponse list(Caller caller) {
        return ApiResponse.ok(
                roles.list(caller.teamId()).stream().map(Role::view).toList());
    }

    @PostMapping
    @Transactional
    public ApiResponse create(Caller caller, @RequestBody JsonNode body) {
        JsonFields fields = JsonFields.of(body);
        String shortId = fields.requiredString("shortId", 63);
        if (shortId != null && !SHORT_ID.matcher(shortId).matches()) {
            fields.problem("shortId", "'shortId' must be lower-case letters, digits and _ , starting with a letter");
        }
        String name = fields.requiredString("name", 200);
        String roleType = fields.oneOf("roleType", Privileges.ROLE_TYPES).orElse(null);
        if (roleType == null && !fields.has("roleType")) {
            fields.problem("roleType", "'roleType' is required");
        }
        Set<String> privileges = privileges(fields);
        fields.check();
        if (roles.findByShortId(caller.teamId(), shortId).isPresent()) {
            throw ApiException.conflict("shortId", "A role with shortId '" + shortId + "' already exists");
        }
        return ApiResponse.ok(
                roles.insert(caller.teamId(), shortId, name, roleType, privileges == null ? Set.of() : privileges)
                        .view());
    }

    @PutMapping("/{id}")
    @Transactional
    public ApiResponse update(Caller caller, @PathVariable UUID id, @RequestBody JsonNode body) {
        Role role = editable(caller, id);
        JsonFields fields = JsonFields.of(body);
        String name = fields.string("name", 200).orElse(role.name());
        String roleType = fields.oneOf("roleType", Privileges.ROLE_TYPES).orElse(role.roleType());
        Set<String> privileges = privileges(fields);
        fields.check();
        return ApiResponse.ok(roles.update(
                        caller.teamId(),
                        id,
                        name,
                        roleType,
                        privileges == null ? new LinkedHashSet<>(role.privileges()) : privileges)
                .view());
    }

    @DeleteMapping("/{id}")
    @Transactional
    public ApiResponse delete(Caller caller, @PathVariable UUID id) {
        Role role = editable(caller, id);
        if (roles.isInUse(caller.teamId(), id)) {
            throw ApiException.conflict(
                    null,
                    "Role '" + role.shortId() + "' is assigned to users or API keys"
                            + " (give the users another role, deactivated ones too, and delete the keys first)");
        }
        roles.delete(caller.teamId(), id);
        return ApiResponse.ok(role.view());
    }

    private Role editable(Caller caller, UUID id) {
        Role role = roles.find(caller.teamId(), id).orElseThrow(() -> ApiException.notFound("Role not found"));
        if (role.shortId().equals(Privileges.ADMIN_ROLE)) {
            throw ApiException.conflict(null, "The built-in admin role cannot be changed or deleted");
        }
        return role;
    }

    private static Set<String> privileges(JsonFields fields) {
        List<String> given =
                fields.strings("privileges", Privileges.ALL.size() * 2, 64).orElse(null);
        if (given == null) {
            return null;
        }
        List<String> unknown =
                given.stream().filter(p -> !Privileges.ALL.contains(p)).toList();
        if (!unknown.isEmpty()) {
            fields.problem("privileges", "Unknown privileges " + unknown + "; known: " + Privileges.ALL);
        }
        return new LinkedHashSet<>(given);
    }
}
