package org.openchakra.role;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.openchakra.web.ApiException;
import org.openchakra.web.JsonFields;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/** A team's roles (platform.md §11). The built-in {@code admin} role cannot be changed or removed. */
@Service
public class RoleService {

    private static final Pattern SHORT_ID = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final RoleRepository roles;
    private final RoleChanges changes;

    public RoleService(RoleRepository roles, RoleChanges changes) {
        this.roles = roles;
        this.changes = changes;
    }

    public List<Role> list(UUID teamId) {
        return roles.list(teamId);
    }

    public Optional<Role> findByShortId(UUID teamId, String shortId) {
        return roles.findByShortId(teamId, shortId);
    }

    /** The role a caller names by its id or its shortId. */
    public Optional<Role> findByIdOrShortId(UUID teamId, String idOrShortId) {
        return roles.findByIdOrShortId(teamId, idOrShortId);
    }

    /** A new team's default roles, in the caller's transaction; answers its admin role. */
    public Role createDefaults(UUID teamId) {
        Role admin = null;
        for (Privileges.DefaultRole r : Privileges.DEFAULT_ROLES) {
            Role role = roles.insert(teamId, r.shortId(), r.name(), r.roleType(), r.privileges());
            if (role.shortId().equals(Privileges.ADMIN_ROLE)) {
                admin = role;
            }
        }
        return admin;
    }

    @Transactional
    public Role create(UUID teamId, JsonNode body) {
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
        if (roles.findByShortId(teamId, shortId).isPresent()) {
            throw ApiException.conflict("shortId", "A role with shortId '" + shortId + "' already exists");
        }
        return roles.insert(teamId, shortId, name, roleType, privileges == null ? Set.of() : privileges);
    }

    @Transactional
    public Role update(UUID teamId, UUID id, JsonNode body) {
        Role role = editable(teamId, id);
        JsonFields fields = JsonFields.of(body);
        String name = fields.string("name", 200).orElse(role.name());
        String roleType = fields.oneOf("roleType", Privileges.ROLE_TYPES).orElse(role.roleType());
        Set<String> privileges = privileges(fields);
        fields.check();
        // Keys of this role may be kept in memory by every process, with the privileges they had.
        changes.changed(teamId);
        return roles.update(
                teamId, id, name, roleType, privileges == null ? new LinkedHashSet<>(role.privileges()) : privileges);
    }

    /** Deletes the role and answers it as it was. */
    @Transactional
    public Role delete(UUID teamId, UUID id) {
        Role role = editable(teamId, id);
        if (roles.isInUse(teamId, id)) {
            throw ApiException.conflict(
                    null,
                    "Role '" + role.shortId() + "' is assigned to users or API keys"
                            + " (give the users another role, deactivated ones too, and delete the keys first)");
        }
        roles.delete(teamId, id);
        return role;
    }

    private Role editable(UUID teamId, UUID id) {
        Role role = roles.find(teamId, id).orElseThrow(() -> ApiException.notFound("Role not found"));
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
