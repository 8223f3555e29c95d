package org.openchakra.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchakra.procedure.AttributeType;
import org.openchakra.procedure.Procedure;
import org.openchakra.procedure.ProcedureService;
import org.openchakra.procedure.ProcedureViews;
import org.openchakra.role.Privileges;
import org.openchakra.role.Role;
import org.openchakra.role.RoleService;
import org.openchakra.team.TeamService;
import org.openchakra.web.ApiException;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.RequiresPrivilege;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/ext/config}: the team's data model in one object (platform.md §8). Every key is
 * always present; decision: {@code states} is added beside the contract's keys, so state uuids resolve too.
 */
@RestController
class ConfigController {

    /** The attribute types of platform.md §3, each with a stable id so clients can resolve it like any item. */
    static final List<String> ATTRIBUTE_TYPES = AttributeType.wireNames();

    private final TeamService teams;
    private final RoleService roles;
    private final ProcedureService procedures;

    public ConfigController(TeamService teams, RoleService roles, ProcedureService procedures) {
        this.teams = teams;
        this.roles = roles;
        this.procedures = procedures;
    }

    @GetMapping("/v1/ext/config")
    @RequiresPrivilege(Privileges.CONFIG_READ)
    @ApiOperation(id = "getConfig", summary = "The team's data model in one object", data = ConfigSchemas.Config.class)
    public ApiResponse config(Caller caller) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(
                "team",
                teams.find(caller.teamId())
                        .orElseThrow(() -> ApiException.notFound("Team not found"))
                        .view());
        config.put("entities", List.of());
        List<Procedure> all = procedures.list(caller.teamId());
        config.put("procedures", all.stream().map(ProcedureViews::procedure).toList());
        config.put(
                "attributeTypes",
                ATTRIBUTE_TYPES.stream().map(ConfigController::attributeType).toList());
        config.put(
                "attributes",
                all.stream()
                        .flatMap(p -> p.liveAttributes().stream().map(a -> ProcedureViews.attribute(p, a)))
                        .toList());
        config.put("derivedAttributes", List.of());
        config.put("attributeGroups", List.of());
        config.put("roles", roles.list(caller.teamId()).stream().map(Role::view).toList());
        config.put("pods", List.of());
        config.put("taskTypes", List.of());
        config.put("forms", List.of());
        config.put("formFields", List.of());
        config.put("formActionButtons", List.of());
        config.put(
                "stateTasks",
                all.stream()
                        .flatMap(p -> p.definition().stateTasks().stream().map(t -> ProcedureViews.stateTask(p, t)))
                        .toList());
        config.put(
                "states",
                all.stream()
                        .flatMap(p -> p.definition().states().stream().map(s -> ProcedureViews.state(p, s)))
                        .toList());
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
