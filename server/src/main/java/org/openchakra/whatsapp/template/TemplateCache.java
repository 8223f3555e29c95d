package org.openchakra.whatsapp.template;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openchakra.common.Rows;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The per-WABA cache of Meta's templates. Written from Meta's own template objects (list, get, create,
 * edit answers and status webhooks) so that what template sends build from is what Meta holds.
 */
@Repository
public class TemplateCache {

    private static final String COLUMNS =
            "waba_id, template_id, name, language, status, category, parameter_format," + " components, updated_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public TemplateCache(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Takes in what one of Meta's answers says about a template. Meta answers only the fields a caller asked
     * for ({@code ?fields=name,language,status}, the README's own walk-through), so an object updates only what
     * it carries: a field it leaves out keeps its cached value. An object with its {@code components} can stand
     * for the template and is stored even when the cache did not know it; one without them only updates a
     * known row (a send that misses the template reads it whole from Meta). Answers whether a row was written.
     */
    public boolean learn(UUID teamId, String wabaId, JsonNode template) {
        JsonNode idNode = template.path("id");
        String id = idNode.isString() || idNode.isIntegralNumber() ? idNode.asString() : "";
        if (id.isEmpty()) {
            return false;
        }
        String name = text(template.path("name"));
        String language = text(template.path("language"));
        if (name != null && language != null) {
            // A name and language deleted and created again at Meta has a new id: the old row must make way.
            jdbc.sql("DELETE FROM whatsapp_template WHERE team_id = :team AND waba_id = :waba AND name = :name"
                            + " AND language = :language AND template_id <> :id")
                    .param("team", teamId)
                    .param("waba", wabaId)
                    .param("name", name)
                    .param("language", language)
                    .param("id", id)
                    .update();
        }
        JsonNode components = template.path("components");
        String carried = components.isArray() ? json.writeValueAsString(components) : null;
        boolean whole = name != null && language != null && carried != null;
        String sql = whole ? """
                INSERT INTO whatsapp_template (team_id, waba_id, template_id, name, language, status, category,
                    parameter_format, components)
                VALUES (:team, :waba, :id, :name, :language, coalesce(:status, 'PENDING'), :category, :format,
                    CAST(:components AS jsonb))
                ON CONFLICT (team_id, waba_id, template_id) DO UPDATE SET name = EXCLUDED.name,
                    language = EXCLUDED.language, status = coalesce(:status, whatsapp_template.status),
                    category = coalesce(:category, whatsapp_template.category),
                    parameter_format = coalesce(:format, whatsapp_template.parameter_format),
                    components = EXCLUDED.components, updated_at = now()
                """ : """
                UPDATE whatsapp_template SET name = coalesce(:name, name), language = coalesce(:language, language),
                    status = coalesce(:status, status), category = coalesce(:category, category),
                    parameter_format = coalesce(:format, parameter_format),
                    components = coalesce(CAST(:components AS jsonb), components), updated_at = now()
                WHERE team_id = :team AND waba_id = :waba AND template_id = :id
                """;
        return jdbc.sql(sql)
                        .param("team", teamId)
                        .param("waba", wabaId)
                        .param("id", id)
                        .param("name", name)
                        .param("language", language)
                        .param("status", text(template.path("status")))
                        .param("category", text(template.path("category")))
                        .param("format", text(template.path("parameter_format")))
                        .param("components", carried)
                        .update()
                > 0;
    }

    /** Replaces the cached languages of one template name with what Meta listed for it. */
    public void replaceName(UUID teamId, String wabaId, String name, List<JsonNode> templates) {
        deleteByName(teamId, wabaId, name);
        for (JsonNode template : templates) {
            if (name.equals(template.path("name").asString(""))) {
                learn(teamId, wabaId, template);
            }
        }
    }

    /** The WABA under which the team's cache holds a template id (Meta's template ids are global). */
    public Optional<String> wabaOf(UUID teamId, String templateId) {
        return jdbc.sql("SELECT waba_id FROM whatsapp_template WHERE team_id = :team AND template_id = :id LIMIT 1")
                .param("team", teamId)
                .param("id", templateId)
                .query(String.class)
                .optional();
    }

    /**
     * Replaces the WABA's cache with a full listing from Meta: templates no longer listed are gone. A
     * name/language re-created under a new id replaces the old row.
     */
    public void replaceAll(UUID teamId, String wabaId, List<JsonNode> templates) {
        jdbc.sql("DELETE FROM whatsapp_template WHERE team_id = :team AND waba_id = :waba")
                .param("team", teamId)
                .param("waba", wabaId)
                .update();
        for (JsonNode template : templates) {
            learn(teamId, wabaId, template);
        }
    }

    public void setStatus(UUID teamId, String wabaId, String templateId, String status) {
        jdbc.sql("UPDATE whatsapp_template SET status = :status, updated_at = now()"
                        + " WHERE team_id = :team AND waba_id = :waba AND template_id = :id")
                .param("team", teamId)
                .param("waba", wabaId)
                .param("id", templateId)
                .param("status", status)
                .update();
    }

    public void deleteByName(UUID teamId, String wabaId, String name) {
        jdbc.sql("DELETE FROM whatsapp_template WHERE team_id = :team AND waba_id = :waba AND name = :name")
                .param("team", teamId)
                .param("waba", wabaId)
                .param("name", name)
                .update();
    }

    public void deleteById(UUID teamId, String wabaId, String templateId) {
        jdbc.sql("DELETE FROM whatsapp_template WHERE team_id = :team AND waba_id = :waba AND template_id = :id")
                .param("team", teamId)
                .param("waba", wabaId)
                .param("id", templateId)
                .update();
    }

    public Optional<CachedTemplate> find(UUID teamId, String wabaId, String name, String language) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM whatsapp_template WHERE team_id = :team AND waba_id = :waba"
                        + " AND name = :name AND language = :language")
                .param("team", teamId)
                .param("waba", wabaId)
                .param("name", name)
                .param("language", language)
                .query(this::map)
                .optional();
    }

    /** The WABA's approved templates, by name and language. */
    public List<CachedTemplate> approved(UUID teamId, String wabaId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM whatsapp_template WHERE team_id = :team AND waba_id = :waba"
                        + " AND status = 'APPROVED' ORDER BY name, language")
                .param("team", teamId)
                .param("waba", wabaId)
                .query(this::map)
                .list();
    }

    /** Every language of a template name, approved ones first. */
    public List<CachedTemplate> languages(UUID teamId, String wabaId, String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM whatsapp_template WHERE team_id = :team AND waba_id = :waba"
                        + " AND name = :name ORDER BY (status = 'APPROVED') DESC, language")
                .param("team", teamId)
                .param("waba", wabaId)
                .param("name", name)
                .query(this::map)
                .list();
    }

    private CachedTemplate map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new CachedTemplate(
                rs.getString("waba_id"),
                rs.getString("template_id"),
                rs.getString("name"),
                rs.getString("language"),
                rs.getString("status"),
                rs.getString("category"),
                rs.getString("parameter_format"),
                json.readTree(rs.getString("components")),
                Rows.instant(rs, "updated_at"));
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.stringValue() : null;
    }
}
