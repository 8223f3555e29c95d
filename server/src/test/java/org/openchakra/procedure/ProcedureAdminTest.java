package org.openchakra.procedure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openchakra.support.IntegrationTest;
import org.openchakra.support.Reply;
import tools.jackson.databind.JsonNode;

/** Procedures through the admin API, the lead procedure of new teams, and their place in config. */
class ProcedureAdminTest extends IntegrationTest {

    @Test
    void everyNewTeamHasTheLeadProcedure() {
        TestTeam team = newTeam();
        Reply lead = api().get("/v1/admin/procedures/lead", team.adminToken());
        assertThat(lead.status()).as(lead.toString()).isEqualTo(200);
        JsonNode p = lead.data();
        assertThat(p.path("attributes").findValuesAsString("shortId"))
                .containsExactly("lead_id", "name", "phone_number", "email");
        assertThat(p.path("states").findValuesAsString("shortId"))
                .containsExactly("NEW", "IN_PROGRESS", "CONVERTED", "NOT_INTERESTED");
        assertThat(p.path("startState").asString()).isEqualTo("NEW");
        assertThat(p.path("completedState").asString()).isEqualTo("CONVERTED");
        assertThat(p.path("primaryKey").asString()).isEqualTo("lead_id");
        assertThat(p.path("primaryIdentifier").asString()).isEqualTo("name");
        assertThat(p.path("primaryPhoneAttribute").asString()).isEqualTo("phone_number");
        assertThat(p.path("attributes").path(0).path("autoId").path("prefix").asString())
                .isEqualTo("LEAD-");
        assertThat(p.path("stateTasks").path(0).path("attributes").findValuesAsString("shortId"))
                .containsExactly("call_disposition", "next_call_time", "remarks");

        Reply config = api().get("/v1/ext/config", team.adminToken());
        assertThat(config.data().path("procedures").path(0).path("shortId").asString())
                .isEqualTo("lead");
        assertThat(config.data().path("attributes").size()).isEqualTo(4);
        assertThat(config.data().path("stateTasks").path(0).path("shortId").asString())
                .isEqualTo("call");
        assertThat(config.data().path("attributes").path(0).path("id").asString())
                .isNotBlank();
    }

    @Test
    void aProcedureIsCreatedAndGrowsAttributesStatesAndTasks() {
        TestTeam team = newTeam();
        Reply created = api().post(
                        "/v1/admin/procedures",
                        team.adminToken(),
                        obj(
                                "shortId",
                                "ticket",
                                "name",
                                "Ticket",
                                "attributes",
                                List.of(
                                        obj(
                                                "shortId",
                                                "code",
                                                "type",
                                                "stringId",
                                                "autoId",
                                                obj("prefix", "T-", "padding", 4)),
                                        obj("shortId", "subject", "type", "string", "required", true),
                                        obj("shortId", "priority", "type", "integerEnum", "options", List.of(1, 2, 3))),
                                "states",
                                List.of(obj("shortId", "OPEN_T"), obj("shortId", "DONE")),
                                "completedState",
                                "DONE",
                                "primaryKey",
                                "code",
                                "primaryIdentifier",
                                "subject"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.data().path("startState").asString()).isEqualTo("OPEN_T");

        Reply added = api().post(
                        "/v1/admin/procedures/ticket/attributes",
                        team.adminToken(),
                        obj("shortId", "due", "type", "datetime"));
        assertThat(added.data().path("attributes").findValuesAsString("shortId"))
                .contains("due");
        assertThat(api().post("/v1/admin/procedures/ticket/states", team.adminToken(), obj("shortId", "WAITING"))
                        .data()
                        .path("states")
                        .size())
                .isEqualTo(3);
        assertThat(api().post(
                                "/v1/admin/procedures/ticket/state-tasks",
                                team.adminToken(),
                                obj(
                                        "shortId",
                                        "follow_up",
                                        "attributes",
                                        List.of(obj("shortId", "note", "type", "text"))))
                        .status())
                .isEqualTo(200);

        Reply renamed = api().put(
                        "/v1/admin/procedures/ticket/attributes/subject",
                        team.adminToken(),
                        obj("name", "Subject line", "required", false));
        assertThat(renamed.status()).isEqualTo(200);

        Reply removed = api().delete("/v1/admin/procedures/ticket/attributes/due", team.adminToken());
        assertThat(removed.data().path("attributes").findValuesAsString("shortId"))
                .doesNotContain("due");
        // A removed shortId stays taken, so old values never change meaning.
        assertThat(api().post(
                                "/v1/admin/procedures/ticket/attributes",
                                team.adminToken(),
                                obj("shortId", "due", "type", "string"))
                        .status())
                .isEqualTo(409);
        assertThat(api().delete("/v1/admin/procedures/ticket/attributes/code", team.adminToken())
                        .status())
                .isEqualTo(409);
        assertThat(api().post(
                                "/v1/admin/procedures",
                                team.adminToken(),
                                obj("shortId", "ticket", "states", List.of(obj("shortId", "A"))))
                        .status())
                .isEqualTo(409);
    }

    @Test
    void inconsistentProceduresAre400NamingTheField() {
        TestTeam team = newTeam();
        Reply bad = api().post(
                        "/v1/admin/procedures",
                        team.adminToken(),
                        obj(
                                "shortId",
                                "bad one",
                                "attributes",
                                List.of(
                                        obj("shortId", "x", "type", "nonsense"),
                                        obj("shortId", "e", "type", "stringEnum")),
                                "states",
                                List.of()));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("_errorDetails").findValuesAsString("field"))
                .contains("shortId", "attributes.0.type", "attributes.1.options");

        Reply wrongKey = api().post(
                        "/v1/admin/procedures",
                        team.adminToken(),
                        obj(
                                "shortId",
                                "p2",
                                "attributes",
                                List.of(
                                        obj("shortId", "phone", "type", "phone"),
                                        obj("shortId", "tags", "type", "json")),
                                "states",
                                List.of(obj("shortId", "S")),
                                "completedState",
                                "NOPE",
                                "primaryKey",
                                "tags",
                                "primaryEmailAttribute",
                                "phone"));
        assertThat(wrongKey.status()).isEqualTo(400);
        assertThat(wrongKey.json().path("_errorDetails").findValuesAsString("field"))
                .containsExactlyInAnyOrder("completedState", "primaryKey", "primaryEmailAttribute");
        assertThat(api().get("/v1/admin/procedures/p2", team.adminToken()).status())
                .isEqualTo(404);
    }

    @Test
    void anotherTeamsProceduresAreInvisible() {
        TestTeam a = newTeam();
        TestTeam b = newTeam();
        api().post(
                        "/v1/admin/procedures",
                        a.adminToken(),
                        obj("shortId", "secret_proc", "states", List.of(obj("shortId", "S"))));
        assertThat(api().get("/v1/admin/procedures/secret_proc", b.adminToken()).status())
                .isEqualTo(404);
        assertThat(api().post(
                                "/v1/admin/procedures/secret_proc/attributes",
                                b.adminToken(),
                                obj("shortId", "x", "type", "string"))
                        .status())
                .isEqualTo(404);
        assertThat(api().get("/v1/admin/procedures", b.adminToken()).raw()).doesNotContain("secret_proc");
        assertThat(api().get("/v1/ext/config", b.adminToken()).raw()).doesNotContain("secret_proc");
    }

    @Test
    void jsonAttributesFollowTheirSchema() {
        TestTeam team = newTeam();
        Reply remote = api().post(
                        "/v1/admin/procedures/lead/attributes",
                        team.adminToken(),
                        obj(
                                "shortId",
                                "addr",
                                "type",
                                "json",
                                "schema",
                                obj("$ref", "https://example.com/schema.json")));
        assertThat(remote.status()).isEqualTo(400);
        assertThat(remote.json().path("_errorDetails").path(0).path("field").asString())
                .isEqualTo("schema");

        Reply added = api().post(
                        "/v1/admin/procedures/lead/attributes",
                        team.adminToken(),
                        obj(
                                "shortId",
                                "address",
                                "type",
                                "json",
                                "schema",
                                obj(
                                        "type",
                                        "object",
                                        "required",
                                        List.of("city"),
                                        "properties",
                                        obj("city", obj("type", "string"), "pin", obj("type", "integer")))));
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        Reply ok = api().post(
                        "/v1/ext/procedure/lead/process",
                        team.adminToken(),
                        obj("data", obj("name", "S", "address", obj("city", "Pune", "pin", 411001))));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        Reply bad = api().post(
                        "/v1/ext/procedure/lead/process",
                        team.adminToken(),
                        obj("data", obj("name", "S2", "address", obj("pin", "four"))));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("_errorDetails").path(0).path("field").asString())
                .isEqualTo("data.address");
        assertThat(bad.firstError()).contains("schema");
    }
}
