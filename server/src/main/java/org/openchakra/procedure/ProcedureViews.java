package org.openchakra.procedure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Procedures and their parts as the API shows them (admin API and {@code GET /v1/ext/config}). */
public final class ProcedureViews {

    private ProcedureViews() {}

    public static Map<String, Object> procedure(Procedure p) {
        Procedure.Definition d = p.definition();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("shortId", p.shortId());
        m.put("name", p.name());
        m.put("team", p.teamId());
        m.put(
                "attributes",
                p.liveAttributes().stream().map(a -> attribute(p, a)).toList());
        m.put("states", d.states().stream().map(s -> state(p, s)).toList());
        m.put("startState", d.startState());
        m.put("completedState", d.completedState());
        m.put("primaryIdentifier", d.primaryIdentifier());
        m.put("primaryKey", d.primaryKey());
        m.put("primaryPhoneAttribute", d.primaryPhoneAttribute());
        m.put("primaryEmailAttribute", d.primaryEmailAttribute());
        m.put("stateTasks", d.stateTasks().stream().map(t -> stateTask(p, t)).toList());
        m.put("createdAt", p.createdAt().toEpochMilli());
        m.put("updatedAt", p.updatedAt().toEpochMilli());
        return m;
    }

    public static Map<String, Object> attribute(Procedure p, Procedure.Attribute a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("shortId", a.shortId());
        m.put("name", a.name());
        m.put("type", a.type());
        m.put("required", a.required());
        m.put("options", a.options());
        m.put("autoId", a.autoId());
        m.put("defaultValue", a.defaultValue());
        m.put("schema", a.schema());
        m.put("procedure", p.id());
        return m;
    }

    public static Map<String, Object> state(Procedure p, Procedure.State s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("shortId", s.shortId());
        m.put("name", s.name());
        m.put("procedure", p.id());
        return m;
    }

    public static Map<String, Object> stateTask(Procedure p, Procedure.StateTask t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("shortId", t.shortId());
        m.put("name", t.name());
        m.put("attributes", t.attributes().stream().map(a -> attribute(p, a)).toList());
        m.put("procedure", p.id());
        return m;
    }

    static List<Map<String, Object>> procedures(List<Procedure> procedures) {
        return procedures.stream().map(ProcedureViews::procedure).toList();
    }
}
