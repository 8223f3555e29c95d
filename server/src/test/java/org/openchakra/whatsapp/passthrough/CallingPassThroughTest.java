package org.openchakra.whatsapp.passthrough;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchakra.support.Reply;
import org.openchakra.whatsapp.MetaSimulatorTest;

/**
 * Calling pass-through (whatsapp.md §7): no plugin in the path, the number finds it; answers are Meta's bodies
 * as they are, where the official SDK reads them ({@code calling.status}, {@code permission.status},
 * {@code calls[0].id}, {@code success}), and refusals carry Meta's {@code error} and a non-empty {@code _errors}.
 */
class CallingPassThroughTest extends MetaSimulatorTest {

    private static final String SDP = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n";

    private static String base(Connected plugin) {
        return "/v1/whatsapp/v23.0/" + plugin.phoneNumberId();
    }

    @Test
    void settingsPermissionsAndCallsAnswerMetasBodiesAtTheTopLevel() {
        TestTeam team = newTeam();
        Connected plugin = connect(team, true);
        String agent = newKey(team, "agent");

        Reply enabled = api().post(
                        base(plugin) + "/settings",
                        agent,
                        obj(
                                "calling",
                                obj(
                                        "status",
                                        "ENABLED",
                                        "call_icon_visibility",
                                        "DEFAULT",
                                        "callback_permission_status",
                                        "ENABLED")));
        assertThat(enabled.status()).as(enabled.toString()).isEqualTo(200);
        assertUnwrapped(enabled);
        assertThat(enabled.json().path("success").asBoolean()).isTrue();
        Reply settings = api().get(base(plugin) + "/settings?include_sip_credentials=false", agent);
        assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
        assertUnwrapped(settings);
        assertThat(settings.json().path("calling").path("status").asString()).isEqualTo("ENABLED");

        String customer = "15550003001";
        Reply denied = api().get(base(plugin) + "/call_permissions?user_wa_id=" + customer, agent);
        assertThat(denied.status()).as(denied.toString()).isEqualTo(200);
        assertUnwrapped(denied);
        assertThat(denied.json().path("permission").path("status").asString()).isEqualTo("denied");
        assertThat(denied.json().path("messaging_product").asString()).isEqualTo("whatsapp");

        Map<String, Object> connect = obj(
                "messaging_product",
                "whatsapp",
                "action",
                "connect",
                "to",
                customer,
                "session",
                obj("sdp_type", "offer", "sdp", SDP));
        Reply refused = api().post(base(plugin) + "/calls", agent, connect);
        assertThat(refused.status()).as(refused.toString()).isBetween(400, 499);
        assertThat(refused.json().path("error").path("code").asInt()).isEqualTo(138006);
        assertThat(refused.json().path("_errorDetails").get(0).path("metaCode").asInt())
                .isEqualTo(138006);
        // The SDK throws on a non-empty _errors; generic tools show message.
        assertThat(refused.errors()).isNotEmpty();
        assertThat(refused.json().path("message").asString()).isEqualTo(refused.firstError());

        meta.grantCallPermission(plugin.phoneNumberId(), customer);
        assertThat(api().get(base(plugin) + "/call_permissions?user_wa_id=" + customer, agent)
                        .json()
                        .path("permission")
                        .path("status")
                        .asString())
                .isEqualTo("granted");
        Reply call = api().post(base(plugin) + "/calls", agent, connect);
        assertThat(call.status()).as(call.toString()).isEqualTo(200);
        assertUnwrapped(call);
        assertThat(call.json().path("calls").get(0).path("id").asString()).startsWith("wacid.");

        String inbound = meta.injectInboundCall(plugin.phoneNumberId(), "15550003002", SDP);
        for (String action : new String[] {"pre_accept", "accept"}) {
            Reply answered = api().post(
                            base(plugin) + "/calls",
                            agent,
                            obj(
                                    "messaging_product",
                                    "whatsapp",
                                    "action",
                                    action,
                                    "call_id",
                                    inbound,
                                    "session",
                                    obj("sdp_type", "answer", "sdp", SDP)));
            assertThat(answered.status()).as(action + ": " + answered).isEqualTo(200);
            assertUnwrapped(answered);
            assertThat(answered.json().path("success").asBoolean()).isTrue();
        }
        Reply ended = api().post(
                        base(plugin) + "/calls",
                        agent,
                        obj("messaging_product", "whatsapp", "action", "terminate", "call_id", inbound));
        assertThat(ended.status()).as(ended.toString()).isEqualTo(200);
        assertThat(ended.json().path("success").asBoolean()).isTrue();
        Reply again = api().post(
                        base(plugin) + "/calls",
                        agent,
                        obj("messaging_product", "whatsapp", "action", "terminate", "call_id", inbound));
        assertThat(again.status()).as(again.toString()).isEqualTo(400);
        assertThat(again.json().path("error").path("code").asInt()).isEqualTo(100);
    }

    @Test
    void aNumberResolvesOnlyForTheTeamWhoseActivePluginHasIt() {
        TestTeam team = newTeam();
        Connected plugin = connect(team, true);
        TestTeam other = newTeam();

        Reply foreign = api().get(base(plugin) + "/settings", other.adminToken());
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(404);
        assertThat(foreign.firstError()).contains("not a number of an active WhatsApp plugin");
        assertThat(api().get("/v1/whatsapp/v23.0/" + nextId() + "/settings", team.adminToken())
                        .status())
                .isEqualTo(404);
        assertThat(api().get("/v1/whatsapp/v23.0/not-a-number/call_permissions", team.adminToken())
                        .status())
                .isEqualTo(404);
        assertThat(api().get(base(plugin) + "/calls", team.adminToken()).status())
                .isEqualTo(405);
        assertThat(api().get(base(plugin) + "/business_compliance_info", team.adminToken())
                        .status())
                .isEqualTo(404);

        assertThat(api().get(base(plugin) + "/settings", team.adminToken()).status())
                .isEqualTo(200);
        Reply disconnected =
                api().post("/v1/ext/plugin/whatsapp/" + plugin.pluginId() + "/disconnect", team.adminToken(), obj());
        assertThat(disconnected.status()).as(disconnected.toString()).isEqualTo(200);
        assertThat(api().get(base(plugin) + "/settings", team.adminToken()).status())
                .isEqualTo(404);
    }

    /** Meta's body itself: no envelope around it, and no _errors for the SDK to throw on. */
    private static void assertUnwrapped(Reply reply) {
        assertThat(reply.json().isObject()).as(reply.toString()).isTrue();
        assertThat(reply.json().has("_data")).as("not wrapped: " + reply).isFalse();
        assertThat(reply.json().has("_errors"))
                .as("no _errors on a success: " + reply)
                .isFalse();
        assertThat(reply.header("Content-Type")).startsWith("application/json");
    }
}
