package org.openchakra.process;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.openchakra.common.PhoneNumbers;
import org.openchakra.procedure.LeadProcedure;
import org.openchakra.procedure.Procedure;
import org.openchakra.procedure.ProcedureRepository;
import org.openchakra.procedure.ProcedureService;
import org.openchakra.procedure.ValueCoercion;
import org.openchakra.team.Team;
import org.openchakra.team.TeamRepository;
import org.openchakra.user.UserRepository;
import org.openchakra.web.ApiException;
import org.openchakra.web.JsonFields;
import org.springframework.dao.DuplicateKeyException;
import org.openchakra.photo.PhotoLookup;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Processes of a procedure (platform.md §4, §9): create, update, delete, fetch, list. */
@Service
public class ProcessService {

    static final List<String> STATUSES = List.of("OPEN", "COMPLETED", "CANCELLED");
    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    private final ProcedureService procedures;
    private final ProcedureRepository procedureRepository;
    private final ProcessRepository processes;
    private final CustomerRecords records;
    private final TeamRepository teams;
    private final UserRepository users;
    private final PhotoLookup photos;

    public ProcessService(ProcedureService procedures, ProcedureRepository procedureRepository,
            ProcessRepository processes, CustomerRecords records, TeamRepository teams, UserRepository users,
            PhotoLookup photos) {
        this.procedures = procedures;
        this.procedureRepository = procedureRepository;
        this.processes = processes;
        this.records = records;
        this.teams = teams;
        this.users = users;
        this.photos = photos;
    }

    /** How a path names a process: by id, or by the procedure's primary-key attribute and its value. */
    public record Locator(UUID id, String keyAttribute, String keyValue) {
        public static Locator byId(UUID id) {
            return new Locator(id, null, null);
        }

        public static Locator byKey(String attribute, String value) {
            return new Locator(null, attribute, value);
        }
    }

    public record Created(Process process, boolean merged) {
    }

    public record Page(List<Process> processes, boolean hasMore) {
    }

    @Transactional
    public Created create(UUID teamId, String proc, JsonNode body) {
        Procedure procedure = procedures.get(teamId, proc);
        CoercionContext ctx = context(teamId);
        JsonFields f = JsonFields.of(body);
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        applyData(procedure, data, f, ctx);
        if (procedure.shortId().equals(LeadProcedure.SHORT_ID) && data.has(LeadProcedure.PHONE)) {
            Optional<Process> existing = processes.findOpenByAttribute(teamId, procedure.id(), LeadProcedure.PHONE,
                    data.get(LeadProcedure.PHONE).stringValue());
            if (existing.isPresent()) {
                // Leads are unique by phone number: a second create merges into the open lead.
                ObjectNode merged = existing.get().data().deepCopy();
                merged.setAll(data);
                return new Created(change(procedure, existing.get(), f, merged, ctx), true);
            }
        }
        for (Procedure.Attribute a : procedure.liveAttributes()) {
            if (!data.has(a.shortId()) && a.defaultValue() != null && !a.defaultValue().isNull()) {
                ValueCoercion.Result d = ValueCoercion.coerce(a, a.defaultValue(), ctx);
                if (d.isOk()) {
                    data.set(a.shortId(), d.value());
                }
            }
            if (!data.has(a.shortId()) && a.autoId() != null) {
                data.put(a.shortId(), a.autoId().prefix() + pad(procedureRepository.nextAutoId(a.id()),
                        a.autoId().padding()));
            }
            if (a.required() && !data.has(a.shortId())) {
                f.problem("data." + a.shortId(), "'" + a.shortId() + "' is required");
            }
        }
        String state = state(procedure, f).orElse(procedure.definition().startState());
        String status = f.oneOf("status", STATUSES).orElse(completedStatus(procedure, state, "OPEN"));
        UUID assignedTo = assignee(f, ctx).orElse(null);
        Instant nextActionAt = f.epochMillis("nextActionAt").map(Instant::ofEpochMilli).orElse(null);
        String entity = f.string("entity", 200).orElse(null);
        f.check();
        UUID record = record(teamId, procedure, f, data, ctx).orElse(null);
        String pk = primaryKey(procedure, data);
        if (pk != null && processes.primaryKeyTaken(teamId, procedure.id(), pk, null)) {
            throw duplicateKey(procedure, pk);
        }
        Process draft = new Process(null, teamId, procedure.id(), null, assignedTo, null, entity, record, status, state,
                data, null, nextActionAt, false, null, null);
        try {
            return new Created(processes.insert(draft, pk), false);
        } catch (DuplicateKeyException raced) {
            throw duplicateKey(procedure, pk);
        }
    }

    @Transactional
    public Process update(UUID teamId, String proc, Locator locator, JsonNode body) {
        Procedure procedure = procedures.get(teamId, proc);
        Process current = locate(procedure, locator, true);
        JsonFields f = JsonFields.of(body);
        CoercionContext ctx = context(teamId);
        ObjectNode data = current.data().deepCopy();
        applyData(procedure, data, f, ctx);
        return change(procedure, current, f, data, ctx);
    }

    /** Saves {@code current} with its final {@code merged} data and the other fields of the update body. */
    private Process change(Procedure procedure, Process current, JsonFields f, ObjectNode merged, CoercionContext ctx) {
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
        Instant nextActionAt = f.isNull("nextActionAt") ? null
                : f.epochMillis("nextActionAt").map(Instant::ofEpochMilli).orElse(current.nextActionAt());
        f.check();
        String pk = primaryKey(procedure, merged);
        if (pk != null && processes.primaryKeyTaken(current.teamId(), procedure.id(), pk, current.id())) {
            throw duplicateKey(procedure, pk);
        }
        UUID record = record(current.teamId(), procedure, f, merged, ctx).orElse(current.recordId());
        Process changed = new Process(current.id(), current.teamId(), current.procedureId(), current.createdBy(),
                assignedTo, current.belongsTo(), current.entity(), record, status, state, merged,
                current.derivedData(), nextActionAt, false, current.createdAt(), current.updatedAt());
        try {
            return processes.update(changed, pk);
        } catch (DuplicateKeyException raced) {
            throw duplicateKey(procedure, pk);
        }
    }

    @Transactional
    public Process delete(UUID teamId, String proc, Locator locator) {
        Procedure procedure = procedures.get(teamId, proc);
        Process current = locate(procedure, locator, true);
        return processes.softDelete(teamId, current.id());
    }

    public Process get(UUID teamId, String proc, Locator locator) {
        return locate(procedures.get(teamId, proc), locator, false);
    }

    public Page list(UUID teamId, String proc, JsonNode body) {
        Procedure procedure = procedures.get(teamId, proc);
        JsonNode request = body == null || body.isNull() ? JsonNodeFactory.instance.objectNode() : body;
        JsonFields f = JsonFields.of(request);
        int skip = f.integer("skip", 0, Integer.MAX_VALUE).orElse(0);
        int limit = f.integer("limit", 1, MAX_LIMIT).orElse(DEFAULT_LIMIT);
        JsonNode where = f.has("where") && !f.isNull("where") ? f.raw("where") : null;
        JsonNode sort = f.raw("sort");
        f.check();
        ProcessQuery.Sql sql = ProcessQuery.build(procedure, where, sort, context(teamId));
        List<Process> rows = processes.list(sql, skip, limit + 1);
        boolean hasMore = rows.size() > limit;
        return new Page(hasMore ? rows.subList(0, limit) : rows, hasMore);
    }

    /** The lead whose phone number is {@code phone} (platform.md §9), or empty. */
    public Optional<Process> findLeadByPhone(UUID teamId, String phone) {
        Procedure lead = procedures.get(teamId, LeadProcedure.SHORT_ID);
        Team team = team(teamId);
        return PhoneNumbers.normalize(phone, team.defaultCountryCode())
                .flatMap(p -> processes.findOpenByAttribute(teamId, lead.id(), LeadProcedure.PHONE, p));
    }

    private Process locate(Procedure procedure, Locator locator, boolean forUpdate) {
        Optional<Process> found;
        if (locator.id() != null) {
            found = processes.find(procedure.teamId(), procedure.id(), locator.id(), forUpdate);
        } else {
            if (!locator.keyAttribute().equals(procedure.definition().primaryKey())) {
                throw ApiException.badRequest("pkShortId", "'" + locator.keyAttribute()
                        + "' is not the primary key of '" + procedure.shortId() + "'");
            }
            found = processes.findByPrimaryKey(procedure.teamId(), procedure.id(), locator.keyValue(), forUpdate);
        }
        return found.orElseThrow(() -> ApiException.notFound("Process not found"));
    }

    /** Coerces each key of the body's {@code data} into {@code target}; null removes the key. */
    private void applyData(Procedure procedure, ObjectNode target, JsonFields f, ValueCoercion.Context ctx) {
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

    private Optional<String> state(Procedure procedure, JsonFields f) {
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

    private Optional<UUID> assignee(JsonFields f, ValueCoercion.Context ctx) {
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

    /** The record named by the body, deduplicated by phone then email (from the record or the process). */
    private Optional<UUID> record(UUID teamId, Procedure procedure, JsonFields f, ObjectNode data,
            CoercionContext ctx) {
        if (!f.has("record") || f.isNull("record")) {
            return Optional.empty();
        }
        JsonFields record = f.object("record").map(JsonFields::of).orElse(null);
        if (record == null) {
            f.check();
            return Optional.empty();
        }
        ObjectNode recordData = record.object("data").map(n -> (ObjectNode) n.deepCopy())
                .orElse(JsonNodeFactory.instance.objectNode());
        record.check();
        String phone = firstText(recordData, "phone", "phone_number", "phoneNumber", "mobile")
                .or(() -> attributeText(procedure.definition().primaryPhoneAttribute(), data))
                .flatMap(p -> PhoneNumbers.normalize(p, ctx.defaultCountryCode())).orElse(null);
        String email = firstText(recordData, "email").or(() -> attributeText(
                procedure.definition().primaryEmailAttribute(), data)).map(String::toLowerCase).orElse(null);
        return Optional.of(records.upsert(teamId, record.string("entity", 200).orElse(null), recordData, phone, email));
    }

    private static Optional<String> firstText(ObjectNode data, String... keys) {
        for (String key : keys) {
            JsonNode v = data.get(key);
            if (v != null && (v.isString() || v.isNumber())) {
                return Optional.of(v.asString());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> attributeText(String attribute, ObjectNode data) {
        return attribute == null || !data.has(attribute) ? Optional.empty() : Optional.of(data.get(attribute).asString());
    }

    private static String primaryKey(Procedure procedure, ObjectNode data) {
        String key = procedure.definition().primaryKey();
        return key == null || !data.has(key) ? null : data.get(key).asString();
    }

    private static ApiException duplicateKey(Procedure procedure, String pk) {
        return ApiException.conflict("data." + procedure.definition().primaryKey(), "A process of '"
                + procedure.shortId() + "' with " + procedure.definition().primaryKey() + " '" + pk
                + "' already exists");
    }

    private static String pad(long number, int padding) {
        String digits = Long.toString(number);
        return digits.length() >= padding ? digits : "0".repeat(padding - digits.length()) + digits;
    }

    /** A process named in a path by its id or by its primary-key value. */
    public Process getByIdOrPrimaryKey(UUID teamId, String proc, String idOrKey) {
        Procedure procedure = procedures.get(teamId, proc);
        Optional<Process> found;
        try {
            found = processes.find(teamId, procedure.id(), UUID.fromString(idOrKey), false);
        } catch (IllegalArgumentException notUuid) {
            found = procedure.definition().primaryKey() == null ? Optional.empty()
                    : processes.findByPrimaryKey(teamId, procedure.id(), idOrKey, false);
        }
        return found.orElseThrow(() -> ApiException.notFound("Process not found"));
    }

    /** How values of this team are checked and stored (also for state-task attributes). */
    public ValueCoercion.Context coercionContext(UUID teamId) {
        return context(teamId);
    }

    CoercionContext context(UUID teamId) {
        return new CoercionContext(teamId, () -> team(teamId).defaultCountryCode(), users, photos);
    }

    private Team team(UUID teamId) {
        return teams.find(teamId).orElseThrow(() -> ApiException.notFound("Team not found"));
    }
}
