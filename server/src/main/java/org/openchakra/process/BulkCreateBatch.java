package org.openchakra.process;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.openchakra.procedure.LeadProcedure;
import org.openchakra.procedure.Procedure;
import org.openchakra.procedure.ProcedureService;
import org.openchakra.web.ApiException;
import org.openchakra.web.ErrorDetail;
import org.openchakra.web.JsonFields;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * One claimed batch of a bulk create: each item checked as the single create checks it, then all the
 * plain inserts in one multi-row statement. Items that need the database one at a time (a customer
 * record to link, a lead whose phone number already has an open lead, or one an earlier item of the
 * batch made) go through the single create, in a savepoint each, after the batched insert.
 */
@Component
class BulkCreateBatch {

    private final ProcessRepository processes;
    private final ProcedureService procedures;
    private final ProcessService single;
    private final OneByOne oneByOne;

    BulkCreateBatch(
            ProcessRepository processes, ProcedureService procedures, ProcessService single, OneByOne oneByOne) {
        this.processes = processes;
        this.procedures = procedures;
        this.single = single;
        this.oneByOne = oneByOne;
    }

    /** An item read and checked: its body, and the process to insert (null for one done one by one). */
    private record Item(int index, ObjectNode body, ProcessRules.NewProcess created) {}

    List<JobEntry.Outcome> run(Procedure procedure, List<JobEntry.Claimed> claimed, CoercionContext ctx) {
        Map<Integer, JobEntry.Outcome> outcomes = new TreeMap<>();
        List<Item> batched = new ArrayList<>();
        List<Item> oneAtATime = new ArrayList<>();
        Map<Integer, String> phones = new LinkedHashMap<>();
        Map<Integer, ObjectNode> given = new HashMap<>();
        Map<Integer, JsonFields> fields = new HashMap<>();
        List<Item> read = new ArrayList<>();
        for (JobEntry.Claimed entry : claimed) {
            try {
                ObjectNode body = BulkItems.createBody(procedure, entry.input());
                JsonFields f = JsonFields.of(body);
                ObjectNode data = ProcessRules.givenData(procedure, f, ctx);
                ProcessRules.leadPhone(procedure, data).ifPresent(p -> phones.put(entry.index(), p));
                given.put(entry.index(), data);
                fields.put(entry.index(), f);
                read.add(new Item(entry.index(), body, null));
            } catch (ApiException refused) {
                outcomes.put(entry.index(), error(entry.index(), refused));
            }
        }
        Set<String> merging = new HashSet<>(
                processes.openValuesOf(procedure.teamId(), procedure.id(), LeadProcedure.PHONE, phones.values()));
        for (Item item : read) {
            String phone = phones.get(item.index());
            boolean merges = phone != null && !merging.add(phone);
            boolean hasRecord =
                    item.body().has("record") && !item.body().get("record").isNull();
            if (merges || hasRecord) {
                oneAtATime.add(item);
                continue;
            }
            JsonFields f = fields.get(item.index());
            ProcessRules.NewProcess created = ProcessRules.newProcess(procedure, f, given.get(item.index()), ctx);
            if (!f.problems().isEmpty()) {
                outcomes.put(item.index(), JobEntry.Outcome.error(item.index(), messages(f.problems())));
            } else {
                batched.add(new Item(item.index(), item.body(), created));
            }
        }
        fillAutoIds(batched);
        insert(procedure, batched, outcomes, oneAtATime);
        for (Item item : oneAtATime) {
            outcomes.put(
                    item.index(),
                    oneByOne.run(
                            item.index(),
                            () -> single.create(procedure, item.body(), ctx)
                                    .process()
                                    .id()));
        }
        return List.copyOf(outcomes.values());
    }

    /** Numbers from each autoId sequence for the items that lack a value, in index order as one by one would. */
    private void fillAutoIds(List<Item> batched) {
        Map<Procedure.Attribute, List<Item>> lacking = new LinkedHashMap<>();
        for (Item item : batched) {
            item.created()
                    .autoIds()
                    .forEach(a ->
                            lacking.computeIfAbsent(a, k -> new ArrayList<>()).add(item));
        }
        lacking.forEach((attribute, items) -> {
            Iterator<Long> numbers =
                    procedures.nextAutoIds(attribute.id(), items.size()).iterator();
            items.forEach(item -> item.created()
                    .data()
                    .put(attribute.shortId(), ProcessRules.autoIdValue(attribute, numbers.next())));
        });
    }

    /**
     * The multi-row insert. A primary-key value taken by an earlier item of the batch or by a live process
     * is that item's 409 message; if the statement fails as a whole, every item goes one by one.
     */
    private void insert(
            Procedure procedure, List<Item> batched, Map<Integer, JobEntry.Outcome> outcomes, List<Item> oneAtATime) {
        List<Item> rows = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (Item item : batched) {
            String pk = ProcessRules.primaryKey(procedure, item.created().data());
            if (pk != null && !keys.add(pk)) {
                outcomes.put(item.index(), error(item.index(), ProcessRules.duplicateKey(procedure, pk)));
            } else {
                rows.add(item);
            }
        }
        if (rows.isEmpty()) {
            return;
        }
        List<UUID> ids = processes.newIds(rows.size());
        List<Process> drafts = new ArrayList<>();
        List<String> pks = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Process draft = rows.get(i).created().draft(procedure, null).withId(ids.get(i));
            drafts.add(draft);
            pks.add(ProcessRules.primaryKey(procedure, draft.data()));
        }
        Optional<Set<UUID>> inserted = oneByOne.tryBatched(() -> processes.insertAll(drafts, pks));
        if (inserted.isEmpty()) {
            oneAtATime.addAll(rows);
            oneAtATime.sort((a, b) -> Integer.compare(a.index(), b.index()));
            return;
        }
        for (int i = 0; i < rows.size(); i++) {
            int index = rows.get(i).index();
            outcomes.put(
                    index,
                    inserted.get().contains(ids.get(i))
                            ? JobEntry.Outcome.success(index, ids.get(i))
                            : error(index, ProcessRules.duplicateKey(procedure, pks.get(i))));
        }
    }

    private static JobEntry.Outcome error(int index, ApiException refused) {
        return JobEntry.Outcome.error(index, messages(refused.details()));
    }

    private static List<String> messages(List<ErrorDetail> details) {
        return details.stream().map(ErrorDetail::message).toList();
    }
}
