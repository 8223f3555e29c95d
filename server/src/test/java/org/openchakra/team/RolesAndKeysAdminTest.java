package org.openchakra.team;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchakra.support.IntegrationTest;
import org.openchakra.support.Reply;
import tools.jackson.databind.JsonNode;

/** Roles and API keys through the admin API (platform.md §11). */
class RolesAndKeysAdminTest extends IntegrationTest {

    @Test
    void rolesAreCreatedUpdatedAndDeletedUnlessInUse() {
        TestTeam team = newTeam();
        Reply created = api().post("/v1/admin/roles", team.adminToken(), Map.of("shortId", "inside_sales",
                "name", "Inside sales", "roleType", "user", "privileges", new String[] {"chat:read", "whatsapp:send"}));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        JsonNode role = created.data();
        assertThat(role.path("roleType").asString()).isEqualTo("USER");
        assertThat(role.path("privileges").valueStream().map(JsonNode::asString))
                .containsExactly("chat:read", "whatsapp:send");

        assertThat(api().post("/v1/admin/roles", team.adminToken(), Map.of("shortId", "inside_sales", "name", "x",
                "roleType", "USER")).status()).isEqualTo(409);
        Reply unknown = api().post("/v1/admin/roles", team.adminToken(), Map.of("shortId", "r2", "name", "x",
                "roleType", "USER", "privileges", new String[] {"root"}));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.firstError()).contains("root");

        String id = role.path("id").asString();
        Reply renamed = api().put("/v1/admin/roles/" + id, team.adminToken(), Map.of("name", "Sales"));
        assertThat(renamed.data().path("name").asString()).isEqualTo("Sales");
        assertThat(renamed.data().path("privileges").size()).isEqualTo(2);

        String keyToken = newKey(team, "inside_sales");
        assertThat(keyToken).isNotBlank();
        assertThat(api().delete("/v1/admin/roles/" + id, team.adminToken()).status()).isEqualTo(409);

        String spare = api().post("/v1/admin/roles", team.adminToken(), Map.of("shortId", "spare", "name", "Spare",
                "roleType", "MANAGER")).data().path("id").asString();
        assertThat(api().delete("/v1/admin/roles/" + spare, team.adminToken()).status()).isEqualTo(200);
        assertThat(api().get("/v1/admin/roles", team.adminToken()).raw()).doesNotContain(spare);
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
                .status()).isEqualTo(409);
        assertThat(api().delete("/v1/admin/roles/" + adminRole, team.adminToken()).status()).isEqualTo(409);
        assertThat(api().get("/v1/admin/roles", team.adminToken()).status()).isEqualTo(200);
    }

    @Test
    void apiKeysShowTheirTokenOnceAndNeverAgain() {
        TestTeam team = newTeam();
        Reply created = api().post("/v1/admin/api-keys", team.adminToken(), Map.of("name", "Zapier",
                "description", "for the Zapier integration", "role", "manager"));
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

        assertThat(api().post("/v1/admin/api-keys", team.adminToken(), Map.of("name", "x")).status()).isEqualTo(400);
        assertThat(api().post("/v1/admin/api-keys", team.adminToken(), Map.of("name", "x", "role", "nope")).status())
                .isEqualTo(400);
        assertThat(api().delete("/v1/admin/api-keys/" + keyId + "/tokens/" + java.util.UUID.randomUUID(),
                team.adminToken()).status()).isEqualTo(404);
    }
}
