package org.openchakra.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openchakra.support.Json.obj;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.openchakra.support.IntegrationTest;
import org.openchakra.support.Reply;
import tools.jackson.databind.JsonNode;

/** Bulk create and bulk update as background jobs (platform.md §5), through the HTTP API. */
class BulkJobApiTest extends IntegrationTest {

    private static final List<String> JOB_FIELDS = List.of(
            "id",
            "createdAt",
            "updatedAt",
            "startedAt",
            "completedAt",
            "completionStatus",
            "statusMessage",
            "team",
            "type");

    @Test
    void aBulkCreateWithValidAndInvalidItemsDoesEveryValidOne() {
        TestTeam team = newTeam();
        String existing = api().post(
                        "/v1/ext/procedure/lead/process",
                        team.adminToken(),
                        obj("data", obj("name", "Already", "lead_id", "EXT-0")))
                .data()
                .path("id")
                .asString();
        List<Object> items = List.of(
                obj("data", obj("name", "Nested", "email", "Nested@Example.com"), "state", "IN_PROGRESS"), // 0
                obj("lead_id", "EXT-TEST-143", "name", "Flat", "data", obj("email", "flat@example.com")), // 1
                obj("data", obj("name", "Bad email", "email", "not-an-email")), // 2 INVALID
                obj("data", obj("no_such_attribute", 1)), // 3 INVALID
                42, // 4 INVALID
                obj("data", obj("name", "Duplicate", "lead_id", "EXT-TEST-143")), // 5 ERROR
                obj("data", obj("name", "Taken", "lead_id", "EXT-0")), // 6 ERROR
                obj("data", obj("name", "Bad state"), "state", "NOPE"), // 7 INVALID
                obj("data", obj("name", "Assigned"), "assignedTo", "admin", "status", "cancelled")); // 8

        Reply accepted = api().post("/v1/ext/procedure/lead/process/bulk-create", team.adminToken(), items);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        JsonNode job = accepted.data();
        assertThat(new ArrayList<>(job.propertyNames())).containsAll(JOB_FIELDS);
        assertThat(job.path("type").asString()).isEqualTo("bulk_create_process");
        assertThat(job.path("team").asString()).isEqualTo(team.id().toString());
        assertThat(job.path("completionStatus").asString()).isIn("NOT_STARTED", "IN_PROGRESS", "COMPLETED");

        Reply done = awaitCompleted(team, job.path("id").asString());
        assertThat(done.data().path("startedAt").isIntegralNumber()).isTrue();
        assertThat(done.data().path("completedAt").asLong())
                .isGreaterThanOrEqualTo(done.data().path("startedAt").asLong());
        assertThat(counts(done)).isEqualTo(Map.of("INVALID", 4, "NOT_STARTED", 0, "SUCCESS", 3, "ERROR", 2));

        List<JsonNode> entries = entries(team, job.path("id").asString(), "");
        assertThat(entries).extracting(e -> e.path("index").asInt()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(entries)
                .extracting(e -> e.path("completionStatus").asString())
                .containsExactly(
                        "SUCCESS", "SUCCESS", "INVALID", "INVALID", "INVALID", "ERROR", "ERROR", "INVALID", "SUCCESS");
        assertThat(entries.get(2).path("errors").path(0).asString()).contains("email");
        assertThat(entries.get(3).path("errors").path(0).asString()).contains("no_such_attribute");
        assertThat(entries.get(4).path("input").asInt()).isEqualTo(42);
        assertThat(entries.get(5).path("errors").path(0).asString())
                .contains("EXT-TEST-143")
                .contains("already exists");
        assertThat(entries.get(6).path("errors").path(0).asString()).contains("EXT-0");
        assertThat(entries.get(7).path("errors").path(0).asString()).contains("NOPE");
        assertThat(entries.get(2).path("processId").isNull()).isTrue();
        assertThat(entries.get(1).path("input").path("lead_id").asString()).isEqualTo("EXT-TEST-143");

        JsonNode nested = process(team, entries.get(0).path("processId").asString());
        assertThat(nested.path("data").path("email").asString()).isEqualTo("nested@example.com");
        assertThat(nested.path("data").path("lead_id").asString()).matches("LEAD-\\d{6}");
        assertThat(nested.path("state").asString()).isEqualTo("IN_PROGRESS");
        JsonNode flat = process(team, entries.get(1).path("processId").asString());
        assertThat(flat.path("data").path("lead_id").asString()).isEqualTo("EXT-TEST-143");
        assertThat(flat.path("data").path("name").asString()).isEqualTo("Flat");
        assertThat(flat.path("data").path("email").asString()).isEqualTo("flat@example.com");
        JsonNode assigned = process(team, entries.get(8).path("processId").asString());
        assertThat(assigned.path("assignedTo").asString())
                .isEqualTo(team.adminUserId().toString());
        assertThat(assigned.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(process(team, existing).path("data").path("name").asString()).isEqualTo("Already");
    }

    @Test
    void leadsInABulkCreateMergeByPhoneNumberAsSingleCreatesDo() {
        TestTeam team = newTeam();
        String open = api().post(
                        "/v1/ext/procedure/lead/process",
                        team.adminToken(),
                        obj("data", obj("name", "Known", "phone_number", "9000000001")))
                .data()
                .path("id")
                .asString();
        Reply accepted = api().post(
                        "/v1/ext/procedure/lead/process/bulk-create",
                        team.adminToken(),
                        List.of(
                                obj("data", obj("email", "known@example.com", "phone_number", "+91 90000 00001")),
                                obj("data", obj("name", "New", "phone_number", "9000000002")),
                                obj("data", obj("email", "new@example.com", "phone_number", "919000000002")),
                                obj(
                                        "data",
                                        obj("name", "With record", "phone_number", "9000000003"),
                                        "record",
                                        obj("data", obj("city", "Pune")))));
        String jobId = accepted.data().path("id").asString();
        assertThat(counts(awaitCompleted(team, jobId))).containsEntry("SUCCESS", 4);
        List<JsonNode> entries = entries(team, jobId, "");

        assertThat(entries.get(0).path("processId").asString()).isEqualTo(open);
        assertThat(process(team, open).path("data").path("email").asString()).isEqualTo("known@example.com");
        assertThat(process(team, open).path("data").path("name").asString()).isEqualTo("Known");
        assertThat(entries.get(2).path("processId").asString())
                .isEqualTo(entries.get(1).path("processId").asString());
        JsonNode merged = process(team, entries.get(1).path("processId").asString());
        assertThat(merged.path("data").path("name").asString()).isEqualTo("New");
        assertThat(merged.path("data").path("email").asString()).isEqualTo("new@example.com");
        assertThat(process(team, entries.get(3).path("processId").asString())
                        .path("record")
                        .isNull())
                .isFalse();
    }

    @Test
    void aBulkUpdateFindsProcessesByIdAndByPrimaryKeyAndDeletes() {
        TestTeam team = newTeam();
        String a = create(team, "A-1", "Alpha");
        String b = create(team, "B-1", "Beta");
        String c = create(team, "C-1", "Gamma");
        String d = create(team, "D-1", "Delta");
        Reply accepted = api().patch(
                        "/v1/ext/procedure/lead/process",
                        team.adminToken(),
                        obj(
                                "processes",
                                List.of(
                                        obj(
                                                "id",
                                                a,
                                                "update",
                                                obj("data", obj("email", "a@example.com"), "state", "CONVERTED")), // 0
                                        obj("lead_id", "B-1", "name", "Beta renamed", "status", "CANCELLED"), // 1
                                        obj("lead_id", "C-1", "isDeleted", true), // 2
                                        obj("id", d, "update", obj("isDeleted", true)), // 3
                                        obj("lead_id", "NO-SUCH", "name", "x"), // 4 ERROR
                                        obj("name", "names no process"), // 5 INVALID
                                        obj("id", a, "data", obj("name", "Alpha again")), // 6
                                        obj("lead_id", "C-1", "name", "deleted before"), // 7 ERROR
                                        obj("id", "not-a-uuid"), // 8 INVALID
                                        obj("lead_id", "B-1", "update", obj("data", obj("email", "bad"))) // 9 INVALID
                                        )));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.data().path("type").asString()).isEqualTo("bulk_update_process");
        String jobId = accepted.data().path("id").asString();
        assertThat(counts(awaitCompleted(team, jobId)))
                .isEqualTo(Map.of("INVALID", 3, "NOT_STARTED", 0, "SUCCESS", 5, "ERROR", 2));
        List<JsonNode> entries = entries(team, jobId, "");
        assertThat(entries)
                .extracting(e -> e.path("completionStatus").asString())
                .containsExactly(
                        "SUCCESS", "SUCCESS", "SUCCESS", "SUCCESS", "ERROR", "INVALID", "SUCCESS", "ERROR", "INVALID",
                        "INVALID");
        assertThat(entries.get(4).path("errors").path(0).asString()).isEqualTo("Process not found");
        assertThat(entries.get(5).path("errors").path(0).asString())
                .contains("'id'")
                .contains("'lead_id'");
        assertThat(entries.get(1).path("processId").asString()).isEqualTo(b);

        JsonNode alpha = process(team, a);
        assertThat(alpha.path("data").path("email").asString()).isEqualTo("a@example.com");
        assertThat(alpha.path("data").path("name").asString()).isEqualTo("Alpha again");
        assertThat(alpha.path("status").asString()).isEqualTo("COMPLETED");
        JsonNode beta = process(team, b);
        assertThat(beta.path("data").path("name").asString()).isEqualTo("Beta renamed");
        assertThat(beta.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(api().get("/v1/ext/procedure/lead/process/" + c, team.adminToken())
                        .status())
                .isEqualTo(404);
        assertThat(api().get("/v1/ext/procedure/lead/process/" + d, team.adminToken())
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aChangedPrimaryKeyIsCheckedAsTheSingleUpdateChecksIt() {
        TestTeam team = newTeam();
        String a = create(team, "K-1", "One");
        create(team, "K-2", "Two");
        String jobId = api().patch(
                        "/v1/ext/procedure/lead/process",
                        team.adminToken(),
                        obj(
                                "processes",
                                List.of(
                                        obj("id", a, "data", obj("lead_id", "K-2")),
                                        obj("id", a, "data", obj("lead_id", "K-3")))))
                .data()
                .path("id")
                .asString();
        awaitCompleted(team, jobId);
        List<JsonNode> entries = entries(team, jobId, "");
        assertThat(entries.get(0).path("completionStatus").asString()).isEqualTo("ERROR");
        assertThat(entries.get(0).path("errors").path(0).asString())
                .contains("K-2")
                .contains("already exists");
        assertThat(entries.get(1).path("completionStatus").asString()).isEqualTo("SUCCESS");
        assertThat(process(team, a).path("data").path("lead_id").asString()).isEqualTo("K-3");
    }

    @Test
    void anUpdateThatIsNotAnObjectOrNamesNoProcessIsInvalid() {
        TestTeam team = newTeam();
        String a = create(team, "U-1", "One");
        String jobId = api().patch(
                        "/v1/ext/procedure/lead/process",
                        team.adminToken(),
                        obj(
                                "processes",
                                List.of(
                                        obj("id", a, "update", null),
                                        obj("id", a, "update", "x"),
                                        obj("id", null, "name", "x"),
                                        obj("id", a, "update", obj("state", "IN_PROGRESS")))))
                .data()
                .path("id")
                .asString();
        awaitCompleted(team, jobId);
        List<JsonNode> entries = entries(team, jobId, "");
        assertThat(entries)
                .extracting(e -> e.path("completionStatus").asString())
                .containsExactly("INVALID", "INVALID", "INVALID", "SUCCESS");
        assertThat(entries.get(0).path("errors").path(0).asString()).isEqualTo("'update' must be a JSON object");
        assertThat(entries.get(2).path("errors").path(0).asString()).startsWith("The item names no process");
        assertThat(process(team, a).path("state").asString()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void entriesArePagedAndFilteredByStatus() {
        TestTeam team = newTeam();
        List<Object> items = new ArrayList<>();
        IntStream.range(0, 250)
                .forEach(i -> items.add(
                        i % 50 == 7 ? obj("data", obj("email", "bad")) : obj("data", obj("name", "Lead " + i))));
        String jobId = api().post("/v1/ext/procedure/lead/process/bulk-create", team.adminToken(), items)
                .data()
                .path("id")
                .asString();
        awaitCompleted(team, jobId);

        Reply first = api().get("/v1/ext/background-job/" + jobId + "/entries", team.adminToken());
        assertThat(first.data().size()).isEqualTo(100);
        assertThat(first.json().path("_meta").path("total").asLong()).isEqualTo(250);
        assertThat(first.json().path("_meta").path("next").asString())
                .isEqualTo("/v1/ext/background-job/" + jobId + "/entries?skip=100&limit=100");
        Set<Integer> seen = new HashSet<>();
        String next = "/v1/ext/background-job/" + jobId + "/entries?limit=90";
        while (next != null) {
            Reply page = api().get(next, team.adminToken());
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.data()
                    .values()
                    .forEach(e -> assertThat(seen.add(e.path("index").asInt())).isTrue());
            JsonNode n = page.json().path("_meta").path("next");
            next = n.isNull() ? null : n.asString();
        }
        assertThat(seen).hasSize(250);

        Reply invalid = api().get(
                        "/v1/ext/background-job/" + jobId + "/entries?completionStatus=INVALID&limit=3",
                        team.adminToken());
        assertThat(invalid.json().path("_meta").path("total").asLong()).isEqualTo(5);
        assertThat(invalid.data().values())
                .extracting(e -> e.path("index").asInt())
                .containsExactly(7, 57, 107);
        assertThat(invalid.json().path("_meta").path("next").asString())
                .endsWith("skip=3&limit=3&completionStatus=INVALID");
        Reply last = api().get(
                        "/v1/ext/background-job/" + jobId + "/entries?completionStatus=INVALID&skip=3",
                        team.adminToken());
        assertThat(last.json().path("_meta").path("next").isNull()).isTrue();

        for (String bad : List.of("limit=0", "limit=1001", "skip=-1", "skip=x", "completionStatus=DONE")) {
            Reply refused = api().get("/v1/ext/background-job/" + jobId + "/entries?" + bad, team.adminToken());
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.json()
                            .path("_errorDetails")
                            .path(0)
                            .path("field")
                            .asString())
                    .isEqualTo(bad.substring(0, bad.indexOf('=')));
        }
    }

    @Test
    void anotherTeamCanNeitherReadAJobNorItsEntries() {
        TestTeam owner = newTeam();
        TestTeam other = newTeam();
        String jobId = api().post(
                        "/v1/ext/procedure/lead/process/bulk-create",
                        owner.adminToken(),
                        List.of(obj("data", obj("name", "Mine"))))
                .data()
                .path("id")
                .asString();
        awaitCompleted(owner, jobId);
        Reply job = api().get("/v1/ext/background-job/" + jobId, other.adminToken());
        assertThat(job.status()).isEqualTo(404);
        assertThat(job.raw()).doesNotContain("Mine");
        assertThat(api().get("/v1/ext/background-job/" + jobId + "/entries", other.adminToken())
                        .status())
                .isEqualTo(404);
        // An agent (read-only) may read jobs but not start them.
        String agent = newKey(owner, "agent");
        assertThat(api().get("/v1/ext/background-job/" + jobId, agent).status()).isEqualTo(200);
        assertThat(api().post("/v1/ext/procedure/lead/process/bulk-create", agent, List.of(obj("data", obj())))
                        .status())
                .isEqualTo(403);
    }

    @Test
    void aRequestOfTheWrongShapeIsRefusedAndMakesNoJob() {
        TestTeam team = newTeam();
        assertThat(api().post("/v1/ext/procedure/lead/process/bulk-create", team.adminToken(), obj("data", obj()))
                        .status())
                .isEqualTo(400);
        assertThat(api().post("/v1/ext/procedure/lead/process/bulk-create", team.adminToken(), List.of())
                        .status())
                .isEqualTo(400);
        assertThat(api().post("/v1/ext/procedure/nope/process/bulk-create", team.adminToken(), List.of(obj()))
                        .status())
                .isEqualTo(404);
        Reply noList = api().patch("/v1/ext/procedure/lead/process", team.adminToken(), obj("processes", "x"));
        assertThat(noList.status()).isEqualTo(400);
        assertThat(noList.json().path("_errorDetails").path(0).path("field").asString())
                .isEqualTo("processes");
        List<Object> tooMany = new ArrayList<>();
        IntStream.range(0, BulkJobService.MAX_ITEMS + 1).forEach(i -> tooMany.add(Map.of()));
        Reply refused = api().post("/v1/ext/procedure/lead/process/bulk-create", team.adminToken(), tooMany);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.firstError()).contains("100000");
        assertThat(api().post("/v1/ext/procedure/lead/process/list", team.adminToken(), obj())
                        .data()
                        .size())
                .isZero();
    }

    @Test
    void anItemThatCannotBeStoredIsInvalidAndTheOthersGoOn() {
        TestTeam team = newTeam();
        String body = "[{\"data\": {\"name\": \"nul\\u0000inside\"}}, {\"data\": {\"name\": \"fine\"}}]";
        Reply accepted = api().send(
                        "POST",
                        "/v1/ext/procedure/lead/process/bulk-create",
                        team.adminToken(),
                        body,
                        Map.of("Content-Type", "application/json"));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        String jobId = accepted.data().path("id").asString();
        assertThat(counts(awaitCompleted(team, jobId)))
                .containsEntry("INVALID", 1)
                .containsEntry("SUCCESS", 1);
        assertThat(entries(team, jobId, "").getFirst().path("input").isNull()).isTrue();
    }

    private String create(TestTeam team, String leadId, String name) {
        Reply made = api().post(
                        "/v1/ext/procedure/lead/process",
                        team.adminToken(),
                        obj("data", obj("lead_id", leadId, "name", name)));
        assertThat(made.status()).as(made.toString()).isEqualTo(200);
        return made.data().path("id").asString();
    }

    private JsonNode process(TestTeam team, String id) {
        Reply reply = api().get("/v1/ext/procedure/lead/process/" + id, team.adminToken());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.data();
    }

    private Reply awaitCompleted(TestTeam team, String jobId) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> api().get("/v1/ext/background-job/" + jobId, team.adminToken()),
                        r -> r.status() == 200
                                && r.data().path("completionStatus").asString().equals("COMPLETED"));
    }

    private static Map<String, Integer> counts(Reply job) {
        JsonNode counts = job.json().path("_meta").path("bjEntryCompletionStatusVsCount");
        return Map.of(
                "INVALID",
                counts.path("INVALID").asInt(),
                "NOT_STARTED",
                counts.path("NOT_STARTED").asInt(),
                "SUCCESS",
                counts.path("SUCCESS").asInt(),
                "ERROR",
                counts.path("ERROR").asInt());
    }

    private List<JsonNode> entries(TestTeam team, String jobId, String query) {
        Reply reply = api().get("/v1/ext/background-job/" + jobId + "/entries?limit=1000" + query, team.adminToken());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return new ArrayList<>(reply.data().values());
    }
}
