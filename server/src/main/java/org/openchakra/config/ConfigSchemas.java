package org.openchakra.config;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchakra.procedure.ProcedureSchemas;
import org.openchakra.role.Role;
import org.openchakra.team.Team;

/** {@code GET /v1/ext/config} (platform.md §8) as the OpenAPI document shows it; {@link ConfigController} writes it. */
final class ConfigSchemas {

    private ConfigSchemas() {}

    private static final String EMPTY = "Always empty: OpenChakra has none of these.";

    @Schema(description = "The team's data model in one object; every item has an id (and a shortId where it has one).")
    record Config(
            Team.View team,
            @Schema(description = EMPTY) List<Map<String, Object>> entities,
            List<ProcedureSchemas.ProcedureAnswer> procedures,
            List<AttributeType> attributeTypes,

            @Schema(description = "The live attributes of every procedure.")
            List<ProcedureSchemas.AttributeAnswer> attributes,

            @Schema(description = EMPTY) List<Map<String, Object>> derivedAttributes,
            @Schema(description = EMPTY) List<Map<String, Object>> attributeGroups,
            List<Role.RoleView> roles,
            @Schema(description = EMPTY) List<Map<String, Object>> pods,
            @Schema(description = EMPTY) List<Map<String, Object>> taskTypes,
            @Schema(description = EMPTY) List<Map<String, Object>> forms,
            @Schema(description = EMPTY) List<Map<String, Object>> formFields,
            @Schema(description = EMPTY) List<Map<String, Object>> formActionButtons,
            List<ProcedureSchemas.StateTaskAnswer> stateTasks,

            @Schema(description = "Every procedure's states (an addition to the contract's keys).")
            List<ProcedureSchemas.StateAnswer> states,

            @Schema(description = EMPTY) List<Map<String, Object>> userProfiles,
            @Schema(description = EMPTY) List<Map<String, Object>> attributeConfig,
            @Schema(description = EMPTY) List<Map<String, Object>> skillTypes) {}

    record AttributeType(UUID id, String shortId, String name) {}
}
