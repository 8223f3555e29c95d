package org.openchakra.whatsapp.templatemessage;

import java.util.List;
import java.util.UUID;
import org.openchakra.chat.ChatMessage;
import org.openchakra.chat.OutgoingMessage;
import org.openchakra.common.PhoneNumbers;
import org.openchakra.optout.OptOuts;
import org.openchakra.procedure.Procedure;
import org.openchakra.procedure.ProcedureService;
import org.openchakra.process.Process;
import org.openchakra.process.ProcessService;
import org.openchakra.team.Team;
import org.openchakra.team.TeamService;
import org.openchakra.web.ApiException;
import org.openchakra.web.Caller;
import org.openchakra.web.ErrorDetail;
import org.openchakra.whatsapp.meta.MetaUpstreamException;
import org.openchakra.whatsapp.plugin.PluginDirectory;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.openchakra.whatsapp.send.MessageSender;
import org.openchakra.whatsapp.send.SendOrigin;
import org.openchakra.whatsapp.template.CachedTemplate;
import org.openchakra.whatsapp.template.TemplateLookup;
import org.openchakra.whatsapp.template.WabaAccess;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Template sends in Chakra's format (whatsapp.md §3): the body is checked, the template loaded from the
 * cache, Meta's template message built from its definition, and sent through {@link MessageSender} like
 * any message (same rules, recorded with source type {@code TEMPLATE_API}). Nothing reaches Meta unless
 * the whole body is right.
 */
@Service
public class TemplateMessageService {

    private final PluginDirectory directory;
    private final TemplateLookup lookup;
    private final MessageSender sender;
    private final TeamService teams;
    private final ProcedureService procedures;
    private final ProcessService processes;
    private final OptOuts optOuts;

    public TemplateMessageService(
            PluginDirectory directory,
            TemplateLookup lookup,
            MessageSender sender,
            TeamService teams,
            ProcedureService procedures,
            ProcessService processes,
            OptOuts optOuts) {
        this.directory = directory;
        this.lookup = lookup;
        this.sender = sender;
        this.teams = teams;
        this.procedures = procedures;
        this.processes = processes;
        this.optOuts = optOuts;
    }

    /**
     * The approved templates of the sender number's WABA as people fill them in (the inbox's picker). The
     * plugin must be an active one of the team, the number one of its numbers (404 otherwise).
     */
    public List<TemplateOutline> outlines(UUID teamId, UUID pluginId, String phoneNumberId) {
        PluginDirectory.Resolved plugin = directory.active(teamId, pluginId);
        WhatsappPlugin.PhoneNumber from = directory.number(plugin, phoneNumberId);
        return lookup.approvedOf(new WabaAccess(plugin, from.wabaId())).stream()
                .map(TemplateMessageService::outline)
                .toList();
    }

    static TemplateOutline outline(CachedTemplate template) {
        TemplateShape shape = TemplateShape.of(template);
        String footer = null;
        List<String> labels = new java.util.ArrayList<>();
        for (JsonNode component : template.components().values()) {
            String type = component.path("type").asString("").toUpperCase(java.util.Locale.ROOT);
            if (type.equals("FOOTER")) {
                footer = component.path("text").asString(null);
            } else if (type.equals("BUTTONS")) {
                component
                        .path("buttons")
                        .values()
                        .forEach(b -> labels.add(b.path("text").asString("")));
            }
        }
        return new TemplateOutline(
                template.id(),
                template.name(),
                template.language(),
                template.category(),
                shape.header() == null ? null : shape.header().format(),
                shape.header() == null ? null : shape.header().text(),
                shape.header() == null ? List.of() : shape.header().variables(),
                shape.bodyText(),
                shape.bodyVariables(),
                footer,
                List.copyOf(labels),
                shape.buttons().stream()
                        .filter(TemplateShape.Button::urlVariable)
                        .map(TemplateShape.Button::index)
                        .toList(),
                shape.authentication());
    }

    /**
     * A template sent by a person from the inbox (inbox.md §2.3): the body of the API's send (Chakra's format),
     * the same checks and building, recorded with source {@code INBOX} and the user as sender.
     */
    public ChatMessage fromInbox(UUID teamId, UUID userId, UUID pluginId, String to, JsonNode body) {
        TemplateMessageRequest request = TemplateMessageRequest.read(body);
        return send(
                teamId,
                pluginId,
                request,
                to,
                ProcessReferences.none(),
                (template, text) -> SendOrigin.inbox(userId, null, template.id(), text));
    }

    /** To a phone number, in any format; one without a country code gets the team's. */
    public ChatMessage toPhoneNumber(Caller caller, UUID pluginId, String phoneNumber, JsonNode body) {
        TemplateMessageRequest request = TemplateMessageRequest.read(body);
        String to = PhoneNumbers.normalize(phoneNumber, defaultCountryCode(caller.teamId()))
                .orElseThrow(
                        () -> ApiException.badRequest("phoneNumber", "'" + phoneNumber + "' is not a phone number"));
        return send(caller.teamId(), pluginId, request, to, ProcessReferences.none(), api(caller, null, null));
    }

    /** To the process's phone (its procedure's {@code primaryPhoneAttribute}); the message is linked to it. */
    public ChatMessage toProcess(Caller caller, UUID pluginId, String proc, String primaryKeyOrId, JsonNode body) {
        TemplateMessageRequest request = TemplateMessageRequest.read(body);
        Procedure procedure = procedures.get(caller.teamId(), proc);
        Process process = processes.getByIdOrPrimaryKey(caller.teamId(), proc, primaryKeyOrId);
        String attribute = procedure.definition().primaryPhoneAttribute();
        if (attribute == null) {
            throw ApiException.badRequest(
                    null,
                    "Procedure '" + procedure.shortId()
                            + "' has no primaryPhoneAttribute: its processes have no phone number to send to");
        }
        JsonNode phone = process.data().get(attribute);
        String to = phone == null || phone.isNull()
                ? null
                : PhoneNumbers.normalize(phone.asString(), defaultCountryCode(caller.teamId()))
                        .orElse(null);
        if (to == null) {
            throw ApiException.badRequest(null, "The process has no valid phone number in '" + attribute + "'");
        }
        return send(
                caller.teamId(),
                pluginId,
                request,
                to,
                ProcessReferences.of(procedure, process),
                api(caller, procedure.id(), process.id()));
    }

    /** Where a send came from, once its template and filled-in body text are known. */
    private interface Origin {
        SendOrigin of(CachedTemplate template, String text);
    }

    private static Origin api(Caller caller, UUID procedureId, UUID processId) {
        return (template, text) -> new SendOrigin(
                OutgoingMessage.TEMPLATE_API,
                caller.apiKeyId().toString(),
                template.id(),
                procedureId,
                processId,
                text);
    }

    private ChatMessage send(
            UUID teamId,
            UUID pluginId,
            TemplateMessageRequest request,
            String to,
            ValueReferences references,
            Origin origin) {
        PreparedTemplate prepared = prepare(teamId, pluginId, request);
        CachedTemplate template = prepared.template();
        refuseOptedOutMarketing(teamId, template, to);
        PreparedTemplate.Message message = prepared.build(to, references);
        MessageSender.Outcome outcome = sender.send(
                prepared.plugin(),
                prepared.from(),
                prepared.plugin().plugin().defaultApiVersion(),
                message.body(),
                origin.of(template, message.text()));
        if (!outcome.reply().ok()) {
            throw new MetaUpstreamException(outcome.reply());
        }
        return outcome.message().orElseThrow();
    }

    /**
     * A template send body ({@code whatsappPhoneNumberId}, {@code templateName}, mappings, ...) read, its plugin
     * and number resolved (404 as for a send) and its approved template found (400), ready to {@link
     * PreparedTemplate#build build} for many recipients.
     */
    public PreparedTemplate prepare(UUID teamId, UUID pluginId, JsonNode body) {
        return prepare(teamId, pluginId, TemplateMessageRequest.read(body));
    }

    /**
     * Checks a template send body without sending it: read as a send reads it, its template known in the
     * plugin number's WABA (with {@code approved}: approved, and the mapping fits with {@code probe} standing
     * for the values of references). Problems are the send's 400, naming the body's fields.
     */
    public void check(UUID teamId, UUID pluginId, JsonNode body, boolean approved, ValueReferences probe) {
        TemplateMessageRequest request = TemplateMessageRequest.read(body);
        if (approved) {
            prepare(teamId, pluginId, request).build("10000000000", probe);
            return;
        }
        PluginDirectory.Resolved plugin = directory.active(teamId, pluginId);
        WhatsappPlugin.PhoneNumber from = directory.number(plugin, request.phoneNumberId());
        lookup.existing(new WabaAccess(plugin, from.wabaId()), request.templateName(), request.language());
    }

    private PreparedTemplate prepare(UUID teamId, UUID pluginId, TemplateMessageRequest request) {
        PluginDirectory.Resolved plugin = directory.active(teamId, pluginId);
        WhatsappPlugin.PhoneNumber from = directory.number(plugin, request.phoneNumberId());
        CachedTemplate template =
                lookup.approved(new WabaAccess(plugin, from.wabaId()), request.templateName(), request.language());
        return new PreparedTemplate(plugin, from, template, request);
    }

    /** campaigns.md §4: with {@code optOutBlocksMarketing}, a MARKETING template to an opted-out number is refused. */
    private void refuseOptedOutMarketing(UUID teamId, CachedTemplate template, String to) {
        if (!"MARKETING".equalsIgnoreCase(template.category())) {
            return;
        }
        boolean blocks = teams.find(teamId).map(Team::optOutBlocksMarketing).orElse(false);
        if (blocks && optOuts.isOptedOut(teamId, to)) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    List.of(new ErrorDetail(
                            OptOuts.OPTED_OUT,
                            "The number " + to + " opted out of marketing messages; template '" + template.name()
                                    + "' is a MARKETING template",
                            "phoneNumber")));
        }
    }

    private String defaultCountryCode(UUID teamId) {
        return teams.find(teamId).map(t -> t.defaultCountryCode()).orElse(null);
    }
}
