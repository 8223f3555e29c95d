package org.openchakra.process;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.openchakra.procedure.Procedure;
import org.openchakra.web.ApiException;
import org.openchakra.web.ErrorDetail;
import org.openchakra.web.JsonFields;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * One claimed batch of a bulk update: the processes it names are read and locked in one query, each
 * item is applied in index order to the process as the items before it left it (as one update after
 * another would), and the final rows are written in one multi-row UPDATE. Items that need the database
 * one at a time (a customer record, a new primary-key value) go through the single update afterwards.
 */
@Component
class BulkUpdateBatch {

    private final ProcessRepository processes;
    private final ProcessService single;
    private final OneByOne oneByOne;

    BulkUpdateBatch(ProcessRepository processes, ProcessService single, OneByOne oneByOne) {
        this.processes = processes;
        this.single = single;
        this.oneByOne = oneByOne;
    }

    private record Item(int index, BulkItems.UpdateItem update) {}

    /** The processes of the batch as the items so far have left them. */
    private static final class Working {
        final Map<UUID, Process> byId = new LinkedHashMap<>();
        final Map<String, UUID> byKey = new HashMap<>();
        final Set<UUID> changed = new LinkedHashSet<>();
        final Set<UUID> deleted = new LinkedHashSet<>();

        Optional<Process> find(ProcessService.Locator locator) {
            UUID id = locator.id() != null ? locator.id() : byKey.get(locator.keyValue());
            return Optional.ofNullable(id == null ? null : byId.get(id));
        }
    }

    List<JobEntry.Outcome> run(Procedure procedure, List<JobEntry.Claimed> claimed, CoercionContext ctx) {
        Map<Integer, JobEntry.Outcome> outcomes = new TreeMap<>();
        List<Item> items = new ArrayList<>();
        for (JobEntry.Claimed entry : claimed) {
            try {
                items.add(new Item(entry.index(), BulkItems.updateItem(procedure, entry.input(), ctx)));
            } catch (ApiException refused) {
                outcomes.put(entry.index(), error(entry.index(), refused.details()));
            }
        }
        Working working = load(procedure, items);
        List<Item> oneAtATime = new ArrayList<>();
        List<Item> applied = new ArrayList<>();
        for (Item item : items) {
            if (item.update().body().has("record")
                    && !item.update().body().get("record").isNull()) {
                oneAtATime.add(item);
                continue;
            }
            Optional<JobEntry.Outcome> outcome = apply(procedure, working, item, ctx);
            if (outcome.isPresent()) {
                outcomes.put(item.index(), outcome.get());
                applied.add(item);
            } else {
                oneAtATime.add(item);
            }
        }
        if (!write(procedure, working)) {
            applied.stream()
                    .filter(i -> outcomes.get(i.index()).status().equals(JobEntry.SUCCESS))
                    .forEach(oneAtATime::add);
            oneAtATime.sort((a, b) -> Integer.compare(a.index(), b.index()));
        }
        for (Item item : oneAtATime) {
            outcomes.put(
                    item.index(),
                    oneByOne.run(
                            item.index(),
                            () -> item.update().delete()
                                    ? single.delete(procedure, item.update().locator())
                                            .id()
                                    : single.update(
                                                    procedure,
                                                    item.update().locator(),
                                                    item.update().body(),
                                                    ctx)
                                            .id()));
        }
        return List.copyOf(outcomes.values());
    }

    private Working load(Procedure procedure, List<Item> items) {
        Set<UUID> ids = new LinkedHashSet<>();
        Set<String> keys = new LinkedHashSet<>();
        for (Item item : items) {
            ProcessService.Locator locator = item.update().locator();
            if (locator.id() != null) {
                ids.add(locator.id());
            } else if (locator.keyAttribute().equals(procedure.definition().primaryKey())) {
                keys.add(locator.keyValue());
            }
        }
        Working working = new Working();
        for (Process p : processes.lockAll(procedure.teamId(), procedure.id(), ids, keys)) {
            working.byId.put(p.id(), p);
            String pk = ProcessRules.primaryKey(procedure, p.data());
            if (pk != null) {
                working.byKey.put(pk, p.id());
            }
        }
        return working;
    }

    /** Applies one item to the working rows; empty when it must go one by one (it changes the primary key). */
    private Optional<JobEntry.Outcome> apply(Procedure procedure, Working working, Item item, CoercionContext ctx) {
        int index = item.index();
        Optional<Process> found = working.find(item.update().locator());
        if (found.isEmpty()) {
            return Optional.of(JobEntry.Outcome.error(index, List.of("Process not found")));
        }
        Process current = found.get();
        String key = ProcessRules.primaryKey(procedure, current.data());
        if (item.update().delete()) {
            working.byId.remove(current.id());
            working.byKey.remove(key);
            working.changed.remove(current.id());
            working.deleted.add(current.id());
            return Optional.of(JobEntry.Outcome.success(index, current.id()));
        }
        try {
            JsonFields f = JsonFields.of(item.update().body());
            ObjectNode data = current.data().deepCopy();
            ProcessRules.applyData(procedure, data, f, ctx);
            Process changed = ProcessRules.changed(procedure, current, f, data, ctx);
            if (!Objects.equals(key, ProcessRules.primaryKey(procedure, data))) {
                return Optional.empty();
            }
            working.byId.put(changed.id(), changed);
            working.changed.add(changed.id());
            return Optional.of(JobEntry.Outcome.success(index, changed.id()));
        } catch (ApiException refused) {
            return Optional.of(error(index, refused.details()));
        }
    }

    /** The batch's rows written in two statements; false (nothing written) if the database refused them. */
    private boolean write(Procedure procedure, Working working) {
        List<Process> rows = working.changed.stream().map(working.byId::get).toList();
        List<String> keys = rows.stream()
                .map(p -> ProcessRules.primaryKey(procedure, p.data()))
                .toList();
        return oneByOne.tryBatched(() -> {
                    processes.updateAll(procedure.teamId(), rows, keys);
                    processes.softDeleteAll(procedure.teamId(), working.deleted);
                    return true;
                })
                .isPresent();
    }

    private static JobEntry.Outcome error(int index, List<ErrorDetail> details) {
        return JobEntry.Outcome.error(
                index, details.stream().map(ErrorDetail::message).toList());
    }
}
