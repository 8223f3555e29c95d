package org.openchakra.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openchakra.support.IntegrationTest;
import org.openchakra.support.Reply;
import tools.jackson.databind.JsonNode;

/** Create, fetch, update, delete processes (platform.md §4) and leads (§9). */
class ProcessApiTest extends IntegrationTest {

    private static final List<String> PROCESS_FIELDS = List.of(
            "id",
            "createdAt",
            "updatedAt",
            "team",
            "procedure",
            "createdBy",
            "assignedTo",
            "belongsTo",
            "entity",
            "record",
            "status",
            "state",
            "data",
            "derivedData",
            "nextActionAt",
            "isDeleted");

    @Test
    void createFetchUpdateAndDeleteALead() {
        TestTeam team = newTeam();
        Reply created = api().post(
                        "/v1/ext/procedure/lead/process",
                        team.adminToken(),
                        obj(
                                "data",
                                obj(
                                        "name",
                                        "Asha Rao",
                                        "phone_number",
                                        "+91 99112 23344",
                                        "email",
                                        "Asha@Example.COM")));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        JsonNode p = created.data();
        assertThat(new java.util.ArrayList<>(p.propertyNames())).containsExactlyElementsOf(PROCESS_FIELDS);
        assertThat(p.path("data").path("lead_id").asString()).matches("LEAD-\\d{6}");
        assertThat(p.path("data").path("phone_number").asString()).isEqualTo("919911223344");
        assertThat(p.path("data").path("email").asString()).isEqualTo("asha@example.com");
        assertThat(p.path("state").asString()).isEqualTo("NEW");
        assertThat(p.path("status").asString()).isEqualTo("OPEN");
        assertThat(p.path("createdAt").isIntegralNumber()).isTrue();
        String id = p.path("id").asString();
        String leadId = p.path("data").path("lead_id").asString();

        assertThat(api().get("/v1/ext/procedure/lead/process/" + id, team.adminToken())
                        .data()
                        .path("id")
                        .asString())
                .isEqualTo(id);
        String procedureId = p.path("procedure").asString();
        assertThat(api().get("/v1/ext/procedure/" + procedureId + "/process/" + id, team.adminToken())
                        .status())
                .isEqualTo(200);

        Reply updated = api().put(
                        "/v1/ext/procedure/lead/process/" + id,
                        team.adminToken(),
                        obj(
                                "data",
                                obj("name", "Asha R."),
                                "state",
                                "CONVERTED",
                                "nextActionAt",
                                "2030-01-01T00:00:00Z",
                                "assignedTo",
                                "admin"));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.data().path("data").path("name").asString()).isEqualTo("Asha R.");
        assertThat(updated.data().path("data").path("email").asString()).isEqualTo("asha@example.com");
        assertThat(updated.data().path("status").asString()).isEqualTo("COMPLETED");
        assertThat(updated.data().path("nextActionAt").asLong()).isEqualTo(1893456000000L);
        assertThat(updated.data().path("assignedTo").asString())
                .isEqualTo(team.adminUserId().toString());

        Reply byKey = api().put(
                        "/v1/ext/procedure/lead/process/lead_id/" + leadId,
                        team.adminToken(),
                        obj("data", obj("email", null), "status", "CANCELLED", "state", "NOT_INTERESTED"));
        assertThat(byKey.data().path("data").has("email")).isFalse();
        assertThat(byKey.data().path("status").asString()).isEqualTo("CANCELLED");

        Reply deleted = api().delete("/v1/ext/procedure/lead/process/lead_id/" + leadId, team.adminToken());
        assertThat(deleted.data().path("isDeleted").asBoolean()).isTrue();
        assertThat(api().get("/v1/ext/procedure/lead/process/" + id, team.adminToken())
                        .status())
                .isEqualTo(404);
        assertThat(api().delete("/v1/ext/procedure/lead/process/" + id, team.adminToken())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void leadsAreUniqueByPhoneNumberAndMerge() {
        TestTeam team = newTeam();
        Reply first = api().post(
                        "/v1/ext/procedure/lead/process",
                        team.adminToken(),
                        obj("data", obj("name", "Ravi", "phone_number", "9988776655")));
        Reply second = api().post(
                        "/v1/ext/procedure/lead/process",
                        team.adminToken(),
                        obj("data", obj("email", "ravi@example.com", "phone_number", "+91-99887-76655")));
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.json().path("_meta").path("merged").asBoolean()).isTrue();
        assertThat(second.data().path("id").asString())
                .isEqualTo(first.data().path("id").asString());
        assertThat(second.data().path("data").path("name").asString()).isEqualTo("Ravi");
        assertThat(second.data().path("data").path("email").asString()).isEqualTo("ravi@example.com");
        assertThat(first.json().path("_meta").has("merged")).isFalse();

        Reply byPhone = api().put(
                        "/v1/ext/lead/phoneNumber/919988776655", team.adminToken(), obj("data", obj("name", "Ravi K")));
        assertThat(byPhone.data().path("data").path("name").asString()).isEqualTo("Ravi K");
        assertThat(api().put("/v1/ext/lead/phoneNumber/911111111111", team.adminToken(), obj("data", obj("name", "X")))
                        .status())
                .isEqualTo(404);
        Reply upserted = api().put(
                        "/v1/ext/lead/phoneNumber/911111111111?upsert=true",
                        team.adminToken(),
                        obj("data", obj("name", "New person")));
        assertThat(upserted.status()).as(upserted.toString()).isEqualTo(200);
        assertThat(upserted.data().path("data").path("phone_number").asString()).isEqualTo("911111111111");
    }

    @Test
    void primaryKeysAreUnique() {
        TestTeam team = newTeam();
        api().post("/v1/ext/procedure/lead/process", team.adminToken(), obj("data", obj("lead_id", "EXT-1")));
        Reply clash =
                api().post("/v1/ext/procedure/lead/process", team.adminToken(), obj("data", obj("lead_id", "EXT-1")));
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.json().path("_errorDetails").path(0).path("field").asString())
                .isEqualTo("data.lead_id");
        String other = api().post(
                        "/v1/ext/procedure/lead/process", team.adminToken(), obj("data", obj("lead_id", "EXT-2")))
                .data()
                .path("id")
                .asString();
        assertThat(api().put(
                                "/v1/ext/procedure/lead/process/" + other,
                                team.adminToken(),
                                obj("data", obj("lead_id", "EXT-1")))
                        .status())
                .isEqualTo(409);
        // After a soft delete the key is free again.
        api().delete("/v1/ext/procedure/lead/process/lead_id/EXT-1", team.adminToken());
        assertThat(api().post("/v1/ext/procedure/lead/process", team.adminToken(), obj("data", obj("lead_id", "EXT-1")))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void everyAttributeTypeAcceptsItsValuesAndRefusesOthers() {
        TestTeam team = newTeam();
        Reply made = api().post(
                        "/v1/admin/procedures",
                        team.adminToken(),
                        obj(
                                "shortId",
                                "kitchen",
                                "states",
                                List.of(obj("shortId", "S")),
                                "attributes",
                                List.of(
                                        attr("s", "string"),
                                        attr("t", "text"),
                                        attr("n", "name"),
                                        attr("i", "integer"),
                                        attr("num", "number"),
                                        attr("f", "float"),
                                        attr("d", "decimal"),
                                        attr("b", "boolean"),
                                        attr("e", "email"),
                                        attr("ph", "phone"),
                                        attr("u", "url"),
                                        attr("dt", "date"),
                                        attr("dtt", "datetime"),
                                        attr("tm", "time"),
                                        attr("iso", "datetimeISO8601"),
                                        obj("shortId", "se", "type", "stringEnum", "options", List.of("a", "b")),
                                        obj("shortId", "ie", "type", "integerEnum", "options", List.of(1, 2)),
                                        obj(
                                                "shortId",
                                                "mse",
                                                "type",
                                                "multiStringEnum",
                                                "options",
                                                List.of("x", "y", "z")),
                                        obj("shortId", "mie", "type", "multiIntegerEnum", "options", List.of(5, 6)),
                                        attr("user", "user"),
                                        attr("j", "json"),
                                        attr("xo", "externalObject"),
                                        attr("sid", "stringId"),
                                        attr("pic", "photo"),
                                        attr("pics", "multiPhotos"))));
        assertThat(made.status()).as(made.toString()).isEqualTo(200);

        Map<String, Object> good = obj(
                "s",
                "hello",
                "t",
                "long text",
                "n",
                "Name",
                "i",
                "105",
                "num",
                7,
                "f",
                "2.50",
                "d",
                3.25,
                "b",
                "true",
                "e",
                "A@B.CO",
                "ph",
                "(+1) 415-555-0100",
                "u",
                "https://example.com/x",
                "dt",
                "2024-02-29",
                "dtt",
                1700000000000L,
                "tm",
                "1700000000000",
                "iso",
                "2024-01-01T10:00:00+05:30",
                "se",
                "b",
                "ie",
                "2",
                "mse",
                List.of("z", "x"),
                "mie",
                List.of(6),
                "user",
                "admin",
                "j",
                obj("k", List.of(1, 2)),
                "xo",
                obj("id", "ext-1"),
                "sid",
                "S-1");
        Reply ok = api().post("/v1/ext/procedure/kitchen/process", team.adminToken(), obj("data", good));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        JsonNode d = ok.data().path("data");
        assertThat(d.path("i").isIntegralNumber()).isTrue();
        assertThat(d.path("i").asLong()).isEqualTo(105);
        assertThat(d.path("f").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(d.path("b").isBoolean()).isTrue();
        assertThat(d.path("e").asString()).isEqualTo("a@b.co");
        assertThat(d.path("ph").asString()).isEqualTo("14155550100");
        assertThat(d.path("dt").asLong()).isEqualTo(1709164800000L);
        assertThat(d.path("tm").asLong()).isEqualTo(1700000000000L);
        assertThat(d.path("ie").asInt()).isEqualTo(2);
        assertThat(d.path("mse").size()).isEqualTo(2);
        assertThat(d.path("user").asString()).isEqualTo(team.adminUserId().toString());

        Map<String, Object> bad = obj(
                "s",
                obj("no", 1),
                "i",
                "1.5",
                "num",
                "ten",
                "f",
                "NaN",
                "b",
                "yes",
                "e",
                "not-an-email",
                "ph",
                "12",
                "u",
                "ftp://x",
                "dt",
                "someday",
                "iso",
                "2024-01-01",
                "se",
                "c",
                "ie",
                3,
                "mse",
                List.of("q"),
                "mie",
                List.of("x"),
                "user",
                "nobody",
                "j",
                List.of(1),
                "pic",
                UUID.randomUUID().toString(),
                "pics",
                "x",
                "unknown_attr",
                1);
        Reply refused = api().post("/v1/ext/procedure/kitchen/process", team.adminToken(), obj("data", bad));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("_errorDetails").findValuesAsString("field"))
                .containsExactlyInAnyOrder(
                        "data.s",
                        "data.i",
                        "data.num",
                        "data.f",
                        "data.b",
                        "data.e",
                        "data.ph",
                        "data.u",
                        "data.dt",
                        "data.iso",
                        "data.se",
                        "data.ie",
                        "data.mse",
                        "data.mie",
                        "data.user",
                        "data.j",
                        "data.pic",
                        "data.pics",
                        "data.unknown_attr");
        assertThat(api().post("/v1/ext/procedure/kitchen/process/list", team.adminToken(), obj())
                        .data()
                        .size())
                .isEqualTo(1);
    }

    @Test
    void badBodiesUnknownStatesAndUsersAre400() {
        TestTeam team = newTeam();
        Reply r = api().post(
                        "/v1/ext/procedure/lead/process",
                        team.adminToken(),
                        obj(
                                "data",
                                obj("name", "x"),
                                "state",
                                "NOPE",
                                "status",
                                "DONE",
                                "assignedTo",
                                "ghost@nowhere"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("_errorDetails").findValuesAsString("field"))
                .containsExactlyInAnyOrder("state", "status", "assignedTo");
        assertThat(api().post("/v1/ext/procedure/nope/process", team.adminToken(), obj("data", obj()))
                        .status())
                .isEqualTo(404);
        assertThat(api().post("/v1/ext/procedure/lead/process", team.adminToken(), obj("data", List.of(1)))
                        .status())
                .isEqualTo(400);
        assertThat(api().put("/v1/ext/procedure/lead/process/name/x", team.adminToken(), obj())
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aRecordIsSharedByProcessesOfTheSameCustomer() {
        TestTeam team = newTeam();
        Reply a = api().post(
                        "/v1/ext/procedure/lead/process",
                        team.adminToken(),
                        obj(
                                "data",
                                obj("name", "Meera", "lead_id", "R-1"),
                                "record",
                                obj("data", obj("phone", "9000000001", "city", "Pune"))));
        Reply b = api().post(
                        "/v1/ext/procedure/lead/process",
                        team.adminToken(),
                        obj(
                                "data",
                                obj("name", "Meera again", "lead_id", "R-2"),
                                "record",
                                obj("data", obj("phone_number", "+919000000001"))));
        assertThat(a.data().path("record").asString())
                .isNotBlank()
                .isEqualTo(b.data().path("record").asString());
    }

    @Test
    void anotherTeamCannotTouchProcesses() {
        TestTeam a = newTeam();
        TestTeam b = newTeam();
        String id = api().post(
                        "/v1/ext/procedure/lead/process",
                        a.adminToken(),
                        obj("data", obj("name", "Private", "lead_id", "P-1")))
                .data()
                .path("id")
                .asString();
        String procedureId = api().get("/v1/admin/procedures/lead", a.adminToken())
                .data()
                .path("id")
                .asString();
        assertThat(api().get("/v1/ext/procedure/lead/process/" + id, b.adminToken())
                        .status())
                .isEqualTo(404);
        assertThat(api().get("/v1/ext/procedure/" + procedureId + "/process/" + id, b.adminToken())
                        .status())
                .isEqualTo(404);
        assertThat(api().put("/v1/ext/procedure/lead/process/" + id, b.adminToken(), obj("data", obj("name", "X")))
                        .status())
                .isEqualTo(404);
        assertThat(api().put("/v1/ext/procedure/lead/process/lead_id/P-1", b.adminToken(), obj())
                        .status())
                .isEqualTo(404);
        assertThat(api().delete("/v1/ext/procedure/lead/process/" + id, b.adminToken())
                        .status())
                .isEqualTo(404);
        assertThat(api().post("/v1/ext/p/lead/" + id + "/task/call", b.adminToken(), obj())
                        .status())
                .isEqualTo(404);
        assertThat(api().get("/v1/ext/p/lead/P-1/task", b.adminToken()).status())
                .isEqualTo(404);
        api().put(
                        "/v1/ext/procedure/lead/process/" + id,
                        a.adminToken(),
                        obj("data", obj("phone_number", "9123456780")));
        assertThat(api().put("/v1/ext/lead/phoneNumber/919123456780", b.adminToken(), obj("data", obj("name", "X")))
                        .status())
                .isEqualTo(404);
        assertThat(api().post("/v1/ext/procedure/lead/process/list", b.adminToken(), obj())
                        .raw())
                .doesNotContain(id);
        assertThat(api().get("/v1/ext/procedure/lead/process/" + id, a.adminToken())
                        .data()
                        .path("data")
                        .path("name")
                        .asString())
                .isEqualTo("Private");
    }

    @Test
    void tasksAreCreatedLoggedAndListed() {
        TestTeam team = newTeam();
        JsonNode lead = api().post(
                        "/v1/ext/procedure/lead/process",
                        team.adminToken(),
                        obj("data", obj("name", "Tasked", "lead_id", "TK-1")))
                .data();
        Reply open = api().post(
                        "/v1/ext/p/lead/TK-1/task/call",
                        team.adminToken(),
                        obj(
                                "data",
                                obj("call_disposition", "CALL_BACK", "next_call_time", "2030-01-01T10:00:00Z"),
                                "title",
                                "Call back",
                                "assignedTo",
                                "admin",
                                "dueBy",
                                1893492000000L));
        assertThat(open.status()).as(open.toString()).isEqualTo(200);
        assertThat(open.data().path("status").asString()).isEqualTo("OPEN");
        assertThat(open.data().path("completedAt").isNull()).isTrue();
        assertThat(open.data().path("process").asString())
                .isEqualTo(lead.path("id").asString());
        Reply logged = api().post(
                        "/v1/ext/p/lead/" + lead.path("id").asString() + "/task/call",
                        team.adminToken(),
                        obj("status", "COMPLETED", "data", obj("remarks", "Spoke to them")));
        assertThat(logged.data().path("completedAt").isIntegralNumber()).isTrue();
        Reply list = api().get("/v1/ext/p/lead/TK-1/task", team.adminToken());
        assertThat(list.data().size()).isEqualTo(2);
        assertThat(list.data().path(0).path("id").asString())
                .isEqualTo(logged.data().path("id").asString());

        Reply bad = api().post(
                        "/v1/ext/p/lead/TK-1/task/call",
                        team.adminToken(),
                        obj("data", obj("call_disposition", "MAYBE", "nope", 1), "status", "LATER"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("_errorDetails").findValuesAsString("field"))
                .containsExactlyInAnyOrder("data.call_disposition", "data.nope", "status");
        assertThat(api().post("/v1/ext/p/lead/TK-1/task/nope", team.adminToken(), obj())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void photoAttributesTakePhotosOfTheTeamOnly() {
        TestTeam team = newTeam();
        TestTeam other = newTeam();
        String mine = uploadPhoto(team);
        String theirs = uploadPhoto(other);
        api().post(
                        "/v1/admin/procedures/lead/attributes",
                        team.adminToken(),
                        obj("shortId", "selfie", "type", "photo"));
        api().post(
                        "/v1/admin/procedures/lead/attributes",
                        team.adminToken(),
                        obj("shortId", "album", "type", "multiPhotos"));
        Reply ok = api().post(
                        "/v1/ext/procedure/lead/process",
                        team.adminToken(),
                        obj("data", obj("name", "P", "selfie", mine, "album", List.of(mine))));
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.data().path("data").path("album").path(0).asString()).isEqualTo(mine);
        Reply refused = api().post(
                        "/v1/ext/procedure/lead/process",
                        team.adminToken(),
                        obj("data", obj("name", "P2", "selfie", theirs, "album", List.of(mine, theirs))));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("_errorDetails").findValuesAsString("field"))
                .containsExactlyInAnyOrder("data.selfie", "data.album");
    }

    @Test
    void valuesOfARemovedAttributeStayReadable() {
        TestTeam team = newTeam();
        api().post(
                        "/v1/admin/procedures/lead/attributes",
                        team.adminToken(),
                        obj("shortId", "budget", "type", "integer"));
        String id = api().post(
                        "/v1/ext/procedure/lead/process",
                        team.adminToken(),
                        obj("data", obj("name", "B", "budget", 5000)))
                .data()
                .path("id")
                .asString();
        assertThat(api().delete("/v1/admin/procedures/lead/attributes/budget", team.adminToken())
                        .status())
                .isEqualTo(200);
        Reply after = api().get("/v1/ext/procedure/lead/process/" + id, team.adminToken());
        assertThat(after.data().path("data").path("budget").asInt()).isEqualTo(5000);
        // The schema no longer has it: new writes and filters on it are refused.
        assertThat(api().put("/v1/ext/procedure/lead/process/" + id, team.adminToken(), obj("data", obj("budget", 1)))
                        .status())
                .isEqualTo(400);
        assertThat(api().post(
                                "/v1/ext/procedure/lead/process/list",
                                team.adminToken(),
                                obj("where", obj("budget", 5000)))
                        .status())
                .isEqualTo(400);
        // Other updates keep the old value.
        Reply renamed =
                api().put("/v1/ext/procedure/lead/process/" + id, team.adminToken(), obj("data", obj("name", "B2")));
        assertThat(renamed.data().path("data").path("budget").asInt()).isEqualTo(5000);
    }

    private String uploadPhoto(TestTeam team) {
        byte[] pdf = "%PDF-1.4 test".getBytes();
        org.openchakra.support.Multipart form =
                new org.openchakra.support.Multipart().file("photo", "doc.pdf", "application/pdf", pdf);
        Reply r = api().send("POST", "/v1/ext/photo", team.adminToken(), form.body(), form.headers());
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.data().path("id").asString();
    }

    private static Map<String, Object> attr(String shortId, String type) {
        return obj("shortId", shortId, "type", type);
    }
}
