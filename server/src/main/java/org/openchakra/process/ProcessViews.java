package org.openchakra.process;

import static org.openchakra.web.TimeValues.millis;

import java.util.LinkedHashMap;
import java.util.Map;

/** The process object on the wire, fields in the contract's order, times in epoch ms. */
public final class ProcessViews {

    private ProcessViews() {}

    public static Map<String, Object> process(Process p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("createdAt", p.createdAt().toEpochMilli());
        m.put("updatedAt", p.updatedAt().toEpochMilli());
        m.put("team", p.teamId());
        m.put("procedure", p.procedureId());
        m.put("createdBy", p.createdBy());
        m.put("assignedTo", p.assignedTo());
        m.put("belongsTo", p.belongsTo());
        m.put("entity", p.entity());
        m.put("record", p.recordId());
        m.put("status", p.status());
        m.put("state", p.state());
        m.put("data", p.data());
        m.put("derivedData", p.derivedData());
        m.put("nextActionAt", millis(p.nextActionAt()));
        m.put("isDeleted", p.isDeleted());
        return m;
    }
}
