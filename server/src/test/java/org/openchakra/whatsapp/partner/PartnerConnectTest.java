package org.openchakra.whatsapp.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.openchakra.apikey.TokenSecrets;
import org.openchakra.metasim.BusinessAccountSpec;
import org.openchakra.support.Reply;
import org.openchakra.whatsapp.MetaSimulatorTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Partner access (whatsapp.md §10): connect tokens, the connect page over plain HTTP, disconnect. */
class PartnerConnectTest extends MetaSimulatorTest {

    static final String CREATE = "/v1/ext/whatsapp-partner/create-connect-token";
    static final String CONNECT = "/v1/ext/whatsapp-partner/connect";
    private static final Map<String, String> BROWSER = Map.of("Accept", "text/html,application/xhtml+xml,*/*;q=0.8");

    @Autowired
    JdbcClient jdbc;

    @Test
    void aNewSandboxPluginIsConnectedByItsLinkOnce() {
        TestTeam team = newTeam();
        Reply issued = api().post(
                        CREATE,
                        team.adminToken(),
                        obj(
                                "newPluginName",
                                "Acme <b>bold</b>",
                                "clientReferenceId",
                                "acme-42",
                                "clientName",
                                "Acme & Sons",
                                "clientEmail",
                                "ops@acme.example"));
        assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
        String token = issued.data().path("connectToken").asString();
        assertThat(token).startsWith("occ_").hasSizeGreaterThan(40);
        assertThat(issued.data().path("expiresAt").asLong())
                .isBetween(System.currentTimeMillis() + 3_540_000, System.currentTimeMillis() + 3_660_000);
        assertThat(issued.data().path("connectUrl").asString()).endsWith(CONNECT + "?connectToken=" + token);
        // Stored as its hash only.
        assertThat(jdbc.sql("SELECT row_to_json(t)::text FROM whatsapp_connect_token t WHERE token_hash = :h")
                        .param("h", TokenSecrets.hash(token))
                        .query(String.class)
                        .single())
                .doesNotContain(token);

        Reply page = page(token);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(page.raw())
                .contains("Acme &lt;b&gt;bold&lt;/b&gt;")
                .doesNotContain("<b>bold")
                .contains("Acme &amp; Sons")
                .contains("name=\"wabaId\"")
                .contains("id=\"use-sandbox\"");

        Reply connected = submit(form("connectToken", token, "mode", "SANDBOX"));
        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
        JsonNode plugin = onlyPlugin(team);
        assertThat(connected.raw())
                .contains(plugin.path("id").asString())
                .contains(plugin.path("wabas").get(0).path("id").asString())
                .contains(plugin.path("wabas")
                        .get(0)
                        .path("phoneNumbers")
                        .get(0)
                        .path("id")
                        .asString());
        assertThat(plugin.path("mode").asString()).isEqualTo("SANDBOX");
        assertThat(plugin.path("isActive").asBoolean()).isTrue();
        assertThat(plugin.path("name").asString()).isEqualTo("Acme <b>bold</b>");
        assertThat(jdbc.sql(
                                "SELECT plugin_id FROM whatsapp_connect_token WHERE token_hash = :h AND used_at IS NOT NULL")
                        .param("h", TokenSecrets.hash(token))
                        .query(UUID.class)
                        .single()
                        .toString())
                .isEqualTo(plugin.path("id").asString());

        Reply reused = page(token);
        assertThat(reused.status()).isEqualTo(410);
        assertThat(reused.header("Content-Type")).startsWith("text/html");
        assertThat(reused.raw()).contains("already used");
        assertThat(submit(form("connectToken", token, "mode", "SANDBOX")).status())
                .isEqualTo(410);
        Reply asApi = api().get(CONNECT + "?connectToken=" + token, null);
        assertThat(asApi.status()).isEqualTo(410);
        assertThat(asApi.firstError()).contains("already used");
        assertThat(api().get("/v1/admin/plugins/whatsapp", team.adminToken()).data())
                .hasSize(1);
    }

    @Test
    void anExpiredLinkIsRefusedAndConnectsNothing() {
        TestTeam team = newTeam();
        String token = issue(team, obj("newPluginName", "Late"));
        jdbc.sql("UPDATE whatsapp_connect_token SET expires_at = now() - interval '1 second' WHERE token_hash = :h")
                .param("h", TokenSecrets.hash(token))
                .update();
        Reply page = page(token);
        assertThat(page.status()).isEqualTo(410);
        assertThat(page.raw()).contains("expired").doesNotContain("name=\"wabaId\"");
        assertThat(submit(form("connectToken", token, "mode", "SANDBOX")).status())
                .isEqualTo(410);
        assertThat(api().get("/v1/admin/plugins/whatsapp", team.adminToken()).data())
                .isEmpty();
    }

    @Test
    void missingAndUnknownLinks() {
        Reply missing = api().send("GET", CONNECT, null, null, BROWSER);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.header("Content-Type")).startsWith("text/html");
        Reply missingAsApi = api().get(CONNECT, null);
        assertThat(missingAsApi.status()).isEqualTo(400);
        assertThat(missingAsApi
                        .json()
                        .path("_errorDetails")
                        .get(0)
                        .path("field")
                        .asString())
                .isEqualTo("connectToken");
        Reply unknown = page("occ_" + "x".repeat(43));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.raw()).contains("not valid");
        // An API token is no connect token, and the rest of the partner API still wants a bearer.
        assertThat(page(newTeam().adminToken()).status()).isEqualTo(404);
        assertThat(api().post(CREATE, null, obj("newPluginName", "x")).status()).isEqualTo(401);
        assertThat(api().get(CONNECT + "/", null).status()).isEqualTo(401);
    }

    @Test
    void aCloudAccountIsCheckedWithMetaAndATypoDoesNotSpendTheLink() {
        TestTeam team = newTeam();
        String waba = nextId();
        String first = nextId();
        String second = nextId();
        meta.registerBusiness(BusinessAccountSpec.builder(waba)
                .accessToken("EAAB-right")
                .appSecret("s3cret")
                .phoneNumber(first, "+1 555-020-0001")
                .phoneNumber(second, "+1 555-020-0002")
                .build());
        String token = issue(team, obj("newPluginName", "Client", "graphBaseUrl", meta.baseUrl()));
        assertThat(page(token).raw()).contains(meta.baseUrl());

        Reply wrongToken = submit(cloud(token, waba, "", "EAAB-wrong", "s3cret"));
        assertThat(wrongToken.status()).as(wrongToken.toString()).isEqualTo(400);
        assertThat(wrongToken.raw())
                .contains("Meta refused")
                .contains("(#190)")
                .contains("value=\"" + waba + "\"")
                .doesNotContain("EAAB-wrong")
                .doesNotContain("s3cret");
        Reply strangeNumber = submit(cloud(token, waba, "999", "EAAB-right", "s3cret"));
        assertThat(strangeNumber.status()).isEqualTo(400);
        assertThat(strangeNumber.raw()).contains("Not numbers of WABA " + waba + ": 999");
        Reply missing = api().send(
                        "POST",
                        CONNECT,
                        null,
                        "connectToken=" + token + "&wabaId=abc",
                        Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("_errorDetails").findValuesAsString("field"))
                .containsExactlyInAnyOrder("wabaId", "accessToken", "appSecret");
        assertThat(api().get("/v1/admin/plugins/whatsapp", team.adminToken()).data())
                .isEmpty();

        Reply connected = submit(cloud(token, waba, second, "EAAB-right", "s3cret"));
        assertThat(connected.status()).as(connected.toString()).isEqualTo(200);
        JsonNode plugin = onlyPlugin(team);
        assertThat(plugin.path("mode").asString()).isEqualTo("CLOUD_API");
        assertThat(plugin.path("graphBaseUrl").asString()).isEqualTo(meta.baseUrl());
        JsonNode numbers = plugin.path("wabas").get(0).path("phoneNumbers");
        assertThat(numbers).hasSize(1);
        assertThat(numbers.get(0).path("id").asString()).isEqualTo(second);
        assertThat(numbers.get(0).path("displayPhoneNumber").asString()).isEqualTo("+1 555-020-0002");
        assertThat(connected.raw())
                .contains(plugin.path("id").asString())
                .contains(second)
                .doesNotContain("EAAB-right");
        assertThat(submit(cloud(token, waba, second, "EAAB-right", "s3cret")).status())
                .isEqualTo(410);
    }

    @Test
    void aDisconnectedPluginRefusesCallsUntilItsClientReconnectsIt() {
        TestTeam team = newTeam();
        Connected plugin = connect(team, true);
        String settings = "/v1/whatsapp/v23.0/" + plugin.phoneNumberId() + "/settings";
        assertThat(api().get(settings, team.adminToken()).status()).isEqualTo(200);

        // An event still queued for the customer's webhook (not due yet, so no delivery loop takes it first).
        UUID queued = jdbc.sql("INSERT INTO webhook_delivery (team_id, plugin_id, event, kind, url, order_key, body,"
                        + " next_attempt_at, expires_at) VALUES (:team, :plugin, 'message', 'CHAKRA',"
                        + " 'http://127.0.0.1:9/hook', 'k', '\\x7b7d', now() + interval '1 hour', now() + interval '1 day')"
                        + " RETURNING id")
                .param("team", team.id())
                .param("plugin", UUID.fromString(plugin.pluginId()))
                .query(UUID.class)
                .single();

        Reply disconnected =
                api().post("/v1/ext/plugin/whatsapp/" + plugin.pluginId() + "/disconnect", team.adminToken(), obj());
        assertThat(disconnected.status()).as(disconnected.toString()).isEqualTo(200);
        assertThat(disconnected.data().path("success").asBoolean()).isTrue();
        assertThat(jdbc.sql("SELECT status FROM webhook_delivery WHERE id = :id")
                        .param("id", queued)
                        .query(String.class)
                        .single())
                .isEqualTo("EXPIRED");
        assertThat(api().get(settings, team.adminToken()).status()).isEqualTo(404);
        Reply groups = api().get(plugin.api("v23.0") + "/" + plugin.phoneNumberId() + "/groups", team.adminToken());
        assertThat(groups.status()).isEqualTo(404);
        assertThat(groups.firstError()).contains("is not active");
        assertThat(onlyPlugin(team).path("isActive").asBoolean()).isFalse();

        String token = issue(team, obj("pluginId", plugin.pluginId()));
        Reply page = page(token);
        assertThat(page.raw())
                .contains("Reconnect WhatsApp")
                .contains(plugin.pluginId())
                .doesNotContain("id=\"use-sandbox\"");
        Reply reconnected = submit(cloud(token, plugin.wabaId(), "", plugin.token(), "app-secret"));
        assertThat(reconnected.status()).as(reconnected.toString()).isEqualTo(200);
        assertThat(reconnected.raw()).contains(plugin.pluginId());
        assertThat(onlyPlugin(team).path("isActive").asBoolean()).isTrue();
        assertThat(api().get(settings, team.adminToken()).status()).isEqualTo(200);
    }

    @Test
    void aSandboxPluginReconnectsAsTheSandboxKeepingItsNumber() {
        TestTeam team = newTeam();
        JsonNode created = api().post(
                        "/v1/admin/plugins/whatsapp", team.adminToken(), obj("name", "Try", "mode", "SANDBOX"))
                .data();
        String id = created.path("id").asString();
        String number = created.path("wabas")
                .get(0)
                .path("phoneNumbers")
                .get(0)
                .path("id")
                .asString();
        api().post("/v1/ext/plugin/whatsapp/" + id + "/disconnect", team.adminToken(), obj());

        String token = issue(team, obj("pluginId", id));
        Reply page = page(token);
        assertThat(page.raw()).contains("Reconnect the sandbox").doesNotContain("name=\"wabaId\"");
        Reply cloud = submit(cloud(token, "123", "", "EAAB-x", "y"));
        assertThat(cloud.status()).isEqualTo(400);
        assertThat(submit(form("connectToken", token, "mode", "SANDBOX")).status())
                .isEqualTo(200);
        JsonNode plugin = onlyPlugin(team);
        assertThat(plugin.path("isActive").asBoolean()).isTrue();
        assertThat(plugin.path("wabas")
                        .get(0)
                        .path("phoneNumbers")
                        .get(0)
                        .path("id")
                        .asString())
                .isEqualTo(number);
        Reply sent = api().get("/v1/whatsapp/v23.0/" + number + "/settings", team.adminToken());
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
    }

    @Test
    void twoSubmissionsOfOneLinkConnectOnce() {
        TestTeam team = newTeam();
        String token = issue(team, obj("newPluginName", "Race"));
        List<CompletableFuture<Integer>> submissions = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() ->
                        submit(form("connectToken", token, "mode", "SANDBOX")).status()))
                .toList();
        List<Integer> statuses =
                submissions.stream().map(CompletableFuture::join).sorted().toList();
        assertThat(statuses).containsExactly(200, 410, 410, 410);
        assertThat(api().get("/v1/admin/plugins/whatsapp", team.adminToken()).data())
                .hasSize(1);
    }

    @Test
    void tokensTakePluginAdminAndNameOnlyTheTeamsPlugins() {
        TestTeam team = newTeam();
        String agent = newKey(team, "agent");
        String manager = newKey(team, "manager");
        assertThat(api().post(CREATE, agent, obj("newPluginName", "x")).status())
                .isEqualTo(403);
        assertThat(api().post(CREATE, manager, obj("newPluginName", "x")).status())
                .isEqualTo(200);
        // The client's token would be sent to graphBaseUrl: only an admin may choose it.
        assertThat(api().post(CREATE, manager, obj("newPluginName", "x", "graphBaseUrl", "http://127.0.0.1:1"))
                        .status())
                .isEqualTo(403);

        Reply both = api().post(
                        CREATE,
                        team.adminToken(),
                        obj("pluginId", UUID.randomUUID().toString(), "newPluginName", "x"));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().path("_errorDetails").get(0).path("field").asString())
                .isEqualTo("newPluginName");
        assertThat(api().post(CREATE, team.adminToken(), obj()).status()).isEqualTo(400);
        assertThat(api().post(CREATE, team.adminToken(), obj("newPluginName", "  "))
                        .status())
                .isEqualTo(400);
        Reply email = api().post(CREATE, team.adminToken(), obj("newPluginName", "x", "clientEmail", "nope"));
        assertThat(email.status()).isEqualTo(400);
        assertThat(email.json().path("_errorDetails").get(0).path("field").asString())
                .isEqualTo("clientEmail");

        TestTeam other = newTeam();
        String theirs = api().post(
                        "/v1/admin/plugins/whatsapp", other.adminToken(), obj("name", "Theirs", "mode", "SANDBOX"))
                .data()
                .path("id")
                .asString();
        assertThat(api().post(CREATE, team.adminToken(), obj("pluginId", theirs))
                        .status())
                .isEqualTo(404);
        String disconnect = "/v1/ext/plugin/whatsapp/" + theirs + "/disconnect";
        assertThat(api().post(disconnect, team.adminToken(), obj()).status()).isEqualTo(404);
        assertThat(api().post(disconnect, newKey(other, "agent"), obj()).status())
                .isEqualTo(403);
        assertThat(api().get("/v1/admin/plugins/whatsapp/" + theirs, other.adminToken())
                        .data()
                        .path("isActive")
                        .asBoolean())
                .isTrue();
    }

    private String issue(TestTeam team, Map<String, Object> body) {
        Reply issued = api().post(CREATE, team.adminToken(), body);
        assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
        return issued.data().path("connectToken").asString();
    }

    private Reply page(String token) {
        return api().send("GET", CONNECT + "?connectToken=" + token, null, null, BROWSER);
    }

    /** A form post as a browser sends it: no bearer, HTML accepted. */
    private Reply submit(Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        Map<String, String> headers = new LinkedHashMap<>(BROWSER);
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        return api().send("POST", CONNECT, null, body, headers);
    }

    private static Map<String, String> form(String... keysAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return fields;
    }

    private static Map<String, String> cloud(
            String token, String waba, String numbers, String accessToken, String appSecret) {
        return form(
                "connectToken",
                token,
                "mode",
                "CLOUD_API",
                "wabaId",
                waba,
                "phoneNumberIds",
                numbers,
                "accessToken",
                accessToken,
                "appSecret",
                appSecret);
    }

    private JsonNode onlyPlugin(TestTeam team) {
        JsonNode list =
                api().get("/v1/admin/plugins/whatsapp", team.adminToken()).data();
        assertThat(list).hasSize(1);
        return list.get(0);
    }
}
