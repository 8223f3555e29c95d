package org.openchakra.inbox;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openchakra.app.AppUser;
import org.openchakra.chat.Chat;
import org.openchakra.chat.ChatService;
import org.openchakra.optout.OptOut;
import org.openchakra.optout.OptOuts;
import org.openchakra.procedure.Procedure;
import org.openchakra.procedure.ProcedureService;
import org.openchakra.process.Process;
import org.openchakra.process.ProcessService;
import org.openchakra.task.TaskService;
import org.openchakra.web.ApiException;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The customer panel (inbox.md §2.5) and its edits: the lead's attributes, saved through the process service
 * with the procedure's types and validation (a bad value is a 400 naming the attribute, nothing saved), and the
 * customer's opt-out switch.
 */
@Service
class CustomerPanels {

    static final int EARLIER_CHATS = 20;

    private final ChatService chats;
    private final ProcessService processes;
    private final ProcedureService procedures;
    private final TaskService tasks;
    private final OptOuts optOuts;
    private final InboxTimes times;

    CustomerPanels(
            ChatService chats,
            ProcessService processes,
            ProcedureService procedures,
            TaskService tasks,
            OptOuts optOuts,
            InboxTimes times) {
        this.chats = chats;
        this.processes = processes;
        this.procedures = procedures;
        this.tasks = tasks;
        this.optOuts = optOuts;
        this.times = times;
    }

    CustomerPanel of(AppUser me, Chat chat) {
        List<CustomerPanel.Field> fields = List.of();
        List<CustomerPanel.TaskLine> open = List.of();
        String procedureName = null;
        if (chat.leadId() != null) {
            Process lead = lead(me, chat);
            Procedure procedure = procedures.get(me.teamId(), lead.procedureId().toString());
            procedureName = procedure.name();
            fields = procedure.definition().attributes().stream()
                    .filter(a -> !a.removed())
                    .map(a -> field(me, a, lead.data().get(a.shortId())))
                    .toList();
            open = tasks.list(me.teamId(), procedure.shortId(), lead.id().toString()).stream()
                    .filter(t -> t.get("completedAt") == null && t.get("cancelledAt") == null)
                    .map(t -> new CustomerPanel.TaskLine(
                            String.valueOf(t.get("title")),
                            String.valueOf(t.get("status")),
                            t.get("dueBy") instanceof Long due
                                    ? times.fullTime(Instant.ofEpochMilli(due), me.zone())
                                    : null))
                    .toList();
        }
        List<CustomerPanel.EarlierChat> earlier =
                chats.chatsWithContact(me.teamId(), chat.contactIdentifier(), EARLIER_CHATS).stream()
                        .filter(c -> InboxChats.canSee(me, c))
                        .map(c -> new CustomerPanel.EarlierChat(
                                c.id(),
                                times.shortTime(
                                        c.lastMessageAt() != null ? c.lastMessageAt() : c.createdAt(), me.zone()),
                                c.status(),
                                c.lastMessage() == null
                                        ? ""
                                        : c.lastMessage().path("text").asString(""),
                                c.id().equals(chat.id())))
                        .toList();
        return new CustomerPanel(
                chat.id(),
                InboxChats.displayName(chat),
                "+" + chat.contactIdentifier(),
                chat.leadId(),
                procedureName,
                fields,
                open,
                optOutState(me, chat),
                earlier);
    }

    private CustomerPanel.OptOutState optOutState(AppUser me, Chat chat) {
        return optOuts.find(me.teamId(), chat.contactIdentifier())
                .map(o -> new CustomerPanel.OptOutState(
                        true,
                        times.fullTime(o.createdAt(), me.zone()),
                        o.source().name(),
                        o.reason()))
                .orElse(new CustomerPanel.OptOutState(false, null, null, null));
    }

    /**
     * The panel's switch: puts the customer's number on the team's opt-out list or takes it off, through the
     * opt-out service (so the {@code opt_out} / {@code opt_in} events go out as for the API), source INBOX.
     */
    void setOptedOut(AppUser me, Chat chat, boolean optedOut, String reason) {
        if (optedOut) {
            optOuts.optOut(me.teamId(), chat.contactIdentifier(), reason, OptOut.Source.INBOX, chat.id());
        } else {
            optOuts.optIn(me.teamId(), chat.contactIdentifier(), OptOut.Source.INBOX, chat.id());
        }
    }

    /** Saves the form's values of the lead's editable attributes; an empty field clears the value. */
    void saveLead(AppUser me, Chat chat, Map<String, String> form, Map<String, List<String>> multi) {
        if (chat.leadId() == null) {
            throw ApiException.notFound("This chat has no lead");
        }
        Process lead = lead(me, chat);
        Procedure procedure = procedures.get(me.teamId(), lead.procedureId().toString());
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        for (Procedure.Attribute a : procedure.definition().attributes()) {
            if (a.removed()) {
                continue;
            }
            String input = input(a);
            String key = "data." + a.shortId();
            if (input.equals("readonly")) {
                continue;
            }
            if (input.equals("multi")) {
                if (form.containsKey(key + ".present")) {
                    ArrayNode values = data.putArray(a.shortId());
                    multi.getOrDefault(key, List.of()).forEach(values::add);
                }
                continue;
            }
            if (!form.containsKey(key)) {
                continue;
            }
            String value = form.get(key).strip();
            if (value.isEmpty()) {
                data.putNull(a.shortId());
            } else if (input.equals("datetime-local")) {
                data.put(a.shortId(), withOffset(value, me));
            } else {
                data.put(a.shortId(), value);
            }
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.set("data", data);
        processes.update(me.teamId(), procedure.shortId(), ProcessService.Locator.byId(lead.id()), body);
    }

    private Process lead(AppUser me, Chat chat) {
        return processes.getByIdOrPrimaryKey(
                me.teamId(), leadProcedure(me, chat), chat.leadId().toString());
    }

    private String leadProcedure(AppUser me, Chat chat) {
        // Inbound messages make leads in the lead procedure (whatsapp.md §6); a chat linked otherwise by an
        // integration may name a process of another procedure.
        List<Procedure> all = new ArrayList<>(procedures.list(me.teamId()));
        all.sort(java.util.Comparator.comparing(p -> !p.shortId().equals("lead")));
        for (Procedure p : all) {
            try {
                processes.get(me.teamId(), p.shortId(), ProcessService.Locator.byId(chat.leadId()));
                return p.shortId();
            } catch (ApiException notThere) {
                // keep looking
            }
        }
        throw ApiException.notFound("The chat's lead no longer exists");
    }

    /** A local date-time typed in the user's zone, as ISO-8601 with that zone's offset. */
    private static String withOffset(String local, AppUser me) {
        try {
            LocalDateTime time = LocalDateTime.parse(local);
            return time.atZone(me.zone()).toOffsetDateTime().toString();
        } catch (java.time.format.DateTimeParseException e) {
            return local; // the process service names the field in its 400
        }
    }

    static String input(Procedure.Attribute a) {
        return switch (a.type()) {
            case "integer", "number", "float", "decimal" -> "number";
            case "boolean" -> "boolean";
            case "date" -> "date";
            case "datetime" -> "datetime-local";
            case "stringEnum", "integerEnum" -> "select";
            case "multiStringEnum", "multiIntegerEnum" -> "multi";
            case "json", "externalObject", "photo", "multiPhotos", "user" -> "readonly";
            default -> a.autoId() != null ? "readonly" : "text";
        };
    }

    private CustomerPanel.Field field(AppUser me, Procedure.Attribute a, JsonNode value) {
        String input = input(a);
        List<String> options = a.options() == null
                ? List.of()
                : a.options().stream().map(JsonNode::asString).toList();
        List<String> selected = new ArrayList<>();
        String shown = "";
        if (value != null && !value.isNull()) {
            switch (input) {
                case "date" ->
                    shown = value.isNumber()
                            ? Instant.ofEpochMilli(value.asLong())
                                    .atZone(ZoneOffset.UTC)
                                    .toLocalDate()
                                    .format(DateTimeFormatter.ISO_LOCAL_DATE)
                            : value.asString("");
                case "datetime-local" ->
                    shown = value.isNumber()
                            ? Instant.ofEpochMilli(value.asLong())
                                    .atZone(me.zone())
                                    .toLocalDateTime()
                                    .withNano(0)
                                    .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                            : value.asString("");
                case "multi" -> {
                    if (value.isArray()) {
                        value.values().forEach(v -> selected.add(v.asString()));
                    }
                }
                case "readonly" -> shown = value.isValueNode() ? value.asString() : value.toString();
                default -> shown = value.asString();
            }
        }
        return new CustomerPanel.Field(
                a.shortId(), a.name(), input, shown, options, List.copyOf(selected), a.required());
    }
}
