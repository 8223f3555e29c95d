package org.openchakra.team;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.openchakra.support.IntegrationTest;
import org.openchakra.support.Reply;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Roles and API keys through the admin API (platform.md §11). */
class RolesAndKeysAdminTest extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @Test
    void rolesAreCreatedUpdatedAndDeletedUnlessInUse() {
        TestTeam team = newTeam();
        Reply created = api().post(
                        "/v1/admin/roles",
                        team.adminToken(),
                        Map.of(
                                "shortId",
                                "inside_sales",
                                "name",
                                "Inside sales",
                                "roleType",
                                "user",
                                "privileges",
                                new String[] {"chat:read", "whatsapp:send"}));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        JsonNode role = created.data();
        assertThat(role.path("roleType").asString()).isEqualTo("USER");
        assertThat(role.path("privileges").valueStream().map(JsonNode::asString))
                .containsExactly("chat:read", "whatsapp:send");

        assertThat(api().post(
                                "/v1/admin/roles",
                                team.adminToken(),
                                Map.of("shortId", "inside_sales", "name", "x", "roleType", "USER"))
                        .status())
                .isEqualTo(409);
        Reply unknown = api().post(
                        "/v1/admin/roles",
                        team.adminToken(),
                        Map.of("shortId", "r2", "name", "x", "roleType", "USER", "privileges", new String[] {"root"}));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.firstError()).contains("root");

        String id = role.path("id").asString();
        Reply renamed = api().put("/v1/admin/roles/" + id, team.adminToken(), Map.of("name", "Sales"));
        assertThat(renamed.data().path("name").asString()).isEqualTo("Sales");
        assertThat(renamed.data().path("privileges").size()).isEqualTo(2);

        String keyToken = newKey(team, "inside_sales");
        assertThat(keyToken).isNotBlank();
        assertThat(api().delete("/v1/admin/roles/" + id, team.adminToken()).status())
                .isEqualTo(409);

        String spare = api().post(
                        "/v1/admin/roles",
                        team.adminToken(),
                        Map.of("shortId", "spare", "name", "Spare", "roleType", "MANAGER"))
                .data()
                .path("id")
                .asString();
        assertThat(api().delete("/v1/admin/roles/" + spare, team.adminToken()).status())
                .isEqualTo(200);
        assertThat(api().get("/v1/admin/roles", team.adminToken()).raw()).doesNotContain(spare);
    }

    /** Only live keys and users that are not deleted keep a role; deactivated users still do. */
    @Test
    void aRoleHeldOnlyByDeletedKeysAndUsersCanBeDeleted() {
        TestTeam team = newTeam();
        String roleId = api().post(
                        "/v1/admin/roles",
                        team.adminToken(),
                        Map.of("shortId", "temp", "name", "Temp", "roleType", "USER"))
                .data()
                .path("id")
                .asString();
        String keyId = api().post("/v1/admin/api-keys", team.adminToken(), Map.of("name", "temp key", "role", "temp"))
                .data()
                .path("apiKey")
                .path("id")
                .asString();
        String userId = api().post(
                        "/v1/admin/users", team.adminToken(), Map.of("username", "temp-user", "role", "temp"))
                .data()
                .path("id")
                .asString();
        String goneId = api().post(
                        "/v1/admin/users", team.adminToken(), Map.of("username", "gone-user", "role", "temp"))
                .data()
                .path("id")
                .asString();
        // The API never deletes users (DELETE deactivates), but the rule covers rows marked deleted.
        jdbc().sql("UPDATE app_user SET is_deleted = true, deleted_at = now() WHERE id = :id")
                .param("id", java.util.UUID.fromString(goneId))
                .update();

        Reply held = api().delete("/v1/admin/roles/" + roleId, team.adminToken());
        assertThat(held.status()).isEqualTo(409);
        assertThat(held.firstError()).startsWith("Role 'temp' is assigned to users or API keys");
        assertThat(api().delete("/v1/admin/api-keys/" + keyId, team.adminToken())
                        .status())
                .isEqualTo(200);
        assertThat(api().delete("/v1/admin/users/" + userId, team.adminToken()).status())
                .isEqualTo(200);
        // A deactivated user can come back, and needs a role then.
        assertThat(api().delete("/v1/admin/roles/" + roleId, team.adminToken()).status())
                .isEqualTo(409);

        assertThat(api().put("/v1/ext/user/" + userId, team.adminToken(), Map.of("role", "agent"))
                        .status())
                .isEqualTo(200);
        Reply deleted = api().delete("/v1/admin/roles/" + roleId, team.adminToken());
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(api().get("/v1/admin/roles", team.adminToken()).raw()).doesNotContain(roleId);
        // The foreign keys hold: the deleted key and user keep their rows, without a role.
        assertThat(jdbc().sql("SELECT count(*) FROM api_key WHERE id = :id AND role_id IS NULL")
                        .param("id", java.util.UUID.fromString(keyId))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(jdbc().sql("SELECT count(*) FROM app_user WHERE id = :id AND role_id IS NULL")
                        .param("id", java.util.UUID.fromString(goneId))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(api().get("/v1/ext/users", team.adminToken()).status()).isEqualTo(200);
        assertThat(api().get("/v2/ext/users", team.adminToken()).status()).isEqualTo(200);
    }

    /** A live key never loses its role, even to a delete that races the in-use check. */
    @Test
    void theDatabaseKeepsARoleOnEveryLiveKey() {
        TestTeam team = newTeam();
        String roleId = api().post(
                        "/v1/admin/roles",
                        team.adminToken(),
                        Map.of("shortId", "raced", "name", "Raced", "roleType", "USER"))
                .data()
                .path("id")
                .asString();
        newKey(team, "raced");
        assertThatThrownBy(() -> jdbc().sql("DELETE FROM role WHERE id = :id")
                        .param("id", java.util.UUID.fromString(roleId))
                        .update())
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
    }

    private JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    @Test
    void theBuiltInAdminRoleCannotBeChangedOrDeleted() {
        TestTeam team = newTeam();
        String adminRole = null;
        for (JsonNode r : api().get("/v1/admin/roles", team.adminToken()).data()) {
            if (r.path("shortId").asString().equals("admin")) {
                adminRole = r.path("id").asString();
            }
        }
        assertThat(api().put("/v1/admin/roles/" + adminRole, team.adminToken(), Map.of("privileges", new String[0]))
                        .status())
                .isEqualTo(409);
        assertThat(api().delete("/v1/admin/roles/" + adminRole, team.adminToken())
                        .status())
                .isEqualTo(409);
        assertThat(api().get("/v1/admin/roles", team.adminToken()).status()).isEqualTo(200);
    }

    @Test
    void apiKeysShowTheirTokenOnceAndNeverAgain() {
        TestTeam team = newTeam();
        Reply created = api().post(
                        "/v1/admin/api-keys",
                        team.adminToken(),
                        Map.of("name", "Zapier", "description", "for the Zapier integration", "role", "manager"));
        assertThat(created.status()).isEqualTo(200);
        String token = created.data().path("token").path("token").asString();
        String keyId = created.data().path("apiKey").path("id").asString();
        assertThat(created.data().path("apiKey").path("name").asString()).isEqualTo("Zapier");
        assertThat(token).startsWith("ock_");

        Reply listed = api().get("/v1/admin/api-keys", team.adminToken());
        assertThat(listed.raw()).contains(keyId).doesNotContain(token);
        Reply one = api().get("/v1/admin/api-keys/" + keyId, team.adminToken());
        assertThat(one.data().path("tokens").path(0).path("token").isNull()).isTrue();
        assertThat(one.data().path("tokens").path(0).path("prefix").asString()).isEqualTo(token.substring(0, 12));

        assertThat(api().post("/v1/admin/api-keys", team.adminToken(), Map.of("name", "x"))
                        .status())
                .isEqualTo(400);
        assertThat(api().post("/v1/admin/api-keys", team.adminToken(), Map.of("name", "x", "role", "nope"))
                        .status())
                .isEqualTo(400);
        assertThat(api().delete(
                                "/v1/admin/api-keys/" + keyId + "/tokens/" + java.util.UUID.randomUUID(),
                                team.adminToken())
                        .status())
                .isEqualTo(404);
    }
}
