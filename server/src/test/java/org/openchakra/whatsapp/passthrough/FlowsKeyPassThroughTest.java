package org.openchakra.whatsapp.passthrough;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openchakra.support.Reply;
import org.openchakra.whatsapp.MetaSimulatorTest;

/** The Flows business public key (whatsapp.md §7): set as JSON or a form, read back in Meta's shape. */
class FlowsKeyPassThroughTest extends MetaSimulatorTest {

    private static String pem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(generator.generateKeyPair().getPublic().getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n";
    }

    @Test
    void theKeyIsSetAsJsonOrFormAndReadBackUnwrapped() throws Exception {
        TestTeam team = newTeam();
        Connected plugin = connect(team, true);
        String path = plugin.api("v23.0") + "/" + plugin.phoneNumberId() + "/whatsapp_business_encryption";

        String first = pem();
        Reply set = api().post(path, team.adminToken(), obj("business_public_key", first));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
        assertThat(set.json().path("success").asBoolean()).isTrue();
        Reply read =
                api().get(path + "?fields=business_public_key,business_public_key_signature_status", team.adminToken());
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().path("data").get(0).path("business_public_key").asString())
                .isEqualTo(first);
        assertThat(read.json()
                        .path("data")
                        .get(0)
                        .path("business_public_key_signature_status")
                        .asString())
                .isEqualTo("VALID");

        String second = pem();
        Reply form = api().send(
                        "POST",
                        path,
                        team.adminToken(),
                        "business_public_key=" + URLEncoder.encode(second, StandardCharsets.UTF_8),
                        Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(form.status()).as(form.toString()).isEqualTo(200);
        assertThat(api().get(path, team.adminToken())
                        .json()
                        .path("data")
                        .get(0)
                        .path("business_public_key")
                        .asString())
                .isEqualTo(second);
    }

    @Test
    void metaRefusesABadKeyAndOnlyPluginAdminsMaySetOne() throws Exception {
        TestTeam team = newTeam();
        Connected plugin = connect(team, true);
        String path = plugin.api("v23.0") + "/" + plugin.phoneNumberId() + "/whatsapp_business_encryption";

        Reply bad = api().post(path, team.adminToken(), obj("business_public_key", "not a key"));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(400);
        assertThat(bad.json().path("error").path("error_user_title").asString()).isEqualTo("Invalid Public Key");
        assertThat(bad.json().path("_errorDetails").get(0).path("code").asString())
                .isEqualTo("UPSTREAM_ERROR");

        Reply agent = api().post(path, newKey(team, "agent"), obj("business_public_key", pem()));
        assertThat(agent.status()).as(agent.toString()).isEqualTo(403);
        assertThat(api().post(path, newKey(team, "manager"), obj("business_public_key", pem()))
                        .status())
                .isEqualTo(200);

        TestTeam other = newTeam();
        assertThat(api().get(path, other.adminToken()).status()).isEqualTo(404);
        assertThat(api().get(plugin.api("v23.0") + "/" + nextId() + "/whatsapp_business_encryption", team.adminToken())
                        .status())
                .isEqualTo(404);
    }
}
