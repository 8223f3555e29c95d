package org.openchakra.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openchakra.metasim.BusinessAccountSpec;
import org.openchakra.metasim.PhoneNumberSpec;
import org.openchakra.support.Reply;
import tools.jackson.databind.JsonNode;

class PluginAdminTest extends MetaSimulatorTest {

    @Test
    void sandboxPluginGetsAWabaANumberAndTheSandboxTemplates() {
        TestTeam team = newTeam();
        Reply created =
                api().post("/v1/admin/plugins/whatsapp", team.adminToken(), obj("name", "Try it", "mode", "SANDBOX"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        JsonNode plugin = created.data();
        assertThat(plugin.path("mode").asString()).isEqualTo("SANDBOX");
        assertThat(plugin.path("isActive").asBoolean()).isTrue();
        assertThat(plugin.path("graphBaseUrl").asString()).startsWith("http://127.0.0.1:");
        assertThat(plugin.path("wabas")).hasSize(1);
        assertThat(plugin.path("wabas").get(0).path("phoneNumbers")).hasSize(1);
        assertThat(created.raw())
                .doesNotContain("accessToken")
                .doesNotContain("appSecret")
                .doesNotContain("EAAsandbox");

        Reply synced = api().post(
                        "/v1/admin/plugins/whatsapp/" + plugin.path("id").asString() + "/sync",
                        team.adminToken(),
                        obj());
        assertThat(synced.status()).as(synced.toString()).isEqualTo(200);
        assertThat(synced.json().path("_meta").path("templates").asInt()).isGreaterThanOrEqualTo(4);
        assertThat(synced.data().path("lastSyncedAt").isNumber()).isTrue();
    }

    @Test
    void cloudPluginSyncsNumbersFromMetaAndNeverShowsItsSecrets() {
        TestTeam team = newTeam();
        String waba = nextId();
        String number = nextId();
        meta.registerBusiness(BusinessAccountSpec.builder(waba)
                .accessToken("EAAB-secret-token")
                .appSecret("s3cret")
                .phoneNumber(PhoneNumberSpec.of(number, "+1 555-010-2030").withThroughputMps(1000))
                .build());
        meta.seedSandboxTemplates(waba);
        Reply created = api().post(
                        "/v1/admin/plugins/whatsapp",
                        team.adminToken(),
                        obj(
                                "name",
                                "Prod",
                                "graphBaseUrl",
                                meta.baseUrl(),
                                "accessToken",
                                "EAAB-secret-token",
                                "appSecret",
                                "s3cret",
                                "wabas",
                                List.of(obj("id", waba))));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String id = created.data().path("id").asString();
        assertThat(created.data().path("wabas").get(0).path("phoneNumbers")).isEmpty();

        Reply synced = api().post("/v1/admin/plugins/whatsapp/" + id + "/sync", team.adminToken(), obj());
        assertThat(synced.status()).as(synced.toString()).isEqualTo(200);
        JsonNode numbers = synced.data().path("wabas").get(0).path("phoneNumbers");
        assertThat(numbers).hasSize(1);
        assertThat(numbers.get(0).path("id").asString()).isEqualTo(number);
        assertThat(numbers.get(0).path("displayPhoneNumber").asString()).isEqualTo("+1 555-010-2030");
        assertThat(numbers.get(0).path("throughputMps").asInt()).isEqualTo(1000);
        assertThat(synced.json().path("_meta").path("templates").asInt()).isEqualTo(4);
        assertThat(synced.raw()).doesNotContain("EAAB-secret-token").doesNotContain("s3cret");

        Reply list = api().get("/v1/admin/plugins/whatsapp", team.adminToken());
        assertThat(list.data()).hasSize(1);
        assertThat(list.raw()).doesNotContain("EAAB-secret-token");
    }

    @Test
    void aWrongTokenMakesSyncRelayMetasError() {
        TestTeam team = newTeam();
        String waba = nextId();
        meta.registerBusiness(BusinessAccountSpec.builder(waba)
                .accessToken("right")
                .appSecret("x")
                .phoneNumber(nextId(), "+1 555-010-1111")
                .build());
        String id = api().post(
                        "/v1/admin/plugins/whatsapp",
                        team.adminToken(),
                        obj(
                                "name",
                                "P",
                                "graphBaseUrl",
                                meta.baseUrl(),
                                "accessToken",
                                "wrong",
                                "appSecret",
                                "x",
                                "wabas",
                                List.of(obj("id", waba))))
                .data()
                .path("id")
                .asString();
        Reply synced = api().post("/v1/admin/plugins/whatsapp/" + id + "/sync", team.adminToken(), obj());
        assertThat(synced.status()).isEqualTo(401);
        assertThat(synced.json().path("error").path("code").asInt()).isEqualTo(190);
        assertThat(synced.json().path("_errorDetails").get(0).path("metaCode").asInt())
                .isEqualTo(190);
        assertThat(synced.firstError()).contains("190");
    }

    @Test
    void aNumberBelongsToOneActivePluginAcrossTheServer() {
        String waba = nextId();
        String number = nextId();
        Object wabas = List.of(obj("id", waba, "phoneNumbers", List.of(obj("id", number))));
        TestTeam first = newTeam();
        Reply one = api().post(
                        "/v1/admin/plugins/whatsapp",
                        first.adminToken(),
                        obj("name", "A", "accessToken", "t", "appSecret", "s", "wabas", wabas));
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        TestTeam second = newTeam();
        Reply clash = api().post(
                        "/v1/admin/plugins/whatsapp",
                        second.adminToken(),
                        obj("name", "B", "accessToken", "t", "appSecret", "s", "wabas", wabas));
        assertThat(clash.status()).as(clash.toString()).isEqualTo(409);
        assertThat(api().get("/v1/admin/plugins/whatsapp", second.adminToken()).data())
                .isEmpty();

        Reply deleted = api().delete(
                        "/v1/admin/plugins/whatsapp/" + one.data().path("id").asString(), first.adminToken());
        assertThat(deleted.data().path("isActive").asBoolean()).isFalse();
        Reply now = api().post(
                        "/v1/admin/plugins/whatsapp",
                        second.adminToken(),
                        obj("name", "B", "accessToken", "t", "appSecret", "s", "wabas", wabas));
        assertThat(now.status()).as(now.toString()).isEqualTo(200);
    }

    @Test
    void badBodiesNameTheField() {
        TestTeam team = newTeam();
        Reply missing = api().post("/v1/admin/plugins/whatsapp", team.adminToken(), obj("name", "P"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.raw()).contains("accessToken").contains("appSecret");
        Reply badVersion = api().post(
                        "/v1/admin/plugins/whatsapp",
                        team.adminToken(),
                        obj("name", "P", "mode", "SANDBOX", "defaultApiVersion", "23"));
        assertThat(badVersion.status()).isEqualTo(400);
        assertThat(badVersion.errors().get(0).asString()).contains("defaultApiVersion");
        Reply badWaba = api().post(
                        "/v1/admin/plugins/whatsapp",
                        team.adminToken(),
                        obj("name", "P", "accessToken", "t", "appSecret", "s", "wabas", List.of(obj("id", "abc"))));
        assertThat(badWaba.status()).isEqualTo(400);
        assertThat(badWaba.raw()).contains("wabas[0].id");
        Reply badConfig = api().post(
                        "/v1/admin/plugins/whatsapp",
                        team.adminToken(),
                        obj(
                                "name",
                                "P",
                                "mode",
                                "SANDBOX",
                                "config",
                                obj("chakraWebhookUrl", "ftp://x", "nope", true)));
        assertThat(badConfig.status()).isEqualTo(400);
        assertThat(badConfig.raw()).contains("config.chakraWebhookUrl").contains("config.nope");
        assertThat(api().get("/v1/admin/plugins/whatsapp", team.adminToken()).data())
                .isEmpty();
    }

    @Test
    void anotherTeamCanNeitherSeeNorChangeAPlugin() {
        TestTeam owner = newTeam();
        TestTeam other = newTeam();
        String id = api().post("/v1/admin/plugins/whatsapp", owner.adminToken(), obj("name", "Mine", "mode", "SANDBOX"))
                .data()
                .path("id")
                .asString();
        String path = "/v1/admin/plugins/whatsapp/" + id;
        assertThat(api().get(path, other.adminToken()).status()).isEqualTo(404);
        assertThat(api().put(path, other.adminToken(), obj("name", "Theirs")).status())
                .isEqualTo(404);
        assertThat(api().delete(path, other.adminToken()).status()).isEqualTo(404);
        assertThat(api().post(path + "/sync", other.adminToken(), obj()).status())
                .isEqualTo(404);
        assertThat(api().get("/v1/sandbox/" + id + "/outbox", other.adminToken())
                        .status())
                .isEqualTo(404);
        assertThat(api().get("/v1/admin/plugins/whatsapp", other.adminToken()).data())
                .isEmpty();
        JsonNode mine = api().get(path, owner.adminToken()).data();
        assertThat(mine.path("name").asString()).isEqualTo("Mine");
        assertThat(mine.path("isActive").asBoolean()).isTrue();
    }
}
