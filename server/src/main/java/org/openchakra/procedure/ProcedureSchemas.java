package org.openchakra.procedure;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Procedures, attributes, states and state tasks (platform.md §3) as the OpenAPI document shows them
 * ({@code ApiOperation}): {@link ProcedureSpecs} and {@link ProcedureService} read the bodies,
 * {@link ProcedureViews} writes the answers.
 */
public final class ProcedureSchemas {

    private ProcedureSchemas() {}

    @Schema(name = "Procedure")
    public record ProcedureAnswer(
            UUID id,
            String shortId,
            String name,
            UUID team,

            @Schema(description = "The live attributes (removed ones are hidden).")
            List<AttributeAnswer> attributes,

            List<StateAnswer> states,
            String startState,
            @Nullable String completedState,
            @Nullable String primaryIdentifier,
            @Nullable String primaryKey,
            @Nullable String primaryPhoneAttribute,
            @Nullable String primaryEmailAttribute,
            List<StateTaskAnswer> stateTasks,
            long createdAt,
            long updatedAt) {}

    @Schema(name = "Attribute")
    public record AttributeAnswer(
            UUID id,

            @Schema(description = "The key of its values in a process's data.")
            String shortId,

            String name,

            @Schema(description = "One of platform.md §3's types (the config's attributeTypes).")
            String type,

            boolean required,

            @Schema(description = "The allowed values of an enum attribute.") @Nullable
            List<Object> options,

            @Nullable AutoIdAnswer autoId,

            @Schema(description = "Any JSON value, or null.")
            Object defaultValue,

            @Schema(description = "The JSON Schema (2020-12) of a json or externalObject attribute.") @Nullable
            Map<String, Object> schema,

            UUID procedure) {}

    @Schema(name = "AutoId")
    public record AutoIdAnswer(String prefix, int padding) {}

    @Schema(name = "State")
    public record StateAnswer(UUID id, String shortId, String name, UUID procedure) {}

    @Schema(name = "StateTask")
    public record StateTaskAnswer(
            UUID id, String shortId, String name, List<AttributeAnswer> attributes, UUID procedure) {}

    record NewProcedure(
            @Schema(
                    requiredMode = RequiredMode.REQUIRED,
                    description = "Starts with a letter; letters, digits and _; fixed at creation.",
                    example = "ticket")
            String shortId,

            @Schema(description = "Default the shortId.") String name,
            List<NewAttribute> attributes,

            @Schema(requiredMode = RequiredMode.REQUIRED, description = "At least one.")
            List<NewState> states,

            @Schema(description = "Default the first state; fixed at creation.")
            String startState,

            @Schema(description = "Fixed at creation.") String completedState,
            String primaryIdentifier,
            String primaryKey,
            String primaryPhoneAttribute,
            String primaryEmailAttribute,
            List<NewStateTask> stateTasks) {}

    @Schema(description = "Name and the primary attributes; the rest is changed through the sub-resources.")
    record ProcedureChange(
            String name,
            String primaryIdentifier,
            String primaryKey,
            String primaryPhoneAttribute,
            String primaryEmailAttribute) {}

    record NewAttribute(
            @Schema(requiredMode = RequiredMode.REQUIRED, example = "score")
            String shortId,

            String name,

            @Schema(requiredMode = RequiredMode.REQUIRED, example = "integer")
            String type,

            Boolean required,

            @Schema(description = "Strings or whole numbers; required for enum types.")
            List<Object> options,

            @Schema(description = "stringId attributes only: values made when absent, such as LEAD-000042.")
            NewAutoId autoId,

            Object defaultValue,
            Map<String, Object> schema) {}

    record NewAutoId(String prefix, Integer padding) {}

    @Schema(description = "The type is fixed: stored values were checked against it.")
    record AttributeChange(
            String name, Boolean required, List<Object> options, Object defaultValue, Map<String, Object> schema) {}

    record NewState(
            @Schema(requiredMode = RequiredMode.REQUIRED) String shortId, String name) {}

    record StateChange(String name) {}

    record NewStateTask(
            @Schema(requiredMode = RequiredMode.REQUIRED) String shortId, String name, List<NewAttribute> attributes) {}

    @Schema(description = "attributes given are added, or replace those of the same shortId.")
    record StateTaskChange(String name, List<NewAttribute> attributes) {}
}
