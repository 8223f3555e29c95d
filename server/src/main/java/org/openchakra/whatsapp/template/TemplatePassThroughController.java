package org.openchakra.whatsapp.template;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiException;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.Caller;
import org.openchakra.web.JsonFields;
import org.openchakra.web.PublicBaseUrl;
import org.openchakra.web.RequiresPrivilege;
import org.openchakra.whatsapp.meta.MetaReply;
import org.openchakra.whatsapp.meta.MetaSchemas;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Templates pass-through (whatsapp.md §4). No plugin in the path: the WABA or template names it. Bodies and
 * answers are Meta's, unwrapped (clients read {@code data[]} and {@code paging}); refusals are §2.3's.
 */
@RestController
class TemplatePassThroughController {
    /** Passed upstream as given; any {@code vN.M} (meta-cloud-api.md §0). */
    private static final Pattern VERSION = Pattern.compile("v\\d{1,3}\\.\\d{1,3}");

    private final TemplatePassThrough templates;
    private final PublicBaseUrl baseUrl;

    public TemplatePassThroughController(TemplatePassThrough templates, PublicBaseUrl baseUrl) {
        this.templates = templates;
        this.baseUrl = baseUrl;
    }

    @GetMapping("/v1/ext/plugin/whatsapp/api/{version}/{wabaId}/message_templates")
    @RequiresPrivilege(Privileges.WHATSAPP_TEMPLATES)
    @ApiOperation(
            id = "listMessageTemplates",
            summary = "Meta's template listing of a WABA, paging links pointing here",
            query = TemplateSchemas.TemplateListQuery.class,
            answer = MetaSchemas.MetaBody.class)
    public ResponseEntity<Object> list(
            Caller caller, @PathVariable String version, @PathVariable String wabaId, HttpServletRequest request) {
        PassThroughQuery query = PassThroughQuery.parse(request.getQueryString());
        JsonNode page = templates.list(caller.teamId(), checked(version), wabaId, query);
        PagingLinks.rewrite(page, baseUrl.of(request) + request.getRequestURI(), query);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(page);
    }

    @PostMapping("/v1/ext/plugin/whatsapp/api/{version}/{wabaId}/message_templates")
    @RequiresPrivilege(Privileges.WHATSAPP_TEMPLATES)
    @ApiOperation(
            id = "createMessageTemplate",
            summary = "Create a template (Meta's body)",
            body = MetaSchemas.MetaBody.class,
            answer = MetaSchemas.MetaBody.class)
    public ResponseEntity<Object> create(
            Caller caller, @PathVariable String version, @PathVariable String wabaId, @RequestBody JsonNode body) {
        return relayed(templates.create(caller.teamId(), checked(version), wabaId, object(body)));
    }

    @DeleteMapping("/v1/ext/plugin/whatsapp/api/{version}/{wabaId}/message_templates")
    @RequiresPrivilege(Privileges.WHATSAPP_TEMPLATES)
    @ApiOperation(
            id = "deleteMessageTemplate",
            summary = "Delete a template by name (and hsm_id)",
            query = TemplateSchemas.TemplateDeleteQuery.class,
            answer = MetaSchemas.MetaBody.class)
    public ResponseEntity<Object> delete(
            Caller caller, @PathVariable String version, @PathVariable String wabaId, HttpServletRequest request) {
        return relayed(templates.delete(
                caller.teamId(), checked(version), wabaId, PassThroughQuery.parse(request.getQueryString())));
    }

    @GetMapping("/v1/ext/plugin/whatsapp/api/{version}/{templateId}")
    @RequiresPrivilege(Privileges.WHATSAPP_TEMPLATES)
    @ApiOperation(
            id = "getMessageTemplate",
            summary = "One template by Meta's id",
            query = TemplateSchemas.TemplateReadQuery.class,
            answer = MetaSchemas.MetaBody.class)
    public ResponseEntity<Object> read(
            Caller caller, @PathVariable String version, @PathVariable String templateId, HttpServletRequest request) {
        return relayed(templates.read(
                caller.teamId(), checked(version), templateId, PassThroughQuery.parse(request.getQueryString())));
    }

    @PostMapping("/v1/ext/plugin/whatsapp/api/{version}/{templateId}")
    @RequiresPrivilege(Privileges.WHATSAPP_TEMPLATES)
    @ApiOperation(
            id = "editMessageTemplate",
            summary = "Edit a template (Meta's body)",
            body = MetaSchemas.MetaBody.class,
            answer = MetaSchemas.MetaBody.class)
    public ResponseEntity<Object> edit(
            Caller caller, @PathVariable String version, @PathVariable String templateId, @RequestBody JsonNode body) {
        return relayed(templates.edit(caller.teamId(), checked(version), templateId, object(body)));
    }

    private static String checked(String version) {
        if (!VERSION.matcher(version).matches()) {
            throw ApiException.badRequest("version", "The API version must look like v23.0");
        }
        return version;
    }

    /** A JSON object whose text the cache can store (JsonFields refuses NUL and lone surrogates). */
    private static ObjectNode object(JsonNode body) {
        JsonFields.of(body);
        return (ObjectNode) body;
    }

    /** Meta's answer byte for byte: nothing is added to what Meta-format clients parse. */
    private static ResponseEntity<Object> relayed(MetaReply reply) {
        return ResponseEntity.status(reply.status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(reply.body());
    }
}
