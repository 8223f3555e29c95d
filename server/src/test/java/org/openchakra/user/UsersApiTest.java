package org.openchakra.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchakra.support.IntegrationTest;
import org.openchakra.support.Reply;
import tools.jackson.databind.JsonNode;

/** The Users API v1/v2 (platform.md §2) and user creation/deactivation through the admin API. */
class UsersApiTest extends IntegrationTest {

    private static final List<String> V1_FIELDS = List.of(
            "id",
            "createdAt",
            "updatedAt",
            "username",
            "firstName",
            "lastName",
            "middleName",
            "displayName",
            "gender",
            "dob",
            "bio",
            "profileImageUrl",
            "coverImageUrl",
            "timezone",
            "data",
            "onboardingData",
            "isActive",
            "isDeleted",
            "deletedAt",
            "availabilityStatus",
            "team",
            "role",
            "primaryEmail",
            "primaryPhone",
            "profile");

    @Test
    void listHasExactlyTheV1FieldsAndFetchAddsEmailsPhonesReportees() {
        TestTeam team = newTeam();
        String userId = createUser(team, "john@paisapay.test", "+91 99112-23344")
                .path("id")
                .asString();

        JsonNode listed = find(api().get("/v1/ext/users", team.adminToken()).data(), userId);
        assertThat(fieldNames(listed)).containsExactlyElementsOf(V1_FIELDS);
        assertThat(listed.path("createdAt").isIntegralNumber()).isTrue();
        assertThat(listed.path("dob").asLong()).isZero();
        assertThat(listed.path("team").asString()).isEqualTo(team.id().toString());
        assertThat(listed.path("primaryEmail").path("email").asString()).isEqualTo("john@paisapay.test");
        assertThat(fieldNames(listed.path("primaryEmail")))
                .containsExactly(
                        "id", "createdAt", "updatedAt", "email", "normalizedEmail", "type", "isVerified", "user");
        assertThat(listed.path("primaryPhone").path("phoneNumber").asString()).isEqualTo("919911223344");

        Reply one = api().get("/v1/ext/user/" + userId, team.adminToken());
        List<String> withDetails = new ArrayList<>(V1_FIELDS);
        withDetails.addAll(List.of("emails", "phones", "reportees"));
        assertThat(fieldNames(one.data())).containsExactlyElementsOf(withDetails);
        assertThat(one.data().path("emails").size()).isEqualTo(1);
        assertThat(one.data().path("phones").path(0).path("phoneNumber").asString())
                .isEqualTo("919911223344");
        assertThat(one.data().path("reportees").isArray()).isTrue();
    }

    /** ISO-8601 in the team's offset (+0530 here), to the millisecond, and its contacts' times too. */
    private static final String V2_TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+05:30";

    @Test
    void v2IsHumanized() {
        TestTeam team = newTeam();
        String userId =
                createUser(team, "v2@paisapay.test", "98765 43210").path("id").asString();
        JsonNode v2 = api().get("/v2/ext/user/" + userId, team.adminToken()).data();
        assertThat(v2.path("team").asString()).isEqualTo(team.shortName());
        assertThat(v2.path("role").asString()).isEqualTo("agent");
        assertThat(v2.path("primaryEmail").asString()).isEqualTo("v2@paisapay.test");
        assertThat(v2.path("createdAt").asString()).matches(V2_TIME);
        assertThat(v2.path("updatedAt").asString()).matches(V2_TIME);
        for (JsonNode contact : List.of(
                v2.path("primaryPhone"),
                v2.path("emails").path(0),
                v2.path("phones").path(0))) {
            assertThat(contact.path("createdAt").asString())
                    .as(contact.toString())
                    .matches(V2_TIME);
            assertThat(contact.path("updatedAt").asString())
                    .as(contact.toString())
                    .matches(V2_TIME);
        }
        // The same instants as v1's epoch ms, not a microsecond more.
        JsonNode v1 = api().get("/v1/ext/user/" + userId, team.adminToken()).data();
        assertThat(epochMillis(v2.path("createdAt")))
                .isEqualTo(v1.path("createdAt").asLong());
        assertThat(epochMillis(v2.path("phones").path(0).path("createdAt")))
                .isEqualTo(v1.path("phones").path(0).path("createdAt").asLong());
        assertThat(v1.path("primaryPhone").path("createdAt").isIntegralNumber()).isTrue();
        assertThat(v1.path("emails").path(0).path("updatedAt").isIntegralNumber())
                .isTrue();

        JsonNode listed = find(api().get("/v2/ext/users", team.adminToken()).data(), userId);
        assertThat(listed.path("updatedAt").asString()).matches(V2_TIME);
        assertThat(listed.path("primaryPhone").path("createdAt").asString()).matches(V2_TIME);
        assertThat(fieldNames(listed)).containsExactlyElementsOf(V1_FIELDS);
    }

    private static long epochMillis(JsonNode iso) {
        return java.time.OffsetDateTime.parse(iso.asString()).toInstant().toEpochMilli();
    }

    @Test
    void updateChangesOnlyWhatIsSentWithPutPatchAndPost() {
        TestTeam team = newTeam();
        String userId = createUser(team, "upd@paisapay.test", null).path("id").asString();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("firstName", "Asha");
        body.put("lastName", "Rao");
        body.put("dob", "1990-04-01T00:00:00Z");
        body.put("availabilityStatus", "AVAILABLE");
        body.put("role", "manager");
        body.put("data", Map.of("desk", 7));
        body.put("unknownField", "ignored");
        Reply put = api().put("/v1/ext/user/" + userId, team.adminToken(), body);
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(put.data().path("firstName").asString()).isEqualTo("Asha");
        assertThat(put.data().path("dob").asLong()).isEqualTo(638928000000L);
        assertThat(put.data().path("availabilityStatus").asString()).isEqualTo("AVAILABLE");
        assertThat(put.data().path("data").path("desk").asInt()).isEqualTo(7);
        String managerRole = roleId(team, "manager");
        assertThat(put.data().path("role").asString()).isEqualTo(managerRole);

        Reply patch = api().patch("/v1/ext/user/" + userId, team.adminToken(), Map.of("bio", "Sales lead"));
        assertThat(patch.data().path("bio").asString()).isEqualTo("Sales lead");
        assertThat(patch.data().path("firstName").asString()).isEqualTo("Asha");

        Map<String, Object> clear = new LinkedHashMap<>();
        clear.put("lastName", null);
        clear.put("isActive", "false");
        Reply post = api().post("/v1/ext/user/" + userId, team.adminToken(), clear);
        assertThat(post.data().path("lastName").isNull()).isTrue();
        assertThat(post.data().path("isActive").asBoolean()).isFalse();
        assertThat(post.data().path("updatedAt").asLong())
                .isGreaterThanOrEqualTo(put.data().path("updatedAt").asLong());
    }

    @Test
    void badUpdatesAre400NamingEveryFieldAndChangeNothing() {
        TestTeam team = newTeam();
        String userId = createUser(team, "bad@paisapay.test", null).path("id").asString();
        Reply bad = api().put(
                        "/v1/ext/user/" + userId,
                        team.adminToken(),
                        Map.of(
                                "firstName",
                                "Ok",
                                "availabilityStatus",
                                "SLEEPING",
                                "dob",
                                "yesterday",
                                "role",
                                "no-such-role",
                                "timezone",
                                "Mars/Olympus",
                                "isActive",
                                3));
        assertThat(bad.status()).isEqualTo(400);
        List<String> fields = new ArrayList<>();
        bad.json().path("_errorDetails").forEach(d -> fields.add(d.path("field").asString()));
        assertThat(fields).containsExactlyInAnyOrder("availabilityStatus", "dob", "role", "timezone", "isActive");
        assertThat(bad.errors().size()).isEqualTo(5);
        assertThat(api().get("/v1/ext/user/" + userId, team.adminToken())
                        .data()
                        .path("firstName")
                        .isNull())
                .isTrue();

        assertThat(api().put("/v1/ext/user/" + java.util.UUID.randomUUID(), team.adminToken(), Map.of("bio", "x"))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void adminCreatesAndDeactivatesUsers() {
        TestTeam team = newTeam();
        JsonNode boss = createUser(team, "boss@paisapay.test", null);
        Reply created = api().post(
                        "/v1/admin/users",
                        team.adminToken(),
                        Map.of(
                                "username",
                                "report@paisapay.test",
                                "email",
                                "Report@PaisaPay.test",
                                "firstName",
                                "Ravi",
                                "role",
                                "agent",
                                "reportsTo",
                                "boss@paisapay.test"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.data().path("primaryEmail").path("normalizedEmail").asString())
                .isEqualTo("report@paisapay.test");
        assertThat(api().get("/v1/ext/user/" + boss.path("id").asString(), team.adminToken())
                        .data()
                        .path("reportees")
                        .path(0)
                        .asString())
                .isEqualTo(created.data().path("id").asString());

        Reply duplicate = api().post(
                        "/v1/admin/users",
                        team.adminToken(),
                        Map.of("username", "REPORT@paisapay.test", "role", "agent"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().path("_errorDetails").path(0).path("field").asString())
                .isEqualTo("username");
        Reply duplicateEmail = api().post(
                        "/v1/admin/users",
                        team.adminToken(),
                        Map.of("username", "other", "email", "report@paisapay.test", "role", "agent"));
        assertThat(duplicateEmail.status()).isEqualTo(409);

        Reply missing = api().post("/v1/admin/users", team.adminToken(), Map.of("email", "not-an-email"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.raw()).contains("username").contains("email").contains("role");

        Reply deactivated =
                api().delete("/v1/admin/users/" + created.data().path("id").asString(), team.adminToken());
        assertThat(deactivated.data().path("isActive").asBoolean()).isFalse();
        assertThat(find(
                                api().get("/v1/ext/users", team.adminToken()).data(),
                                created.data().path("id").asString())
                        .path("isActive")
                        .asBoolean())
                .isFalse();
    }

    /** A trunk 0 makes a bare number national; a national number needs 6 digits (docs/decisions.md). */
    @Test
    void phoneNumbersGetTheTeamsCountryCodeAndTooShortOnesAreRefused() {
        TestTeam team = newTeam();
        JsonNode trunk = createUser(team, "trunk@paisapay.test", "09876543210");
        assertThat(trunk.path("primaryPhone").path("phoneNumber").asString()).isEqualTo("919876543210");

        Reply tooShort = api().post(
                        "/v1/admin/users",
                        team.adminToken(),
                        Map.of("username", "short@paisapay.test", "role", "agent", "phoneNumber", "12345"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().path("_errorDetails").path(0).path("field").asString())
                .isEqualTo("phoneNumber");
        assertThat(api().get("/v1/ext/users", team.adminToken()).raw()).doesNotContain("short@paisapay.test");
    }

    private JsonNode createUser(TestTeam team, String email, String phone) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", email);
        body.put("email", email);
        body.put("role", "agent");
        if (phone != null) {
            body.put("phoneNumber", phone);
        }
        Reply reply = api().post("/v1/admin/users", team.adminToken(), body);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.data();
    }

    private String roleId(TestTeam team, String shortId) {
        for (JsonNode role : api().get("/v1/admin/roles", team.adminToken()).data()) {
            if (role.path("shortId").asString().equals(shortId)) {
                return role.path("id").asString();
            }
        }
        throw new AssertionError("no role " + shortId);
    }

    static JsonNode find(JsonNode array, String id) {
        for (JsonNode item : array) {
            if (item.path("id").asString().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no item " + id + " in " + array);
    }

    static List<String> fieldNames(JsonNode node) {
        return new ArrayList<>(node.propertyNames());
    }
}
