package org.openchakra.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchakra.role.Privileges;
import org.openchakra.role.Role;
import org.openchakra.role.RoleRepository;
import org.openchakra.team.TeamRepository;
import org.openchakra.web.ApiException;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.RequiresPrivilege;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/ext/config}: the team's data model in one object (platform.md §8). Every key is
 * always present; the CRM parts (procedures, attributes, states, state tasks) are filled by the CRM.
 */
@RestController
public class ConfigController {

    /** The attribute types of platform.md §3, each with a stable id so clients can resolve it like any item. */
    static final List<String> ATTRIBUTE_TYPES = List.of("string", "text", "name", "integer", "number", "float",
            "decimal", "boolean", "email", "phone", "url", "date", "datetime", "time", "datetimeISO8601", "stringEnum",
            "integerEnum", "multiStringEnum", "multiIntegerEnum", "photo", "multiPhotos", "user", "json",
            "externalObject", "stringId");

    private final TeamRepository teams;
    private final RoleRepository roles;

    public ConfigController(TeamRepository teams, RoleRepository roles) {
        this.teams = teams;
        this.roles = roles;
    }

    @GetMapping("/v1/ext/config")
    @RequiresPrivilege(Privileges.CONFIG_READ)
    public ApiResponse config(Caller caller) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("team", teams.find(caller.teamId()).orElseThrow(() -> ApiException.notFound("Team not found")).view());
        config.put("entities", List.of());
        config.put("procedures", List.of());
        config.put("attributeTypes", ATTRIBUTE_TYPES.stream().map(ConfigController::attributeType).toList());
        config.put("attributes", List.of());
        config.put("derivedAttributes", List.of());
        config.put("attributeGroups", List.of());
        config.put("roles", roles.list(caller.teamId()).stream().map(Role::view).toList());
        config.put("pods", List.of());
        config.put("taskTypes", List.of());
        config.put("forms", List.of());
        config.put("formFields", List.of());
        config.put("formActionButtons", List.of());
        config.put("stateTasks", List.of());
        config.put("userProfiles", List.of());
        config.put("attributeConfig", List.of());
        config.put("skillTypes", List.of());
        return ApiResponse.ok(config);
    }

    private static Map<String, Object> attributeType(String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", UUID.nameUUIDFromBytes(("openchakra:attributeType:" + type).getBytes()));
        m.put("shortId", type);
        m.put("name", type);
        return m;
    }
}
