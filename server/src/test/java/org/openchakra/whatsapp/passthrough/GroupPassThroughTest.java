package org.openchakra.whatsapp.passthrough;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.openchakra.support.Json.obj;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openchakra.support.Multipart;
import org.openchakra.support.Reply;
import org.openchakra.whatsapp.MetaSimulatorTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Groups pass-through (whatsapp.md §7): every edge against the simulator, and which group ids resolve. */
class GroupPassThroughTest extends MetaSimulatorTest {

    private static final String V = "v23.0";

    @Autowired
    JdbcClient jdbc;

    @Test
    void aGroupLearntFromMetasWebhookGoesThroughEveryEdge() {
        TestTeam team = newTeam();
        Connected plugin = connect(team, true);
        String agent = newKey(team, "agent");

        Reply created = api().post(
                        plugin.api(V) + "/" + plugin.phoneNumberId() + "/groups",
                        agent,
                        obj(
                                "messaging_product",
                                "whatsapp",
                                "subject",
                                "Launch crew",
                                "join_approval_mode",
                                "approval_required"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        // Meta's body unwrapped: no envelope.
        assertThat(created.json().path("request_id").asString()).isNotBlank();
        assertThat(created.json().has("_data")).isFalse();

        String group = awaitGroupOf(plugin.pluginId());
        String path = plugin.api(V) + "/" + group;

        Reply info = api().get(path + "?fields=subject,join_approval_mode", agent);
        assertThat(info.status()).as(info.toString()).isEqualTo(200);
        assertThat(info.json().path("subject").asString()).isEqualTo("Launch crew");
        assertThat(info.json().path("join_approval_mode").asString()).isEqualTo("approval_required");

        Reply renamed = api().post(path, agent, obj("messaging_product", "whatsapp", "subject", "Launch team"));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(api().get(path, agent).json().path("subject").asString()).isEqualTo("Launch team");

        String link = api().get(path + "/invite_link", agent)
                .json()
                .path("invite_link")
                .asString();
        assertThat(link).startsWith("https://chat.whatsapp.com/");
        Reply reset = api().post(path + "/invite_link", agent, obj("messaging_product", "whatsapp"));
        assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
        assertThat(reset.json().path("invite_link").asString())
                .startsWith("https://chat.whatsapp.com/")
                .isNotEqualTo(link);

        String ana = "15550002001";
        String bob = "15550002002";
        String anaRequest = meta.joinGroup(group, ana);
        String bobRequest = meta.joinGroup(group, bob);
        Reply pending = api().get(path + "/join_requests", agent);
        assertThat(pending.status()).as(pending.toString()).isEqualTo(200);
        assertThat(pending.json().path("data").findValuesAsString("join_request_id"))
                .containsExactlyInAnyOrder(anaRequest, bobRequest);
        Reply approved = api().post(
                        path + "/join_requests",
                        agent,
                        obj("messaging_product", "whatsapp", "join_requests", List.of(anaRequest)));
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().path("approved_join_requests").get(0).asString())
                .isEqualTo(anaRequest);
        Reply rejected = api().send(
                        "DELETE",
                        path + "/join_requests",
                        agent,
                        obj("messaging_product", "whatsapp", "join_requests", List.of(bobRequest)),
                        Map.of());
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        assertThat(rejected.json().path("rejected_join_requests").get(0).asString())
                .isEqualTo(bobRequest);
        assertThat(participants(path, agent)).containsExactly(ana);

        Reply removed = api().send(
                        "DELETE",
                        path + "/participants",
                        agent,
                        obj("messaging_product", "whatsapp", "participants", List.of(obj("user", "+" + ana))),
                        Map.of());
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(participants(path, agent)).isEmpty();

        Reply deleted = api().delete(path, agent);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
        assertThat(deleted.json().path("success").asBoolean()).isTrue();
    }

    @Test
    void aListingTeachesGroupIdsMetaNeverSentAWebhookFor() {
        TestTeam team = newTeam();
        Connected plugin = connect(team, false);
        // A form body, forwarded as a form.
        Reply created = api().send(
                        "POST",
                        plugin.api(V) + "/" + plugin.phoneNumberId() + "/groups",
                        team.adminToken(),
                        "messaging_product=whatsapp&subject=Form+made",
                        Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> meta.webhookDeliveries().stream()
                        .anyMatch(d -> d.wabaId().equals(plugin.wabaId()) && "NO_URL".equals(d.outcome())));
        assertThat(groupsOf(plugin.pluginId())).isEmpty();

        Reply listed = api().get(plugin.api(V) + "/" + plugin.phoneNumberId() + "/groups?limit=10", team.adminToken());
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        JsonNode groups = listed.json().path("data").path("groups");
        assertThat(groups).hasSize(1);
        assertThat(groups.get(0).path("subject").asString()).isEqualTo("Form made");
        String group = groups.get(0).path("id").asString();
        assertThat(groupsOf(plugin.pluginId())).containsExactly(group);
        assertThat(api().get(plugin.api(V) + "/" + group, team.adminToken()).status())
                .isEqualTo(200);
    }

    @Test
    void aGroupPictureGoesThroughAsMultipart() {
        TestTeam team = newTeam();
        Connected plugin = connect(team, true);
        api().post(
                        plugin.api(V) + "/" + plugin.phoneNumberId() + "/groups",
                        team.adminToken(),
                        obj("messaging_product", "whatsapp", "subject", "Pictured"));
        String path = plugin.api(V) + "/" + awaitGroupOf(plugin.pluginId());
        byte[] jpeg = {
            (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 'J', 'F', 'I', 'F', 0, (byte) 0xFF, (byte) 0xD9
        };

        Multipart picture = new Multipart()
                .field("messaging_product", "whatsapp")
                .field("subject", "With a picture")
                .file("file", "group.jpg", "image/jpeg", jpeg);
        Reply set = api().send("POST", path, team.adminToken(), picture.body(), picture.headers());
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(api().get(path, team.adminToken()).json().path("subject").asString())
                .isEqualTo("With a picture");

        Multipart png = new Multipart()
                .field("messaging_product", "whatsapp")
                .file("file", "group.png", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Reply refused = api().send("POST", path, team.adminToken(), png.body(), png.headers());
        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.json().path("error").path("code").asInt()).isEqualTo(100);
        assertThat(refused.json()
                        .path("error")
                        .path("error_data")
                        .path("details")
                        .asString())
                .contains("JPEG");
    }

    @Test
    void onlyThePluginThatRunsAGroupReachesIt() {
        TestTeam team = newTeam();
        Connected runs = connect(team, true);
        Connected sibling = connect(team, true);
        api().post(
                        runs.api(V) + "/" + runs.phoneNumberId() + "/groups",
                        team.adminToken(),
                        obj("messaging_product", "whatsapp", "subject", "Mine"));
        String group = awaitGroupOf(runs.pluginId());

        assertNotFound(api().get(sibling.api(V) + "/" + group, team.adminToken()), "is not a group of");
        assertNotFound(api().get(runs.api(V) + "/not-a-known-group", team.adminToken()), "is not a group of");
        assertNotFound(api().get(runs.api(V) + "/" + UUID.randomUUID() + "/invite_link", team.adminToken()), "group");

        TestTeam other = newTeam();
        assertNotFound(api().get(runs.api(V) + "/" + group, other.adminToken()), "not found");
        assertNotFound(
                api().get(runs.api(V) + "/" + runs.phoneNumberId() + "/groups", other.adminToken()), "not found");
        assertNotFound(
                api().post(
                                runs.api(V) + "/" + group + "/invite_link",
                                other.adminToken(),
                                obj("messaging_product", "whatsapp")),
                "not found");
        // A number of the team, but not of this plugin.
        assertNotFound(
                api().get(runs.api(V) + "/" + sibling.phoneNumberId() + "/groups", team.adminToken()), "not a number");
    }

    @Test
    void onlyTheContractsEdgesAreServed() {
        TestTeam team = newTeam();
        Connected plugin = connect(team, true);
        String base = plugin.api(V) + "/" + plugin.phoneNumberId();
        Reply profile = api().get(base + "/whatsapp_business_profile", team.adminToken());
        assertThat(profile.status()).as(profile.toString()).isEqualTo(404);
        assertThat(profile.json().path("_errorDetails").get(0).path("code").asString())
                .isEqualTo("NOT_FOUND");
        assertThat(api().get(base + "/groups/extra", team.adminToken()).status())
                .isEqualTo(404);
        assertThat(api().post(plugin.api(V) + "/x/participants", team.adminToken(), obj())
                        .status())
                .isEqualTo(405);
        assertThat(api().send("DELETE", plugin.api(V) + "/x/invite_link", team.adminToken(), null, Map.of())
                        .status())
                .isEqualTo(405);
        assertThat(api().get(plugin.api("23") + "/" + plugin.phoneNumberId() + "/groups", team.adminToken())
                        .status())
                .isEqualTo(400);
    }

    @Test
    void metasRefusalsAreRelayedAndLocalOnesAreOurs() {
        TestTeam team = newTeam();
        Connected plugin = connect(team, true);
        String groups = plugin.api(V) + "/" + plugin.phoneNumberId() + "/groups";
        Reply noSubject = api().post(groups, team.adminToken(), obj("messaging_product", "whatsapp"));
        assertThat(noSubject.status()).as(noSubject.toString()).isEqualTo(400);
        assertThat(noSubject.json().path("error").path("code").asInt()).isEqualTo(100);
        assertThat(noSubject
                        .json()
                        .path("_errorDetails")
                        .get(0)
                        .path("metaCode")
                        .asInt())
                .isEqualTo(100);
        assertThat(noSubject.firstError()).startsWith("(#100)");

        Reply malformed = api().send("POST", groups, team.adminToken(), "{bad", Map.of());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.firstError()).contains("Malformed JSON");
        Reply text = api().send("POST", groups, team.adminToken(), "subject", Map.of("Content-Type", "text/plain"));
        assertThat(text.status()).isEqualTo(415);
        // The caller's own token never replaces the plugin's.
        Reply listed = api().get(groups + "?access_token=EAAB-someone-else", team.adminToken());
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
    }

    @Test
    void aKeyWithoutSendingCannotTouchGroups() {
        TestTeam team = newTeam();
        Connected plugin = connect(team, true);
        String reader = readerKey(team);
        Reply refused = api().get(plugin.api(V) + "/" + plugin.phoneNumberId() + "/groups", reader);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
    }

    private void assertNotFound(Reply reply, String says) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
        assertThat(reply.firstError()).contains(says);
    }

    private List<String> participants(String groupPath, String token) {
        return api().get(groupPath + "?fields=participants", token)
                .json()
                .path("participants")
                .findValuesAsString("wa_id");
    }

    private String awaitGroupOf(String pluginId) {
        await().atMost(Duration.ofSeconds(15)).until(() -> !groupsOf(pluginId).isEmpty());
        return groupsOf(pluginId).get(0);
    }

    private List<String> groupsOf(String pluginId) {
        return jdbc.sql("SELECT group_id FROM whatsapp_group WHERE plugin_id = :plugin ORDER BY created_at")
                .param("plugin", UUID.fromString(pluginId))
                .query(String.class)
                .list();
    }
}
