package org.openchakra.procedure;

import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** The {@code lead} procedure every team starts with (platform.md §3). */
public final class LeadProcedure {

    public static final String SHORT_ID = "lead";
    public static final String NAME = "Lead";
    public static final String PHONE = "phone_number";

    private LeadProcedure() {}

    static Procedure.Definition definition() {
        List<Procedure.Attribute> attributes = List.of(
                attribute("lead_id", "Lead ID", "stringId", null, new Procedure.AutoId("LEAD-", 6)),
                attribute("name", "Name", "name", null, null),
                attribute(PHONE, "Phone number", "phone", null, null),
                attribute("email", "Email", "email", null, null));
        List<Procedure.State> states = List.of(
                state("NEW", "New"),
                state("IN_PROGRESS", "In progress"),
                state("CONVERTED", "Converted"),
                state("NOT_INTERESTED", "Not interested"));
        List<JsonNode> dispositions =
                List.of("CONNECTED", "NOT_REACHABLE", "BUSY", "CALL_BACK", "WRONG_NUMBER").stream()
                        .map(v -> (JsonNode) JsonNodeFactory.instance.stringNode(v))
                        .toList();
        Procedure.StateTask call = new Procedure.StateTask(
                UUID.randomUUID(),
                "call",
                "Call",
                List.of(
                        attribute("call_disposition", "Call disposition", "stringEnum", dispositions, null),
                        attribute("next_call_time", "Next call time", "datetime", null, null),
                        attribute("remarks", "Remarks", "text", null, null)));
        return new Procedure.Definition(
                attributes, states, "NEW", "CONVERTED", "name", "lead_id", PHONE, "email", List.of(call));
    }

    private static Procedure.Attribute attribute(
            String shortId, String name, String type, List<JsonNode> options, Procedure.AutoId autoId) {
        return new Procedure.Attribute(
                UUID.randomUUID(), shortId, name, type, false, options, autoId, null, null, false);
    }

    private static Procedure.State state(String shortId, String name) {
        return new Procedure.State(UUID.randomUUID(), shortId, name);
    }
}
