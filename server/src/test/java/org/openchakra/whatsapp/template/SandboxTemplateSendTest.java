package org.openchakra.whatsapp.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import org.junit.jupiter.api.Test;
import org.openchakra.support.IntegrationTest;
import org.openchakra.support.Reply;
import tools.jackson.databind.JsonNode;

/** The README's walk-through: {@code hello_world} through a sandbox plugin, seen in the sandbox's outbox. */
class SandboxTemplateSendTest extends IntegrationTest {

    @Test
    void helloWorldThroughTheSandboxPluginReachesTheSimulatedMeta() {
        TestTeam team = newTeam();
        Reply plugin =
                api().post("/v1/admin/plugins/whatsapp", team.adminToken(), obj("name", "Try", "mode", "SANDBOX"));
        assertThat(plugin.status()).as(plugin.toString()).isEqualTo(200);
        String pluginId = plugin.data().path("id").asString();
        String number = plugin.data()
                .path("wabas")
                .get(0)
                .path("phoneNumbers")
                .get(0)
                .path("id")
                .asString();

        Reply sent = api().post(
                        "/v1/ext/plugin/whatsapp/" + pluginId + "/phoneNumber/+919911223344" + "/send-template-message",
                        team.adminToken(),
                        obj("whatsappPhoneNumberId", number, "templateName", "hello_world"));
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        assertThat(sent.data().path("deliveryStatus").asString()).isEqualTo("SENT");
        String wamid = sent.data().path("externalId").asString();

        Reply outbox = api().get("/v1/sandbox/" + pluginId + "/outbox", team.adminToken());
        assertThat(outbox.status()).as(outbox.toString()).isEqualTo(200);
        JsonNode entry = outbox.data().get(0);
        assertThat(entry.path("id").asString()).isEqualTo(wamid);
        assertThat(entry.path("waId").asString()).isEqualTo("919911223344");
        assertThat(entry.path("request").path("template").path("name").asString())
                .isEqualTo("hello_world");
        assertThat(entry.path("request")
                        .path("template")
                        .path("language")
                        .path("code")
                        .asString())
                .isEqualTo("en_US");
    }
}
