package org.openchakra.whatsapp.template;

import java.util.Locale;
import java.util.UUID;
import org.openchakra.whatsapp.meta.MetaClient;
import org.openchakra.whatsapp.meta.MetaError;
import org.openchakra.whatsapp.meta.MetaReply;
import org.openchakra.whatsapp.meta.MetaUnavailableException;
import org.openchakra.whatsapp.meta.MetaUpstreamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The template management calls of whatsapp.md §4, forwarded to Meta with the plugin's token. Meta's
 * answers come back as they are; each success also updates the template cache, so that template sends
 * build from what Meta holds. A refusal throws {@link MetaUpstreamException} (relayed as §2.3).
 */
@Service
class TemplatePassThrough {

    private static final Logger log = LoggerFactory.getLogger(TemplatePassThrough.class);
    /** Meta's "object does not exist or cannot be loaded" (meta-cloud-api.md §2.2). */
    private static final int UNKNOWN_OBJECT_CODE = 100;

    private static final int UNKNOWN_OBJECT_SUBCODE = 33;

    private final TemplateAccess access;
    private final TemplateCache cache;
    private final MetaClient meta;
    private final JsonMapper json;

    public TemplatePassThrough(TemplateAccess access, TemplateCache cache, MetaClient meta, JsonMapper json) {
        this.access = access;
        this.cache = cache;
        this.meta = meta;
        this.json = json;
    }

    /** {@code GET /{version}/{waba}/message_templates}: Meta's page, every template in it cached. */
    public JsonNode list(UUID teamId, String version, String wabaId, PassThroughQuery query) {
        WabaAccess waba = access.waba(teamId, wabaId);
        JsonNode page = meta.get(waba.target(), templatesPath(version, wabaId) + query.suffix())
                .object("the template listing");
        page.path("data").values().forEach(t -> cache.learn(teamId, wabaId, t));
        return page;
    }

    /** {@code POST /{version}/{waba}/message_templates}: cached from the body and Meta's {id, status, category}. */
    public MetaReply create(UUID teamId, String version, String wabaId, ObjectNode body) {
        WabaAccess waba = access.waba(teamId, wabaId);
        MetaReply reply =
                ok(meta.postJson(waba.target(), templatesPath(version, wabaId), json.writeValueAsBytes(body)));
        ObjectNode created = body.deepCopy();
        JsonNode answer = reply.json();
        for (String field : new String[] {"id", "status", "category"}) {
            if (answer.path(field).isString()) {
                created.put(field, answer.path(field).stringValue());
            }
        }
        // Meta lists the format in upper case and positional when none was given (meta-cloud-api.md §3.3).
        created.put(
                "parameter_format",
                body.path("parameter_format").asString("POSITIONAL").toUpperCase(Locale.ROOT));
        cache.learn(teamId, wabaId, created);
        return reply;
    }

    /** {@code DELETE /{version}/{waba}/message_templates?name=[&hsm_id=]}: name alone is every language. */
    public MetaReply delete(UUID teamId, String version, String wabaId, PassThroughQuery query) {
        WabaAccess waba = access.waba(teamId, wabaId);
        MetaReply reply =
                ok(meta.call(waba.target(), "DELETE", templatesPath(version, wabaId) + query.suffix(), null, null));
        query.get("hsm_id")
                .filter(id -> !id.isEmpty())
                .ifPresentOrElse(
                        id -> cache.deleteById(teamId, wabaId, id),
                        () -> query.get("name").ifPresent(name -> cache.deleteByName(teamId, wabaId, name)));
        return reply;
    }

    /** {@code GET /{version}/{templateId}}. A template Meta no longer has leaves the cache too. */
    public MetaReply read(UUID teamId, String version, String templateId, PassThroughQuery query) {
        TemplateAccess.TemplateRef ref = access.template(teamId, templateId);
        MetaReply reply = meta.get(ref.waba().target(), version + "/" + templateId + query.suffix());
        if (!reply.ok()
                && reply.error().filter(TemplatePassThrough::unknownObject).isPresent()) {
            cache.deleteById(teamId, ref.waba().wabaId(), templateId);
        }
        cache.learn(teamId, ref.waba().wabaId(), ok(reply).json());
        return reply;
    }

    /**
     * {@code POST /{version}/{templateId}}: Meta answers only {@code success}, and the edit sends the
     * template back to review, so the template is read again for the cache.
     */
    public MetaReply edit(UUID teamId, String version, String templateId, ObjectNode body) {
        TemplateAccess.TemplateRef ref = access.template(teamId, templateId);
        MetaReply reply =
                ok(meta.postJson(ref.waba().target(), version + "/" + templateId, json.writeValueAsBytes(body)));
        String wabaId = ref.waba().wabaId();
        try {
            MetaReply fresh = meta.get(ref.waba().target(), version + "/" + templateId);
            if (fresh.ok()) {
                cache.learn(teamId, wabaId, fresh.json());
                return reply;
            }
        } catch (MetaUnavailableException e) {
            log.warn("Re-reading template {} after its edit failed: {}", templateId, e.getMessage());
        }
        // The edit was made: whatever the re-read says, the template is in review (meta-cloud-api.md §3.4).
        cache.setStatus(teamId, wabaId, templateId, "PENDING");
        return reply;
    }

    private static String templatesPath(String version, String wabaId) {
        return version + "/" + wabaId + "/message_templates";
    }

    private static boolean unknownObject(MetaError error) {
        return error.code() == UNKNOWN_OBJECT_CODE
                && Integer.valueOf(UNKNOWN_OBJECT_SUBCODE).equals(error.subcode());
    }

    private static MetaReply ok(MetaReply reply) {
        if (!reply.ok()) {
            throw new MetaUpstreamException(reply);
        }
        return reply;
    }
}
