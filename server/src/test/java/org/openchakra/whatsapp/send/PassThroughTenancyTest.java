package org.openchakra.whatsapp.send;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openchakra.support.Reply;

/**
 * whatsapp.md §1 and README §2 for the messages pass-through: another team's plugin, an unknown or inactive
 * plugin and a number that is not the plugin's are 404 saying which, a role without {@code whatsapp:send}
 * is 403, and none of them reaches Meta or records anything.
 */
class PassThroughTenancyTest extends SendTestBase {

    @Test
    void anotherTeamCanNeitherSendThroughAPluginNorLearnThatItExists() {
        TestTeam owner = newTeam();
        CloudPlugin plugin = cloudPlugin(owner);
        String customer = nextCustomer();
        openWindow(plugin, customer);
        TestTeam other = newTeam();

        Reply reply = api().post(plugin.messagesPath(), other.adminToken(), text(customer, "Not yours"));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
        Reply unknown = api().post(
                        "/v1/ext/plugin/whatsapp/" + UUID.randomUUID() + "/api/v23.0/" + plugin.numberId()
                                + "/messages",
                        other.adminToken(),
                        text(customer, "Nobody's"));
        assertThat(reply.firstError()).isEqualTo(unknown.firstError().replaceAll("[0-9a-f-]{36}", plugin.id()));
        // A receipt is refused the same way.
        assertThat(api().post(
                                plugin.messagesPath(),
                                other.adminToken(),
                                obj("messaging_product", "whatsapp", "status", "read", "message_id", "wamid.x"))
                        .status())
                .isEqualTo(404);

        assertThat(outboxSize(plugin)).isZero();
        assertThat(recordedCount(owner)).isZero();
        assertThat(recordedCount(other)).isZero();
        sendOk(plugin, text(customer, "Mine"));
    }

    @Test
    void anUnknownPluginANumberOfAnotherPluginAndAnInactivePluginAre404SayingWhich() {
        TestTeam team = newTeam();
        CloudPlugin plugin = cloudPlugin(team);
        CloudPlugin second = cloudPlugin(team);
        String customer = nextCustomer();
        openWindow(plugin, customer);

        Reply unknown = api().post(
                        "/v1/ext/plugin/whatsapp/" + UUID.randomUUID() + "/api/v23.0/" + plugin.numberId()
                                + "/messages",
                        team.adminToken(),
                        text(customer, "x"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.firstError()).contains("plugin").contains("not found");

        Reply wrongNumber = api().post(
                        "/v1/ext/plugin/whatsapp/" + plugin.id() + "/api/v23.0/" + second.numberId() + "/messages",
                        team.adminToken(),
                        text(customer, "x"));
        assertThat(wrongNumber.status()).isEqualTo(404);
        assertThat(wrongNumber.firstError()).contains(second.numberId()).contains("is not a number of");

        Reply deactivated = api().delete("/v1/admin/plugins/whatsapp/" + plugin.id(), team.adminToken());
        assertThat(deactivated.status()).as(deactivated.toString()).isEqualTo(200);
        Reply inactive = send(plugin, text(customer, "x"));
        assertThat(inactive.status()).isEqualTo(404);
        assertThat(inactive.firstError()).contains("not active");

        assertThat(outboxSize(plugin)).isZero();
        assertThat(outboxSize(second)).isZero();
        assertThat(recordedCount(team)).isZero();
    }

    @Test
    void aRoleWithoutWhatsappSendIsRefused() {
        TestTeam team = newTeam();
        CloudPlugin plugin = cloudPlugin(team);
        String customer = nextCustomer();
        openWindow(plugin, customer);
        String reader = readerKey(team);

        Reply reply = api().post(plugin.messagesPath(), reader, text(customer, "x"));
        assertThat(reply.status()).isEqualTo(403);
        assertThat(api().post(plugin.messagesPath(), newKey(team, "agent"), text(customer, "Agents send"))
                        .status())
                .isEqualTo(200);
        assertThat(outboxSize(plugin)).isEqualTo(1);
    }
}
