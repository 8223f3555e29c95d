package org.openchakra.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchakra.support.IntegrationTest;
import org.openchakra.support.Reply;

/** 401 for missing, unknown, revoked and deleted credentials; 403 for a role without the privilege (README §2). */
class AuthenticationTest extends IntegrationTest {

    @Test
    void healthNeedsAValidToken() {
        TestTeam team = newTeam();
        assertUnauthenticated(api().get("/v1/health", null));
        Reply unknown = api().get("/v1/health", "ock_not-a-real-token");
        assertUnauthenticated(unknown);
        // Tokens never expire, so the message does not suggest they might.
        assertThat(unknown.firstError()).isEqualTo("Invalid or revoked token");
        Reply ok = api().get("/v1/health", team.adminToken());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.data().path("status").asString()).isEqualTo("OK");
        assertThat(ok.data().path("team").asString()).isEqualTo(team.id().toString());
    }

    /** The build writes META-INF/build-info.properties, so the version is the project's, not "dev". */
    @Test
    void healthReportsTheBuildVersion() {
        Reply ok = api().get("/v1/health", newTeam().adminToken());
        assertThat(ok.data().path("version").asString()).isNotEqualTo("dev").matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void everyProtectedFamilyAnswers401WithoutAToken() {
        for (String path : new String[] {
            "/v1/ext/users",
            "/v2/ext/users",
            "/v1/ext/config",
            "/v1/admin/roles",
            "/v1/admin/team",
            "/v1/admin/api-keys",
            "/v1/whatsapp/anything",
            "/v1/ext/no-such-endpoint"
        }) {
            assertUnauthenticated(api().get(path, null));
        }
    }

    @Test
    void malformedAuthorizationHeadersAre401() {
        TestTeam team = newTeam();
        for (String header : new String[] {
            team.adminToken(),
            "Basic " + team.adminToken(),
            "Bearer",
            "Bearer ",
            "Bearer " + team.adminToken() + "x",
            "Bearer " + "a".repeat(5000)
        }) {
            Reply reply = api().send("GET", "/v1/ext/users", null, null, Map.of("Authorization", header));
            assertUnauthenticated(reply);
        }
        // The scheme is case-insensitive (RFC 7235).
        Reply lower =
                api().send("GET", "/v1/ext/users", null, null, Map.of("Authorization", "bearer " + team.adminToken()));
        assertThat(lower.status()).isEqualTo(200);
    }

    @Test
    void aRevokedTokenFailsAtOnceWhileTheKeysOtherTokensWork() {
        TestTeam team = newTeam();
        Reply created = api().post("/v1/admin/api-keys", team.adminToken(), Map.of("name", "ci", "role", "manager"));
        String keyId = created.data().path("apiKey").path("id").asString();
        String first = created.data().path("token").path("token").asString();
        String firstId = created.data().path("token").path("id").asString();
        Reply second = api().post("/v1/admin/api-keys/" + keyId + "/tokens", team.adminToken(), null);
        assertThat(second.status()).isEqualTo(200);
        String secondToken = second.data().path("token").asString();

        assertThat(api().get("/v1/ext/users", first).status()).isEqualTo(200);
        Reply revoked = api().delete("/v1/admin/api-keys/" + keyId + "/tokens/" + firstId, team.adminToken());
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.data().path("revokedAt").isNumber()).isTrue();

        assertUnauthenticated(api().get("/v1/ext/users", first));
        assertThat(api().get("/v1/ext/users", secondToken).status()).isEqualTo(200);
    }

    @Test
    void deletingAKeyRevokesAllItsTokens() {
        TestTeam team = newTeam();
        Reply created = api().post("/v1/admin/api-keys", team.adminToken(), Map.of("name", "temp", "role", "agent"));
        String keyId = created.data().path("apiKey").path("id").asString();
        String token = created.data().path("token").path("token").asString();
        assertThat(api().get("/v1/ext/users", token).status()).isEqualTo(200);

        assertThat(api().delete("/v1/admin/api-keys/" + keyId, team.adminToken())
                        .status())
                .isEqualTo(200);
        assertUnauthenticated(api().get("/v1/ext/users", token));
        assertThat(api().get("/v1/admin/api-keys/" + keyId, team.adminToken()).status())
                .isEqualTo(404);
    }

    @Test
    void aRoleWithoutThePrivilegeIs403() {
        TestTeam team = newTeam();
        String agent = newKey(team, "agent");
        String manager = newKey(team, "manager");
        Reply adminByAgent = api().get("/v1/admin/roles", agent);
        assertThat(adminByAgent.status()).isEqualTo(403);
        assertThat(adminByAgent
                        .json()
                        .path("_errorDetails")
                        .path(0)
                        .path("code")
                        .asString())
                .isEqualTo("FORBIDDEN");
        assertThat(api().get("/v1/admin/api-keys", manager).status()).isEqualTo(403);
        // agents read users but may not change them
        assertThat(api().get("/v1/ext/users", agent).status()).isEqualTo(200);
        assertThat(api().put("/v1/ext/user/" + team.adminUserId(), agent, Map.of("bio", "x"))
                        .status())
                .isEqualTo(403);
        assertThat(api().put("/v1/ext/user/" + team.adminUserId(), manager, Map.of("bio", "x"))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void changingARolesPrivilegesTakesEffectAtOnce() {
        TestTeam team = newTeam();
        Reply role = api().post(
                        "/v1/admin/roles",
                        team.adminToken(),
                        Map.of("shortId", "reader", "name", "Reader", "roleType", "USER", "privileges", new String[] {
                            "users:read"
                        }));
        String roleId = role.data().path("id").asString();
        String token = newKey(team, "reader");
        assertThat(api().get("/v1/ext/users", token).status()).isEqualTo(200);
        assertThat(api().get("/v1/ext/config", token).status()).isEqualTo(403);

        api().put("/v1/admin/roles/" + roleId, team.adminToken(), Map.of("privileges", new String[] {"config:read"}));
        assertThat(api().get("/v1/ext/users", token).status()).isEqualTo(403);
        assertThat(api().get("/v1/ext/config", token).status()).isEqualTo(200);
    }

    @Test
    void operatorAndTeamTokensStayInTheirLanes() {
        TestTeam team = newTeam();
        // A team admin cannot create teams; the operator cannot act inside a team.
        Reply byTeam = api().post(
                        "/v1/admin/teams",
                        team.adminToken(),
                        Map.of("name", "x", "shortName", "x-" + team.shortName()));
        assertThat(byTeam.status()).isEqualTo(403);
        assertThat(api().get("/v1/ext/users", OPERATOR_TOKEN).status()).isEqualTo(403);
        assertThat(api().get("/v1/admin/team", OPERATOR_TOKEN).status()).isEqualTo(403);
        assertThat(api().get("/v1/health", OPERATOR_TOKEN).status()).isEqualTo(200);
    }

    @Test
    void lastUsedAtIsRecorded() {
        TestTeam team = newTeam();
        api().get("/v1/health", team.adminToken());
        Reply keys = api().get("/v1/admin/api-keys", team.adminToken());
        assertThat(keys.data().path(0).path("lastUsedAt").isNumber())
                .as(keys.toString())
                .isTrue();
        assertThat(keys.data().path(0).path("tokens").path(0).path("lastUsedAt").isNumber())
                .isTrue();
        assertThat(keys.raw()).doesNotContain(team.adminToken());
    }

    static void assertUnauthenticated(Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(401);
        assertThat(reply.firstError()).isNotBlank();
        assertThat(reply.json().path("_errorDetails").path(0).path("code").asString())
                .isEqualTo("UNAUTHENTICATED");
    }
}
