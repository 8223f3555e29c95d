package org.openchakra.process;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openchakra.common.PhoneNumbers;
import org.openchakra.photo.PhotoLookup;
import org.openchakra.procedure.LeadProcedure;
import org.openchakra.procedure.Procedure;
import org.openchakra.procedure.ProcedureService;
import org.openchakra.procedure.ValueCoercion;
import org.openchakra.team.Team;
import org.openchakra.team.TeamService;
import org.openchakra.user.UserService;
import org.openchakra.web.ApiException;
import org.openchakra.web.JsonFields;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Processes of a procedure (platform.md §4, §9): create, update, delete, fetch, list. */
@Service
public class ProcessService {

    static final int DEFAULT_LIMIT = 10;
    static final int MAX_LIMIT = 100;

    private final ProcedureService procedures;
    private final ProcessRepository processes;
    private final CustomerRecords records;
    private final TeamService teams;
    private final UserService users;
    private final PhotoLookup photos;

    public ProcessService(
            ProcedureService procedures,
            ProcessRepository processes,
            CustomerRecords records,
            TeamService teams,
            UserService users,
            PhotoLookup photos) {
        this.procedures = procedures;
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

    public record Created(Process process, boolean merged) {}

    public record Page(List<Process> processes, boolean hasMore) {}

    @Transactional
    public Created create(UUID teamId, String proc, JsonNode body) {
        return create(procedures.get(teamId, proc), body, context(teamId));
    }

    /** One create, as the single endpoint does it; also a bulk job's path for items it cannot batch. */
    @Transactional
    public Created create(Procedure procedure, JsonNode body, CoercionContext ctx) {
        UUID teamId = procedure.teamId();
        JsonFields f = JsonFields.of(body);
        ObjectNode given = ProcessRules.givenData(procedure, f, ctx);
        Optional<String> phone = ProcessRules.leadPhone(procedure, given);
        if (phone.isPresent()) {
            Optional<Process> existing =
                    processes.findOpenByAttribute(teamId, procedure.id(), LeadProcedure.PHONE, phone.get());
            if (existing.isPresent()) {
                // Leads are unique by phone number: a second create merges into the open lead.
                ObjectNode merged = existing.get().data().deepCopy();
                merged.setAll(given);
                return new Created(change(procedure, existing.get(), f, merged, ctx), true);
            }
        }
        ProcessRules.NewProcess created = ProcessRules.newProcess(procedure, f, given, ctx);
        f.check();
        for (Procedure.Attribute a : created.autoIds()) {
            created.data().put(a.shortId(), ProcessRules.autoIdValue(a, procedures.nextAutoId(a.id())));
        }
        UUID record = record(teamId, procedure, f, created.data(), ctx).orElse(null);
        String pk = ProcessRules.primaryKey(procedure, created.data());
        if (pk != null && processes.primaryKeyTaken(teamId, procedure.id(), pk, null)) {
            throw ProcessRules.duplicateKey(procedure, pk);
        }
        try {
            return new Created(processes.insert(created.draft(procedure, record), pk), false);
        } catch (DuplicateKeyException raced) {
            throw ProcessRules.duplicateKey(procedure, pk);
        }
    }

    @Transactional
    public Process update(UUID teamId, String proc, Locator locator, JsonNode body) {
        return update(procedures.get(teamId, proc), locator, body, context(teamId));
    }

    /** One update, as the single endpoint does it; also a bulk job's path for items it cannot batch. */
    @Transactional
    public Process update(Procedure procedure, Locator locator, JsonNode body, CoercionContext ctx) {
        Process current = locate(procedure, locator, true);
        JsonFields f = JsonFields.of(body);
        ObjectNode data = current.data().deepCopy();
        ProcessRules.applyData(procedure, data, f, ctx);
        return change(procedure, current, f, data, ctx);
    }

    /** Saves {@code current} with its final {@code merged} data and the other fields of the update body. */
    private Process change(Procedure procedure, Process current, JsonFields f, ObjectNode merged, CoercionContext ctx) {
        Process changed = ProcessRules.changed(procedure, current, f, merged, ctx);
        String pk = ProcessRules.primaryKey(procedure, merged);
        if (pk != null && processes.primaryKeyTaken(current.teamId(), procedure.id(), pk, current.id())) {
            throw ProcessRules.duplicateKey(procedure, pk);
        }
        UUID record = record(current.teamId(), procedure, f, merged, ctx).orElse(current.recordId());
        try {
            return processes.update(changed.withRecord(record), pk);
        } catch (DuplicateKeyException raced) {
            throw ProcessRules.duplicateKey(procedure, pk);
        }
    }

    @Transactional
    public Process delete(UUID teamId, String proc, Locator locator) {
        return delete(procedures.get(teamId, proc), locator);
    }

    @Transactional
    public Process delete(Procedure procedure, Locator locator) {
        Process current = locate(procedure, locator, true);
        return processes.softDelete(procedure.teamId(), current.id());
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

    /** The team's live processes among {@code ids} (any procedure), by id. */
    public java.util.Map<UUID, Process> findAll(UUID teamId, java.util.Collection<UUID> ids) {
        return processes.findAll(teamId, ids);
    }

    /**
     * A list query (platform.md §4 {@code where}) checked against the procedure, for going through every
     * process it matches with a phone: the procedure's {@code primaryPhoneAttribute} (none: 400).
     */
    public record PhoneQuery(Procedure procedure, String phoneAttribute, ProcessQuery.Sql sql) {}

    /** A process's id and the text of one of its attributes. */
    public record IdAndValue(UUID id, String value) {}

    public PhoneQuery phoneQuery(UUID teamId, String proc, JsonNode where) {
        Procedure procedure = procedures.get(teamId, proc);
        String attribute = procedure.definition().primaryPhoneAttribute();
        if (attribute == null) {
            throw ApiException.badRequest(
                    "procedure", "Procedure '" + procedure.shortId() + "' has no primaryPhoneAttribute: no phones");
        }
        JsonNode condition = where == null || where.isNull() ? null : where;
        return new PhoneQuery(procedure, attribute, ProcessQuery.build(procedure, condition, null, context(teamId)));
    }

    public long count(PhoneQuery query) {
        return processes.count(query.sql());
    }

    /** A page of the query's processes made by {@code createdBefore}, with their phone, in id order after {@code afterId}. */
    public List<IdAndValue> phones(PhoneQuery query, java.time.Instant createdBefore, UUID afterId, int limit) {
        return processes.valuesMatching(query.sql(), query.phoneAttribute(), createdBefore, afterId, limit);
    }

    /** A lead updated by its phone number, or created with it ({@code upsert}), and whether it was created. */
    record LeadWrite(Process lead, boolean created) {}

    /**
     * Update Lead By Phone Number (platform.md §9): the Update Process body, addressed by the lead's phone;
     * with {@code upsert}, a lead with that phone is created when there is none, else 404.
     */
    @Transactional
    LeadWrite updateLeadByPhone(UUID teamId, String phone, boolean upsert, JsonNode body) {
        JsonFields.of(body);
        Optional<Process> lead = findLeadByPhone(teamId, phone);
        if (lead.isPresent()) {
            return new LeadWrite(
                    update(
                            teamId,
                            LeadProcedure.SHORT_ID,
                            Locator.byId(lead.get().id()),
                            body),
                    false);
        }
        if (!upsert) {
            throw ApiException.notFound("No lead with phone number " + phone);
        }
        ObjectNode create = ((ObjectNode) body).deepCopy();
        ObjectNode data = create.has("data") && create.get("data").isObject()
                ? (ObjectNode) create.get("data")
                : JsonNodeFactory.instance.objectNode();
        data.put(LeadProcedure.PHONE, phone);
        create.set("data", data);
        return new LeadWrite(create(teamId, LeadProcedure.SHORT_ID, create).process(), true);
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
                throw ApiException.badRequest(
                        "pkShortId",
                        "'" + locator.keyAttribute() + "' is not the primary key of '" + procedure.shortId() + "'");
            }
            found = processes.findByPrimaryKey(procedure.teamId(), procedure.id(), locator.keyValue(), forUpdate);
        }
        return found.orElseThrow(() -> ApiException.notFound("Process not found"));
    }

    /** The record named by the body, deduplicated by phone then email (from the record or the process). */
    private Optional<UUID> record(
            UUID teamId, Procedure procedure, JsonFields f, ObjectNode data, CoercionContext ctx) {
        if (!f.has("record") || f.isNull("record")) {
            return Optional.empty();
        }
        JsonFields record = f.object("record").map(JsonFields::of).orElse(null);
        if (record == null) {
            f.check();
            return Optional.empty();
        }
        ObjectNode recordData =
                record.object("data").map(n -> (ObjectNode) n.deepCopy()).orElse(JsonNodeFactory.instance.objectNode());
        record.check();
        String phone = firstText(recordData, "phone", "phone_number", "phoneNumber", "mobile")
                .or(() -> attributeText(procedure.definition().primaryPhoneAttribute(), data))
                .flatMap(p -> PhoneNumbers.normalize(p, ctx.defaultCountryCode()))
                .orElse(null);
        String email = firstText(recordData, "email")
                .or(() -> attributeText(procedure.definition().primaryEmailAttribute(), data))
                .map(String::toLowerCase)
                .orElse(null);
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
        return attribute == null || !data.has(attribute)
                ? Optional.empty()
                : Optional.of(data.get(attribute).asString());
    }

    /** A process named in a path by its id or by its primary-key value. */
    public Process getByIdOrPrimaryKey(UUID teamId, String proc, String idOrKey) {
        Procedure procedure = procedures.get(teamId, proc);
        Optional<Process> found;
        try {
            found = processes.find(teamId, procedure.id(), UUID.fromString(idOrKey), false);
        } catch (IllegalArgumentException notUuid) {
            found = procedure.definition().primaryKey() == null
                    ? Optional.empty()
                    : processes.findByPrimaryKey(teamId, procedure.id(), idOrKey, false);
        }
        return found.orElseThrow(() -> ApiException.notFound("Process not found"));
    }

    /** How values of this team are checked and stored (also for state-task attributes). */
    public ValueCoercion.Context coercionContext(UUID teamId) {
        return context(teamId);
    }

    /** A coercion context for one request or one batch of a bulk job: it remembers its lookups. */
    public CoercionContext context(UUID teamId) {
        return new CoercionContext(teamId, () -> team(teamId).defaultCountryCode(), users, photos);
    }

    private Team team(UUID teamId) {
        return teams.find(teamId).orElseThrow(() -> ApiException.notFound("Team not found"));
    }
}
