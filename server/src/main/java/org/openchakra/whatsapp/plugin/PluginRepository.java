package org.openchakra.whatsapp.plugin;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.openchakra.common.Rows;
import org.openchakra.secret.SecretBox;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The plugin tables. A plugin is read whole (its WABAs and numbers aggregated in the same statement),
 * since every send needs the plugin and the sender number together. Every change is announced to every
 * server process ({@link PluginChanges}) in its own transaction, so that no copy in memory outlives it.
 */
@Repository
class PluginRepository {

    private static final String NUMBERS = "(SELECT coalesce(jsonb_agg(jsonb_build_object('id', n.phone_number_id,"
            + " 'displayPhoneNumber', n.display_phone_number, 'verifiedName', n.verified_name,"
            + " 'qualityRating', n.quality_rating, 'messagingLimitTier', n.messaging_limit_tier,"
            + " 'throughputMps', n.throughput_mps, 'isCoexistence', n.is_coexistence) ORDER BY n.position), '[]')"
            + " FROM whatsapp_phone_number n WHERE n.plugin_id = w.plugin_id AND n.waba_id = w.waba_id)";
    private static final String WABAS = "(SELECT coalesce(jsonb_agg(jsonb_build_object('id', w.waba_id, 'name', w.name,"
            + " 'phoneNumbers', " + NUMBERS + ") ORDER BY w.position), '[]')"
            + " FROM whatsapp_business_account w WHERE w.plugin_id = p.id) AS wabas";
    private static final String COLUMNS = "p.id, p.team_id, p.name, p.is_active, p.mode, p.graph_base_url,"
            + " p.default_api_version, p.config, p.last_synced_at, p.created_at, p.updated_at, " + WABAS;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final SecretBox secrets;
    private final PluginChanges changes;

    public PluginRepository(JdbcClient jdbc, JsonMapper json, SecretBox secrets, PluginChanges changes) {
        this.jdbc = jdbc;
        this.json = json;
        this.secrets = secrets;
        this.changes = changes;
    }

    public UUID insert(
            UUID teamId,
            String name,
            WhatsappPlugin.Mode mode,
            String graphBaseUrl,
            String apiVersion,
            PluginCredentials credentials,
            JsonNode config) {
        UUID id = jdbc.sql("INSERT INTO whatsapp_plugin (team_id, name, mode, graph_base_url, default_api_version,"
                        + " access_token, app_secret, verify_token, config)"
                        + " VALUES (:team, :name, :mode, :url, :version, :token, :secret, :verify, CAST(:config AS jsonb))"
                        + " RETURNING id")
                .param("team", teamId)
                .param("name", name)
                .param("mode", mode.name())
                .param("url", graphBaseUrl)
                .param("version", apiVersion)
                .param("token", box(credentials.accessToken()))
                .param("secret", box(credentials.appSecret()))
                .param("verify", box(credentials.verifyToken()))
                .param("config", json.writeValueAsString(config))
                .query(UUID.class)
                .single();
        changes.changed(teamId, id);
        return id;
    }

    public Optional<WhatsappPlugin> find(UUID teamId, UUID pluginId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM whatsapp_plugin p WHERE p.team_id = :team AND p.id = :id")
                .param("team", teamId)
                .param("id", pluginId)
                .query(this::map)
                .optional();
    }

    /** Locks the plugin row until the transaction ends: changes to one plugin are applied one at a time. */
    public Optional<WhatsappPlugin> lock(UUID teamId, UUID pluginId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM whatsapp_plugin p WHERE p.team_id = :team AND p.id = :id FOR UPDATE")
                .param("team", teamId)
                .param("id", pluginId)
                .query(this::map)
                .optional();
    }

    public List<WhatsappPlugin> list(UUID teamId) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM whatsapp_plugin p WHERE p.team_id = :team ORDER BY p.created_at, p.id")
                .param("team", teamId)
                .query(this::map)
                .list();
    }

    /** Every active plugin of every team in a mode (the sandbox re-registers its plugins at start-up). */
    public List<WhatsappPlugin> listActive(WhatsappPlugin.Mode mode) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM whatsapp_plugin p WHERE p.is_active AND p.mode = :mode"
                        + " ORDER BY p.created_at, p.id")
                .param("mode", mode.name())
                .query(this::map)
                .list();
    }

    /** The active plugin that owns a WABA or a phone-number id, across teams: inbound routing. */
    public Optional<WhatsappPlugin> findActiveByWaba(String wabaId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM whatsapp_plugin p JOIN whatsapp_business_account a"
                        + " ON a.plugin_id = p.id AND a.plugin_active WHERE a.waba_id = :waba")
                .param("waba", wabaId)
                .query(this::map)
                .optional();
    }

    public Optional<WhatsappPlugin> findActiveByPhoneNumberId(String phoneNumberId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM whatsapp_plugin p JOIN whatsapp_phone_number a"
                        + " ON a.plugin_id = p.id AND a.plugin_active WHERE a.phone_number_id = :pnid")
                .param("pnid", phoneNumberId)
                .query(this::map)
                .optional();
    }

    public PluginCredentials credentials(UUID teamId, UUID pluginId) {
        return jdbc.sql("SELECT access_token, app_secret, verify_token FROM whatsapp_plugin"
                        + " WHERE team_id = :team AND id = :id")
                .param("team", teamId)
                .param("id", pluginId)
                .query((rs, n) -> new PluginCredentials(
                        open(rs.getBytes("access_token")),
                        open(rs.getBytes("app_secret")),
                        open(rs.getBytes("verify_token"))))
                .optional()
                .orElseThrow();
    }

    public void update(
            UUID teamId, UUID pluginId, String name, String graphBaseUrl, String apiVersion, JsonNode config) {
        jdbc.sql("UPDATE whatsapp_plugin SET name = :name, graph_base_url = :url, default_api_version = :version,"
                        + " config = CAST(:config AS jsonb), updated_at = now() WHERE team_id = :team AND id = :id")
                .param("team", teamId)
                .param("id", pluginId)
                .param("name", name)
                .param("url", graphBaseUrl)
                .param("version", apiVersion)
                .param("config", json.writeValueAsString(config))
                .update();
        changes.changed(teamId, pluginId);
    }

    /** Replaces the secrets given (non-null); the others stay. */
    public void updateCredentials(UUID teamId, UUID pluginId, PluginCredentials given) {
        jdbc.sql("UPDATE whatsapp_plugin SET access_token = coalesce(:token, access_token),"
                        + " app_secret = coalesce(:secret, app_secret), verify_token = coalesce(:verify, verify_token),"
                        + " updated_at = now() WHERE team_id = :team AND id = :id")
                .param("team", teamId)
                .param("id", pluginId)
                .param("token", box(given.accessToken()))
                .param("secret", box(given.appSecret()))
                .param("verify", box(given.verifyToken()))
                .update();
        changes.changed(teamId, pluginId);
    }

    /** Deactivates the plugin and forgets its Meta credentials; its WABAs and numbers are freed for others. */
    public void deactivate(UUID teamId, UUID pluginId) {
        jdbc.sql("UPDATE whatsapp_plugin SET is_active = false, access_token = NULL, app_secret = NULL,"
                        + " verify_token = NULL, updated_at = now() WHERE team_id = :team AND id = :id")
                .param("team", teamId)
                .param("id", pluginId)
                .update();
        jdbc.sql("UPDATE whatsapp_business_account SET plugin_active = false WHERE team_id = :team AND plugin_id = :id")
                .param("team", teamId)
                .param("id", pluginId)
                .update();
        jdbc.sql("UPDATE whatsapp_phone_number SET plugin_active = false WHERE team_id = :team AND plugin_id = :id")
                .param("team", teamId)
                .param("id", pluginId)
                .update();
        changes.changed(teamId, pluginId);
    }

    /** Active again with these credentials, all three replaced; the WABAs are given anew by the caller. */
    public void reactivate(UUID teamId, UUID pluginId, PluginCredentials credentials) {
        jdbc.sql("UPDATE whatsapp_plugin SET is_active = true, access_token = :token, app_secret = :secret,"
                        + " verify_token = :verify, updated_at = now() WHERE team_id = :team AND id = :id")
                .param("team", teamId)
                .param("id", pluginId)
                .param("token", box(credentials.accessToken()))
                .param("secret", box(credentials.appSecret()))
                .param("verify", box(credentials.verifyToken()))
                .update();
        changes.changed(teamId, pluginId);
    }

    /**
     * Replaces the plugin's WABAs and numbers. A WABA or number held by another active plugin violates
     * a unique index: the caller's transaction fails with a DataIntegrityViolationException.
     */
    public void replaceWabas(UUID teamId, UUID pluginId, List<WhatsappPlugin.Waba> wabas) {
        jdbc.sql("DELETE FROM whatsapp_business_account WHERE team_id = :team AND plugin_id = :id")
                .param("team", teamId)
                .param("id", pluginId)
                .update();
        int wabaPosition = 0;
        for (WhatsappPlugin.Waba waba : wabas) {
            jdbc.sql("INSERT INTO whatsapp_business_account (team_id, plugin_id, waba_id, name, position)"
                            + " VALUES (:team, :id, :waba, :name, :position)")
                    .param("team", teamId)
                    .param("id", pluginId)
                    .param("waba", waba.id())
                    .param("name", waba.name())
                    .param("position", wabaPosition++)
                    .update();
            int numberPosition = 0;
            for (WhatsappPlugin.PhoneNumber number : waba.phoneNumbers()) {
                jdbc.sql("INSERT INTO whatsapp_phone_number (team_id, plugin_id, waba_id, phone_number_id,"
                                + " display_phone_number, verified_name, quality_rating, messaging_limit_tier,"
                                + " throughput_mps, is_coexistence, position) VALUES (:team, :id, :waba, :pnid,"
                                + " :display, :verified, :quality, :tier, :mps, :coexistence, :position)")
                        .param("team", teamId)
                        .param("id", pluginId)
                        .param("waba", waba.id())
                        .param("pnid", number.id())
                        .param("display", number.displayPhoneNumber())
                        .param("verified", number.verifiedName())
                        .param("quality", number.qualityRating())
                        .param("tier", number.messagingLimitTier())
                        .param("mps", number.throughputMps())
                        .param("coexistence", number.coexistence())
                        .param("position", numberPosition++)
                        .update();
            }
        }
        changes.changed(teamId, pluginId);
    }

    public void markSynced(UUID teamId, UUID pluginId) {
        jdbc.sql("UPDATE whatsapp_plugin SET last_synced_at = now() WHERE team_id = :team AND id = :id")
                .param("team", teamId)
                .param("id", pluginId)
                .update();
        changes.changed(teamId, pluginId);
    }

    private byte[] box(String secret) {
        return secret == null ? null : secrets.encrypt(secret);
    }

    private String open(byte[] box) {
        return box == null ? null : secrets.decrypt(box);
    }

    private WhatsappPlugin map(ResultSet rs, int row) throws SQLException {
        List<WhatsappPlugin.Waba> wabas = new ArrayList<>();
        for (JsonNode w : json.readTree(rs.getString("wabas"))) {
            List<WhatsappPlugin.PhoneNumber> numbers = new ArrayList<>();
            for (JsonNode n : w.path("phoneNumbers")) {
                numbers.add(new WhatsappPlugin.PhoneNumber(
                        n.path("id").asString(),
                        w.path("id").asString(),
                        text(n, "displayPhoneNumber"),
                        text(n, "verifiedName"),
                        text(n, "qualityRating"),
                        text(n, "messagingLimitTier"),
                        n.path("throughputMps").asInt(80),
                        n.path("isCoexistence").asBoolean(false)));
            }
            wabas.add(new WhatsappPlugin.Waba(w.path("id").asString(), text(w, "name"), List.copyOf(numbers)));
        }
        return new WhatsappPlugin(
                rs.getObject("id", UUID.class),
                rs.getObject("team_id", UUID.class),
                rs.getString("name"),
                rs.getBoolean("is_active"),
                WhatsappPlugin.Mode.valueOf(rs.getString("mode")),
                rs.getString("graph_base_url"),
                rs.getString("default_api_version"),
                json.readTree(rs.getString("config")),
                List.copyOf(wabas),
                Rows.instant(rs, "last_synced_at"),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asString();
    }
}
