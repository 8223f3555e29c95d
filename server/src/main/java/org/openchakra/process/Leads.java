package org.openchakra.process;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.openchakra.procedure.LeadProcedure;
import org.openchakra.procedure.Procedure;
import org.openchakra.procedure.ProcedureService;
import org.openchakra.web.JsonFields;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Leads by phone number for many numbers at once (a campaign's recipients, campaigns.md §1): each number's
 * open lead, made in the {@code lead} procedure when there is none (platform.md §9: leads are unique by
 * phone). The numbers are locked the way an inbound message locks its number before making a lead, so the two
 * never make a second lead for one number.
 */
@Component
public class Leads {

    private final ProcedureService procedures;
    private final ProcessRepository processes;
    private final ProcessService single;
    private final JdbcClient jdbc;

    Leads(ProcedureService procedures, ProcessRepository processes, ProcessService single, JdbcClient jdbc) {
        this.procedures = procedures;
        this.processes = processes;
        this.single = single;
        this.jdbc = jdbc;
    }

    /** The transaction-scoped lock that makes one lead per number (also taken by the inbound path). */
    public static String lockKey(UUID teamId, String digits) {
        return "lead:" + teamId + ":" + digits;
    }

    /**
     * The open lead of each number (digits with country code), made when missing, in the caller's transaction.
     * A number the team's lead procedure refuses (a required attribute it cannot have) is left out.
     */
    public Map<String, UUID> forPhones(UUID teamId, Collection<String> digits) {
        if (digits.isEmpty()) {
            return Map.of();
        }
        Set<String> sorted = new TreeSet<>(digits);
        // In one order, so that two batches sharing numbers cannot deadlock on their locks.
        jdbc.sql("SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0))) FROM (SELECT unnest(CAST(:keys AS"
                        + " text[])) AS k ORDER BY 1) AS keys")
                .param("keys", sorted.stream().map(d -> lockKey(teamId, d)).toArray(String[]::new))
                .query(Long.class)
                .single();
        Procedure lead = procedures.get(teamId, LeadProcedure.SHORT_ID);
        Map<String, UUID> found =
                new HashMap<>(processes.openIdsByValue(teamId, lead.id(), LeadProcedure.PHONE, sorted));
        List<String> missing =
                sorted.stream().filter(d -> !found.containsKey(d)).toList();
        if (!missing.isEmpty()) {
            found.putAll(create(lead, missing, single.context(teamId)));
        }
        return found;
    }

    private Map<String, UUID> create(Procedure lead, List<String> phones, CoercionContext ctx) {
        List<String> made = new ArrayList<>();
        List<ProcessRules.NewProcess> drafts = new ArrayList<>();
        for (String phone : phones) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.putObject("data").put(LeadProcedure.PHONE, "+" + phone);
            JsonFields f = JsonFields.of(body);
            ProcessRules.NewProcess created =
                    ProcessRules.newProcess(lead, f, ProcessRules.givenData(lead, f, ctx), ctx);
            if (f.problems().isEmpty()) {
                made.add(phone);
                drafts.add(created);
            }
        }
        Map<Procedure.Attribute, List<ProcessRules.NewProcess>> lacking = new HashMap<>();
        drafts.forEach(d -> d.autoIds()
                .forEach(a -> lacking.computeIfAbsent(a, k -> new ArrayList<>()).add(d)));
        lacking.forEach((attribute, items) -> {
            Iterator<Long> numbers =
                    procedures.nextAutoIds(attribute.id(), items.size()).iterator();
            items.forEach(d -> d.data().put(attribute.shortId(), ProcessRules.autoIdValue(attribute, numbers.next())));
        });
        List<UUID> ids = processes.newIds(drafts.size());
        List<Process> rows = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            Process row = drafts.get(i).draft(lead, null).withId(ids.get(i));
            rows.add(row);
            keys.add(ProcessRules.primaryKey(lead, row.data()));
        }
        Set<UUID> inserted = processes.insertAll(rows, keys);
        Map<String, UUID> leads = new HashMap<>();
        for (int i = 0; i < made.size(); i++) {
            if (inserted.contains(ids.get(i))) {
                leads.put(made.get(i), ids.get(i));
            }
        }
        return leads;
    }
}
