package org.openchakra.process;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.openchakra.procedure.LeadProcedure;
import org.openchakra.procedure.Procedure;
import org.openchakra.procedure.ValueCoercion;
import org.openchakra.web.ApiException;
import org.openchakra.web.JsonFields;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The rules of platform.md §4 that turn a create or update body into a process, with no database of
 * their own: one create, one update and every item of a bulk job go through the same code. Problems are
 * collected in the body's {@link JsonFields}; the lookups they need (users, photos, country code) come
 * from the coercion context, which remembers its answers.
 */
final class ProcessRules {

    public static final List<String> STATUSES = List.of("OPEN", "COMPLETED", "CANCELLED");

    /** A process to be inserted; the attributes in {@code autoIds} still need their generated value. */
    public record NewProcess(
            ObjectNode data,
            List<Procedure.Attribute> autoIds,
            String state,
            String status,
            UUID assignedTo,
            Instant nextActionAt,
            String entity) {

        public Process draft(Procedure procedure, UUID recordId) {
            return new Process(
                    null,
                    procedure.teamId(),
                    procedure.id(),
                    null,
                    assignedTo,
                    null,
                    entity,
                    recordId,
                    status,
                    state,
                    data,
                    null,
                    nextActionAt,
                    false,
                    null,
                    null);
        }
    }

    private ProcessRules() {}

    /** The body's {@code data}, coerced, and nothing else (a lead merge looks at it before defaults apply). */
    public static ObjectNode givenData(Procedure procedure, JsonFields f, ValueCoercion.Context ctx) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        applyData(procedure, data, f, ctx);
        return data;
    }

    /** Coerces each key of the body's {@code data} into {@code target}; null removes the key. */
    public static void applyData(Procedure procedure, ObjectNode target, JsonFields f, ValueCoercion.Context ctx) {
        if (!f.has("data") || f.isNull("data")) {
            return;
        }
        JsonNode data = f.raw("data");
        if (!data.isObject()) {
            f.problem("data", "'data' must be an object of attribute values");
            return;
        }
        for (Map.Entry<String, JsonNode> e : data.properties()) {
            String key = e.getKey();
            Optional<Procedure.Attribute> attribute = procedure.attribute(key);
            if (attribute.isEmpty()) {
                f.problem("data." + key, "Unknown attribute '" + key + "' of '" + procedure.shortId() + "'");
            } else if (e.getValue().isNull()) {
                target.remove(key);
            } else {
                ValueCoercion.Result result = ValueCoercion.coerce(attribute.get(), e.getValue(), ctx);
                if (result.isOk()) {
                    target.set(key, result.value());
                } else {
                    f.problem("data." + key, result.error());
                }
            }
        }
    }

    /**
     * A new process from a create body whose data is {@code given}: defaults filled in, required attributes
     * checked (an autoId attribute counts as present: it is generated), state, status and the other root
     * fields read. Does not throw: the caller checks {@code f}.
     */
    public static NewProcess newProcess(
            Procedure procedure, JsonFields f, ObjectNode given, ValueCoercion.Context ctx) {
        ObjectNode data = given.deepCopy();
        List<Procedure.Attribute> autoIds = new ArrayList<>();
        for (Procedure.Attribute a : procedure.liveAttributes()) {
            if (!data.has(a.shortId())
                    && a.defaultValue() != null
                    && !a.defaultValue().isNull()) {
                ValueCoercion.Result d = ValueCoercion.coerce(a, a.defaultValue(), ctx);
                if (d.isOk()) {
                    data.set(a.shortId(), d.value());
                }
            }
            if (!data.has(a.shortId()) && a.autoId() != null) {
                autoIds.add(a);
            } else if (a.required() && !data.has(a.shortId())) {
                f.problem("data." + a.shortId(), "'" + a.shortId() + "' is required");
            }
        }
        String state = state(procedure, f).orElse(procedure.definition().startState());
        String status = f.oneOf("status", STATUSES).orElse(completedStatus(procedure, state, "OPEN"));
        UUID assignedTo = assignee(f, ctx).orElse(null);
        Instant nextActionAt =
                f.epochMillis("nextActionAt").map(Instant::ofEpochMilli).orElse(null);
        String entity = f.string("entity", 200).orElse(null);
        return new NewProcess(data, autoIds, state, status, assignedTo, nextActionAt, entity);
    }

    /** The value an autoId attribute gets from its sequence's {@code number}: {@code LEAD-000042}. */
    public static String autoIdValue(Procedure.Attribute attribute, long number) {
        String digits = Long.toString(number);
        int padding = attribute.autoId().padding();
        return attribute.autoId().prefix()
                + (digits.length() >= padding ? digits : "0".repeat(padding - digits.length()) + digits);
    }

    /**
     * {@code current} changed by an update body, its data already {@code merged}: required attributes
     * checked, state, status, assignee and next action time applied. Throws the 400 when the body is bad;
     * the customer record is left as it was (the caller links a new one).
     */
    public static Process changed(
            Procedure procedure, Process current, JsonFields f, ObjectNode merged, ValueCoercion.Context ctx) {
        for (Procedure.Attribute a : procedure.liveAttributes()) {
            if (a.required() && !merged.has(a.shortId())) {
                f.problem("data." + a.shortId(), "'" + a.shortId() + "' is required and cannot be cleared");
            }
        }
        Optional<String> newState = state(procedure, f);
        String state = newState.orElse(current.state());
        String status = f.oneOf("status", STATUSES)
                .orElse(newState.isPresent() ? completedStatus(procedure, state, current.status()) : current.status());
        UUID assignedTo = f.isNull("assignedTo") ? null : assignee(f, ctx).orElse(current.assignedTo());
        Instant nextActionAt = f.isNull("nextActionAt")
                ? null
                : f.epochMillis("nextActionAt").map(Instant::ofEpochMilli).orElse(current.nextActionAt());
        f.check();
        return new Process(
                current.id(),
                current.teamId(),
                current.procedureId(),
                current.createdBy(),
                assignedTo,
                current.belongsTo(),
                current.entity(),
                current.recordId(),
                status,
                state,
                merged,
                current.derivedData(),
                nextActionAt,
                false,
                current.createdAt(),
                current.updatedAt());
    }

    /**
     * What can be told of an update body before its process is read: data values, state, status, assignee
     * and time. Does not throw: the caller checks {@code f}.
     */
    public static void checkChange(Procedure procedure, JsonFields f, ValueCoercion.Context ctx) {
        givenData(procedure, f, ctx);
        state(procedure, f);
        f.oneOf("status", STATUSES);
        assignee(f, ctx);
        f.epochMillis("nextActionAt");
    }

    /** The phone number a create for the lead procedure carries (leads are unique by phone, §9), if any. */
    public static Optional<String> leadPhone(Procedure procedure, ObjectNode given) {
        return procedure.shortId().equals(LeadProcedure.SHORT_ID) && given.has(LeadProcedure.PHONE)
                ? Optional.of(given.get(LeadProcedure.PHONE).stringValue())
                : Optional.empty();
    }

    /** The primary-key value in {@code data}, as stored in {@code process.pk_value}, or null. */
    public static String primaryKey(Procedure procedure, ObjectNode data) {
        String key = procedure.definition().primaryKey();
        return key == null || !data.has(key) ? null : data.get(key).asString();
    }

    public static ApiException duplicateKey(Procedure procedure, String pk) {
        return ApiException.conflict(
                "data." + procedure.definition().primaryKey(),
                "A process of '"
                        + procedure.shortId() + "' with "
                        + procedure.definition().primaryKey() + " '" + pk
                        + "' already exists");
    }

    private static Optional<String> state(Procedure procedure, JsonFields f) {
        Optional<String> state = f.string("state", 63);
        if (state.isPresent() && procedure.state(state.get()).isEmpty()) {
            f.problem("state", "Unknown state '" + state.get() + "' of '" + procedure.shortId() + "'");
            return Optional.empty();
        }
        return state;
    }

    private static String completedStatus(Procedure procedure, String state, String otherwise) {
        return state.equals(procedure.definition().completedState()) ? "COMPLETED" : otherwise;
    }

    private static Optional<UUID> assignee(JsonFields f, ValueCoercion.Context ctx) {
        Optional<String> ref = f.string("assignedTo", 254);
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        Optional<UUID> id = ctx.userId(ref.get());
        if (id.isEmpty()) {
            f.problem("assignedTo", "Unknown user '" + ref.get() + "'");
        }
        return id;
    }
}
