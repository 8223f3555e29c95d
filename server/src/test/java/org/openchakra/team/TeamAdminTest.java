package org.openchakra.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchakra.support.IntegrationTest;
import org.openchakra.support.Reply;
import tools.jackson.databind.JsonNode;

/** Team creation by the operator, and a team's own settings and webhook secret (platform.md §11). */
class TeamAdminTest extends IntegrationTest {

    @Test
    void theOperatorCreatesATeamWithRolesAnAdminUserAndAWorkingAdminToken() {
        String shortName = "acme-" + System.nanoTime();
        Reply created = api().post(
                        "/v1/admin/teams",
                        OPERATOR_TOKEN,
                        Map.of(
                                "name",
                                "Acme",
                                "shortName",
                                shortName,
                                "timezone",
                                "Asia/Kolkata",
                                "defaultCountryCode",
                                "+91",
                                "admin",
                                Map.of("username", "owner@acme.test", "email", "owner@acme.test")));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        JsonNode team = created.data().path("team");
        assertThat(team.path("shortName").asString()).isEqualTo(shortName);
        assertThat(team.path("defaultCountryCode").asString()).isEqualTo("91");
        assertThat(team.path("rateLimit").path("requestsPerSecond").asInt()).isEqualTo(100);
        assertThat(team.path("rateLimit").path("burst").asInt()).isEqualTo(200);
        String token = created.data().path("token").path("token").asString();
        assertThat(token).startsWith("ock_").hasSize(47);
        assertThat(created.data().path("token").path("prefix").asString()).isEqualTo(token.substring(0, 12));

        Reply roles = api().get("/v1/admin/roles", token);
        assertThat(roles.data().findValuesAsString("shortId")).containsExactly("admin", "manager", "agent");
        Reply users = api().get("/v2/ext/users", token);
        assertThat(users.data().path(0).path("username").asString()).isEqualTo("owner@acme.test");
        assertThat(users.data().path(0).path("role").asString()).isEqualTo("admin");

        assertThat(api().get("/v1/admin/teams", OPERATOR_TOKEN).raw()).contains(shortName);
        Reply again = api().post("/v1/admin/teams", OPERATOR_TOKEN, Map.of("name", "Acme 2", "shortName", shortName));
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void teamCreationValidatesEveryField() {
        Reply bad = api().post(
                        "/v1/admin/teams",
                        OPERATOR_TOKEN,
                        Map.of(
                                "name",
                                12,
                                "shortName",
                                "Not A Slug!",
                                "timezone",
                                "Nowhere/Land",
                                "defaultCountryCode",
                                "ninety-one"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("_errorDetails").findValuesAsString("field"))
                .containsExactlyInAnyOrder("name", "shortName", "timezone", "defaultCountryCode");
    }

    /** The nested admin is checked like POST /v1/admin/users, and a bad one creates nothing. */
    @Test
    void theNestedAdminIsValidatedAndABadOneCreatesNothing() {
        String shortName = "bad-admin-" + System.nanoTime();
        Reply bad = api().post(
                        "/v1/admin/teams",
                        OPERATOR_TOKEN,
                        Map.of(
                                "name",
                                "Bad admin",
                                "shortName",
                                shortName,
                                "timezone",
                                "Nowhere/Land",
                                "admin",
                                Map.of("username", "   ", "email", "not-an-email")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("_errorDetails").findValuesAsString("field"))
                .containsExactlyInAnyOrder("timezone", "admin.username", "admin.email");
        assertThat(bad.raw()).contains("admin: 'email' is not a valid email address");

        Reply tooLong = api().post(
                        "/v1/admin/teams",
                        OPERATOR_TOKEN,
                        Map.of(
                                "name",
                                "Bad admin",
                                "shortName",
                                shortName,
                                "admin",
                                Map.of("username", "u".repeat(201), "email", 42)));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("_errorDetails").findValuesAsString("field"))
                .containsExactlyInAnyOrder("admin.username", "admin.email");
        Reply notAnObject = api().post(
                        "/v1/admin/teams",
                        OPERATOR_TOKEN,
                        Map.of("name", "Bad admin", "shortName", shortName, "admin", "boss"));
        assertThat(notAnObject.json().path("_errorDetails").findValuesAsString("field"))
                .containsExactly("admin");

        assertThat(api().get("/v1/admin/teams", OPERATOR_TOKEN).raw()).doesNotContain(shortName);
    }

    @Test
    void aTeamEditsItsOwnSettings() {
        TestTeam team = newTeam();
        Reply updated = api().put(
                        "/v1/admin/team",
                        team.adminToken(),
                        Map.of(
                                "name",
                                "New name",
                                "timezone",
                                "UTC",
                                "defaultCountryCode",
                                "1",
                                "rateLimit",
                                Map.of("requestsPerSecond", 50, "burst", 80),
                                "shortName",
                                "ignored-immutable"));
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.data().path("name").asString()).isEqualTo("New name");
        assertThat(updated.data().path("shortName").asString()).isEqualTo(team.shortName());
        assertThat(updated.data().path("rateLimit").path("burst").asInt()).isEqualTo(80);
        assertThat(api().get("/v1/admin/team", team.adminToken())
                        .data()
                        .path("timezone")
                        .asString())
                .isEqualTo("UTC");
        Reply health = api().get("/v1/health", team.adminToken());
        assertThat(health.header("X-RateLimit-Limit")).isEqualTo("80");

        Reply bad = api().put("/v1/admin/team", team.adminToken(), Map.of("rateLimit", Map.of("burst", 0)));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.firstError()).contains("burst");
    }

    @Test
    void theWebhookSecretIsWriteOnly() {
        TestTeam team = newTeam();
        String path = "/v1/admin/team/secrets/webhook";
        assertThat(api().get(path, team.adminToken()).data().path("isSet").asBoolean())
                .isFalse();

        Reply generated = api().put(path, team.adminToken(), null);
        assertThat(generated.status()).as(generated.toString()).isEqualTo(200);
        String secret = generated.data().path("secret").asString();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
        Reply status = api().get(path, team.adminToken());
        assertThat(status.data().path("isSet").asBoolean()).isTrue();
        assertThat(status.raw()).doesNotContain(secret);

        Reply chosen = api().put(path, team.adminToken(), Map.of("secret", "my-own-secret-123456"));
        assertThat(chosen.data().path("secret").isNull()).isTrue();
        assertThat(api().put(path, team.adminToken(), Map.of("secret", "short")).status())
                .isEqualTo(400);
        for (String blank : new String[] {" ".repeat(16), "\t\n".repeat(10), ""}) {
            Reply refused = api().put(path, team.adminToken(), Map.of("secret", blank));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json()
                            .path("_errorDetails")
                            .path(0)
                            .path("field")
                            .asString())
                    .isEqualTo("secret");
        }
        Reply fromEmptyObject = api().put(path, team.adminToken(), Map.of());
        assertThat(fromEmptyObject.status()).isEqualTo(200);
        assertThat(fromEmptyObject.data().path("secret").asString()).hasSize(43);
        assertThat(api().get("/v1/admin/team", team.adminToken()).raw()).doesNotContain("my-own-secret");

        assertThat(api().delete(path, team.adminToken()).data().path("isSet").asBoolean())
                .isFalse();
        assertThat(api().get(path, team.adminToken()).data().path("isSet").asBoolean())
                .isFalse();
    }
}
