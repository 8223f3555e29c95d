package org.openchakra.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchakra.support.IntegrationTest;
import org.openchakra.support.Reply;

/** One team's key can neither read nor change another team's users, roles, keys or tokens: always 404. */
class TenancyTest extends IntegrationTest {

    @Test
    void anotherTeamsUsersAreInvisibleAndUntouchable() {
        TestTeam a = newTeam();
        TestTeam b = newTeam();
        Reply created = api().post(
                        "/v1/admin/users",
                        a.adminToken(),
                        Map.of(
                                "username",
                                "alice@" + a.shortName() + ".test",
                                "email",
                                "alice@" + a.shortName() + ".test",
                                "role",
                                "agent"));
        String alice = created.data().path("id").asString();

        Reply listB = api().get("/v1/ext/users", b.adminToken());
        assertThat(listB.raw())
                .doesNotContain(alice)
                .doesNotContain(a.adminUserId().toString());
        assertThat(api().get("/v2/ext/users", b.adminToken()).raw()).doesNotContain(alice);

        assertThat(api().get("/v1/ext/user/" + alice, b.adminToken()).status()).isEqualTo(404);
        assertThat(api().get("/v2/ext/user/" + alice, b.adminToken()).status()).isEqualTo(404);
        assertThat(api().put("/v1/ext/user/" + alice, b.adminToken(), Map.of("firstName", "Mallory"))
                        .status())
                .isEqualTo(404);
        assertThat(api().patch("/v1/ext/user/" + alice, b.adminToken(), Map.of("firstName", "Mallory"))
                        .status())
                .isEqualTo(404);
        assertThat(api().delete("/v1/admin/users/" + alice, b.adminToken()).status())
                .isEqualTo(404);

        Reply stillAlice = api().get("/v1/ext/user/" + alice, a.adminToken());
        assertThat(stillAlice.data().path("firstName").isNull()).isTrue();
        assertThat(stillAlice.data().path("isActive").asBoolean()).isTrue();
    }

    @Test
    void anotherTeamsRolesAreInvisibleAndUntouchable() {
        TestTeam a = newTeam();
        TestTeam b = newTeam();
        String roleId = api().post(
                        "/v1/admin/roles",
                        a.adminToken(),
                        Map.of("shortId", "auditor", "name", "Auditor", "roleType", "USER", "privileges", new String[] {
                            "users:read"
                        }))
                .data()
                .path("id")
                .asString();

        assertThat(api().get("/v1/admin/roles", b.adminToken()).raw()).doesNotContain(roleId);
        assertThat(api().get("/v1/ext/config", b.adminToken()).raw()).doesNotContain(roleId);
        assertThat(api().put("/v1/admin/roles/" + roleId, b.adminToken(), Map.of("name", "Hijacked"))
                        .status())
                .isEqualTo(404);
        assertThat(api().delete("/v1/admin/roles/" + roleId, b.adminToken()).status())
                .isEqualTo(404);
        // Nor can B give one of its keys or users A's role.
        assertThat(api().post("/v1/admin/api-keys", b.adminToken(), Map.of("name", "k", "role", roleId))
                        .status())
                .isEqualTo(400);
        assertThat(api().put("/v1/ext/user/" + b.adminUserId(), b.adminToken(), Map.of("role", roleId))
                        .status())
                .isEqualTo(400);

        assertThat(api().get("/v1/admin/roles", a.adminToken()).raw()).contains("Auditor");
    }

    @Test
    void anotherTeamsKeysAndTokensAreInvisibleAndUntouchable() {
        TestTeam a = newTeam();
        TestTeam b = newTeam();
        Reply key = api().post("/v1/admin/api-keys", a.adminToken(), Map.of("name", "integration", "role", "manager"));
        String keyId = key.data().path("apiKey").path("id").asString();
        String tokenId = key.data().path("token").path("id").asString();
        String token = key.data().path("token").path("token").asString();

        assertThat(api().get("/v1/admin/api-keys", b.adminToken()).raw()).doesNotContain(keyId);
        assertThat(api().get("/v1/admin/api-keys/" + keyId, b.adminToken()).status())
                .isEqualTo(404);
        assertThat(api().post("/v1/admin/api-keys/" + keyId + "/tokens", b.adminToken(), null)
                        .status())
                .isEqualTo(404);
        assertThat(api().delete("/v1/admin/api-keys/" + keyId + "/tokens/" + tokenId, b.adminToken())
                        .status())
                .isEqualTo(404);
        assertThat(api().delete("/v1/admin/api-keys/" + keyId, b.adminToken()).status())
                .isEqualTo(404);

        assertThat(api().get("/v1/health", token).status()).isEqualTo(200);
        assertThat(api().get("/v1/admin/api-keys/" + keyId, a.adminToken())
                        .data()
                        .path("tokens")
                        .path(0)
                        .path("revokedAt")
                        .isNull())
                .isTrue();
    }

    @Test
    void eachTeamSeesOnlyItsOwnTeamAndConfig() {
        TestTeam a = newTeam();
        TestTeam b = newTeam();
        assertThat(api().get("/v1/admin/team", b.adminToken()).data().path("id").asString())
                .isEqualTo(b.id().toString());
        Reply configB = api().get("/v1/ext/config", b.adminToken());
        assertThat(configB.data().path("team").path("id").asString()).isEqualTo(b.id().toString());
        assertThat(configB.raw()).doesNotContain(a.id().toString());
        api().put("/v1/admin/team", b.adminToken(), Map.of("name", "Renamed B"));
        assertThat(api().get("/v1/admin/team", a.adminToken())
                        .data()
                        .path("name")
                        .asString())
                .isEqualTo("Team " + a.shortName());
        api().put("/v1/admin/team/secrets/webhook", b.adminToken(), Map.of("secret", "b-secret-0123456789"));
        assertThat(api().get("/v1/admin/team/secrets/webhook", a.adminToken())
                        .data()
                        .path("isSet")
                        .asBoolean())
                .isFalse();
    }
}
