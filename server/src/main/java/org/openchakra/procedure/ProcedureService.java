package org.openchakra.procedure;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.openchakra.cluster.ClusterNotices;
import org.openchakra.cluster.NoticeListener;
import org.openchakra.team.TeamCreated;
import org.openchakra.web.ApiException;
import org.openchakra.web.JsonFields;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;

/**
 * Procedures of a team: creation, the consistency rules of a definition, and changes part by part
 * (attributes, states, state tasks), each under the procedure's row lock.
 */
@Service
public class ProcedureService {

    private static final Set<AttributeType> KEY_TYPES = Set.of(
            AttributeType.STRING,
            AttributeType.STRING_ID,
            AttributeType.NAME,
            AttributeType.PHONE,
            AttributeType.EMAIL,
            AttributeType.INTEGER,
            AttributeType.NUMBER);

    private static final long CACHE_TTL_NANOS = 2_000_000_000L;
    private static final int CACHE_MAX = 10_000;

    /** Notices that a team's procedures changed, to every server process (cluster/). */
    private static final String CHANGES = "procedure";

    private final ProcedureRepository procedures;
    private final ApplicationEventPublisher events;
    private final ClusterNotices notices;
    private final Map<String, Cached> cache = new java.util.concurrent.ConcurrentHashMap<>();

    public ProcedureService(ProcedureRepository procedures, ApplicationEventPublisher events, ClusterNotices notices) {
        this.procedures = procedures;
        this.events = events;
        this.notices = notices;
        notices.subscribe(CHANGES, NoticeListener.of(team -> forget(UUID.fromString(team)), cache::clear));
    }

    /** Every new team starts with the lead procedure (platform.md §3), in the team's own transaction. */
    @EventListener
    public void giveNewTeamTheLeadProcedure(TeamCreated event) {
        Procedure.Definition lead = LeadProcedure.definition();
        create(event.team().id(), LeadProcedure.SHORT_ID, LeadProcedure.NAME, lead);
    }

    /**
     * The procedure, read through a cache of {@link #CACHE_TTL_NANOS}: every process call needs it, and
     * reading and decoding it each time cost more than the process query itself. Changes made here
     * show at once on this server; another server forgets its copy when the change's notice arrives
     * (milliseconds after the commit), within the TTL at worst (decisions.md).
     */
    public Procedure get(UUID teamId, String shortIdOrId) {
        String key = teamId + "/" + shortIdOrId;
        Cached cached = cache.get(key);
        long now = System.nanoTime();
        if (cached != null && now - cached.loadedAt() < CACHE_TTL_NANOS) {
            return cached.procedure();
        }
        Procedure procedure = procedures
                .find(teamId, shortIdOrId)
                .orElseThrow(() -> ApiException.notFound("Procedure '" + shortIdOrId + "' not found"));
        if (cache.size() > CACHE_MAX) {
            cache.clear();
        }
        cache.put(key, new Cached(procedure, now));
        return procedure;
    }

    private record Cached(Procedure procedure, long loadedAt) {}

    public List<Procedure> list(UUID teamId) {
        return procedures.list(teamId);
    }

    /** The next number of an autoId attribute: lock-free, so concurrent creates never queue on it. */
    public long nextAutoId(UUID attributeId) {
        return procedures.nextAutoId(attributeId);
    }

    /** {@code n} numbers of the attribute's autoId sequence, ascending (one round trip for a bulk batch). */
    public List<Long> nextAutoIds(UUID attributeId, int n) {
        return procedures.nextAutoIds(attributeId, n);
    }

    @Transactional
    public Procedure create(UUID teamId, JsonNode body) {
        JsonFields f = JsonFields.of(body);
        String shortId = ProcedureSpecs.shortId(f, "shortId");
        String name = f.string("name", 200).orElse(shortId);
        List<Procedure.Attribute> attributes = ProcedureSpecs.list(f, "attributes", ProcedureSpecs::attribute);
        List<Procedure.State> states = ProcedureSpecs.list(f, "states", ProcedureSpecs::state);
        if (states.isEmpty() && !f.has("states")) {
            f.problem("states", "'states' must list at least one state");
        }
        List<Procedure.StateTask> stateTasks = ProcedureSpecs.list(f, "stateTasks", ProcedureSpecs::stateTask);
        String start = f.string("startState", 63)
                .orElse(states.isEmpty() ? null : states.get(0).shortId());
        Procedure.Definition definition = new Procedure.Definition(
                attributes,
                states,
                start,
                f.string("completedState", 63).orElse(null),
                f.string("primaryIdentifier", 63).orElse(null),
                f.string("primaryKey", 63).orElse(null),
                f.string("primaryPhoneAttribute", 63).orElse(null),
                f.string("primaryEmailAttribute", 63).orElse(null),
                stateTasks);
        f.check();
        if (procedures.find(teamId, shortId).isPresent()) {
            throw ApiException.conflict("shortId", "A procedure with shortId '" + shortId + "' already exists");
        }
        return create(teamId, shortId, name, definition);
    }

    private Procedure create(UUID teamId, String shortId, String name, Procedure.Definition definition) {
        validate(definition);
        Procedure created = procedures.insert(teamId, shortId, name, definition);
        createSequences(definition.attributes());
        return created;
    }

    /** Name and the primary attributes; shortId, startState and completedState are fixed at creation. */
    @Transactional
    public Procedure update(UUID teamId, String shortId, JsonNode body) {
        JsonFields f = JsonFields.of(body);
        return mutate(
                teamId,
                shortId,
                f,
                p -> {
                    Procedure.Definition d = p.definition();
                    return new Procedure.Definition(
                            d.attributes(),
                            d.states(),
                            d.startState(),
                            d.completedState(),
                            text(f, "primaryIdentifier", d.primaryIdentifier()),
                            text(f, "primaryKey", d.primaryKey()),
                            text(f, "primaryPhoneAttribute", d.primaryPhoneAttribute()),
                            text(f, "primaryEmailAttribute", d.primaryEmailAttribute()),
                            d.stateTasks());
                },
                f.string("name", 200).orElse(null));
    }

    @Transactional
    public Procedure addAttribute(UUID teamId, String shortId, JsonNode body) {
        JsonFields f = JsonFields.of(body);
        Procedure.Attribute attribute = ProcedureSpecs.attribute(f);
        Procedure changed = mutate(
                teamId,
                shortId,
                f,
                p -> {
                    if (p.definition().attributes().stream()
                            .anyMatch(a -> a.shortId().equals(attribute.shortId()))) {
                        throw ApiException.conflict(
                                "shortId",
                                "Attribute '" + attribute.shortId() + "' already exists"
                                        + " (a removed attribute's shortId stays taken, so old values keep their meaning)");
                    }
                    List<Procedure.Attribute> attributes =
                            new ArrayList<>(p.definition().attributes());
                    attributes.add(attribute);
                    return p.definition().withAttributes(attributes);
                },
                null);
        createSequences(List.of(attribute));
        return changed;
    }

    /** Name, required, options and default; the type is fixed, since stored values were checked against it. */
    @Transactional
    public Procedure updateAttribute(UUID teamId, String shortId, String attributeShortId, JsonNode body) {
        JsonFields f = JsonFields.of(body);
        return mutate(
                teamId,
                shortId,
                f,
                p -> {
                    liveAttribute(p, attributeShortId);
                    return p.definition()
                            .withAttributes(p.definition().attributes().stream()
                                    .map(a -> !a.shortId().equals(attributeShortId) || a.removed()
                                            ? a
                                            : new Procedure.Attribute(
                                                    a.id(),
                                                    a.shortId(),
                                                    f.string("name", 200).orElse(a.name()),
                                                    a.type(),
                                                    f.bool("required").orElse(a.required()),
                                                    f.has("options") ? ProcedureSpecs.options(f) : a.options(),
                                                    a.autoId(),
                                                    f.has("defaultValue") ? f.raw("defaultValue") : a.defaultValue(),
                                                    f.has("schema") ? ProcedureSpecs.schema(f) : a.schema(),
                                                    false))
                                    .toList());
                },
                null);
    }

    /** Removal hides the attribute from the schema; values already stored stay in the processes' data. */
    @Transactional
    public Procedure removeAttribute(UUID teamId, String shortId, String attributeShortId) {
        return mutate(
                teamId,
                shortId,
                null,
                p -> {
                    liveAttribute(p, attributeShortId);
                    Procedure.Definition d = p.definition();
                    if (attributeShortId.equals(d.primaryKey())
                            || attributeShortId.equals(d.primaryIdentifier())
                            || attributeShortId.equals(d.primaryPhoneAttribute())
                            || attributeShortId.equals(d.primaryEmailAttribute())) {
                        throw ApiException.conflict(
                                null,
                                "Attribute '" + attributeShortId
                                        + "' is one of the procedure's primary attributes; change those first");
                    }
                    return d.withAttributes(d.attributes().stream()
                            .map(a -> !a.shortId().equals(attributeShortId)
                                    ? a
                                    : new Procedure.Attribute(
                                            a.id(),
                                            a.shortId(),
                                            a.name(),
                                            a.type(),
                                            false,
                                            a.options(),
                                            a.autoId(),
                                            a.defaultValue(),
                                            a.schema(),
                                            true))
                            .toList());
                },
                null);
    }

    @Transactional
    public Procedure addState(UUID teamId, String shortId, JsonNode body) {
        JsonFields f = JsonFields.of(body);
        Procedure.State state = ProcedureSpecs.state(f);
        return mutate(
                teamId,
                shortId,
                f,
                p -> {
                    if (p.state(state.shortId()).isPresent()) {
                        throw ApiException.conflict("shortId", "State '" + state.shortId() + "' already exists");
                    }
                    List<Procedure.State> states =
                            new ArrayList<>(p.definition().states());
                    states.add(state);
                    return p.definition().withStates(states);
                },
                null);
    }

    @Transactional
    public Procedure updateState(UUID teamId, String shortId, String stateShortId, JsonNode body) {
        JsonFields f = JsonFields.of(body);
        return mutate(
                teamId,
                shortId,
                f,
                p -> {
                    Procedure.Definition d = p.definition();
                    if (p.state(stateShortId).isEmpty()) {
                        throw ApiException.notFound("State '" + stateShortId + "' not found");
                    }
                    return d.withStates(d.states().stream()
                            .map(s -> !s.shortId().equals(stateShortId)
                                    ? s
                                    : new Procedure.State(
                                            s.id(),
                                            s.shortId(),
                                            f.string("name", 200).orElse(s.name())))
                            .toList());
                },
                null);
    }

    @Transactional
    public Procedure addStateTask(UUID teamId, String shortId, JsonNode body) {
        JsonFields f = JsonFields.of(body);
        Procedure.StateTask task = ProcedureSpecs.stateTask(f);
        return mutate(
                teamId,
                shortId,
                f,
                p -> {
                    if (p.stateTask(task.shortId()).isPresent()) {
                        throw ApiException.conflict("shortId", "State task '" + task.shortId() + "' already exists");
                    }
                    List<Procedure.StateTask> tasks =
                            new ArrayList<>(p.definition().stateTasks());
                    tasks.add(task);
                    return p.definition().withStateTasks(tasks);
                },
                null);
    }

    @Transactional
    public Procedure updateStateTask(UUID teamId, String shortId, String taskShortId, JsonNode body) {
        JsonFields f = JsonFields.of(body);
        List<Procedure.Attribute> added = ProcedureSpecs.list(f, "attributes", ProcedureSpecs::attribute);
        return mutate(
                teamId,
                shortId,
                f,
                p -> {
                    Procedure.StateTask current = p.stateTask(taskShortId)
                            .orElseThrow(() -> ApiException.notFound("State task '" + taskShortId + "' not found"));
                    List<Procedure.Attribute> attributes = new ArrayList<>(current.attributes());
                    for (Procedure.Attribute a : added) {
                        attributes.removeIf(existing -> existing.shortId().equals(a.shortId()));
                        attributes.add(a);
                    }
                    Procedure.StateTask changed = new Procedure.StateTask(
                            current.id(),
                            current.shortId(),
                            f.string("name", 200).orElse(current.name()),
                            attributes);
                    return p.definition()
                            .withStateTasks(p.definition().stateTasks().stream()
                                    .map(t -> t.shortId().equals(taskShortId) ? changed : t)
                                    .toList());
                },
                null);
    }

    /** Read-modify-write of a procedure under its row lock; {@code f}'s problems are thrown before saving. */
    private Procedure mutate(
            UUID teamId,
            String shortId,
            JsonFields f,
            Function<Procedure, Procedure.Definition> change,
            String newName) {
        forget(teamId);
        Procedure current = procedures
                .findForUpdate(teamId, shortId)
                .orElseThrow(() -> ApiException.notFound("Procedure '" + shortId + "' not found"));
        Procedure.Definition changed = change.apply(current);
        if (f != null) {
            f.check();
        }
        validate(changed);
        Procedure saved = procedures.update(teamId, current.id(), newName == null ? current.name() : newName, changed);
        notices.publish(CHANGES, teamId.toString());
        // Again once committed: a reader between our write and the commit may have cached the old version.
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    forget(teamId);
                }
            });
        }
        return saved;
    }

    private void forget(UUID teamId) {
        String prefix = teamId + "/";
        cache.keySet().removeIf(k -> k.startsWith(prefix));
    }

    private static Procedure.Attribute liveAttribute(Procedure p, String attributeShortId) {
        return p.attribute(attributeShortId)
                .orElseThrow(() -> ApiException.notFound("Attribute '" + attributeShortId + "' not found"));
    }

    /** The rules a definition keeps after every change; a breach is the caller's 400. */
    static void validate(Procedure.Definition d) {
        List<String> problems = new ArrayList<>();
        unique(d.attributes().stream().map(Procedure.Attribute::shortId).toList(), "attribute", problems);
        unique(d.states().stream().map(Procedure.State::shortId).toList(), "state", problems);
        unique(d.stateTasks().stream().map(Procedure.StateTask::shortId).toList(), "state task", problems);
        Set<String> states =
                new HashSet<>(d.states().stream().map(Procedure.State::shortId).toList());
        if (d.startState() == null || !states.contains(d.startState())) {
            problems.add("startState: '" + d.startState() + "' is not one of the states " + states);
        }
        if (d.completedState() != null && !states.contains(d.completedState())) {
            problems.add("completedState: '" + d.completedState() + "' is not one of the states " + states);
        }
        Map<String, Procedure.Attribute> live = new java.util.HashMap<>();
        d.attributes().stream().filter(a -> !a.removed()).forEach(a -> live.put(a.shortId(), a));
        checkPrimary("primaryIdentifier", d.primaryIdentifier(), live, null, problems);
        checkPrimary("primaryKey", d.primaryKey(), live, KEY_TYPES, problems);
        checkPrimary("primaryPhoneAttribute", d.primaryPhoneAttribute(), live, Set.of(AttributeType.PHONE), problems);
        checkPrimary("primaryEmailAttribute", d.primaryEmailAttribute(), live, Set.of(AttributeType.EMAIL), problems);
        if (!problems.isEmpty()) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    problems.stream()
                            .map(p -> org.openchakra.web.ErrorDetail.invalid(p.substring(0, p.indexOf(':')), p))
                            .toList());
        }
    }

    private static void checkPrimary(
            String field,
            String value,
            Map<String, Procedure.Attribute> live,
            Set<AttributeType> allowed,
            List<String> problems) {
        if (value == null) {
            return;
        }
        Procedure.Attribute a = live.get(value);
        if (a == null) {
            problems.add(field + ": '" + value + "' is not an attribute of the procedure");
        } else if (allowed != null
                && !allowed.contains(AttributeType.of(a.type()).orElseThrow())) {
            problems.add(field + ": attribute '" + value + "' is of type " + a.type() + ", which cannot serve here");
        }
    }

    private static void unique(List<String> shortIds, String what, List<String> problems) {
        Set<String> seen = new HashSet<>();
        for (String id : shortIds) {
            if (id != null && !seen.add(id)) {
                problems.add("shortId: the " + what + " '" + id + "' appears twice");
            }
        }
    }

    private void createSequences(List<Procedure.Attribute> attributes) {
        attributes.stream().filter(a -> a.autoId() != null).forEach(a -> procedures.createAutoIdSequence(a.id()));
        events.publishEvent(new AttributesAdded(attributes));
    }

    private static String text(JsonFields f, String field, String current) {
        return f.isNull(field) ? null : f.string(field, 63).orElse(current);
    }
}
