package org.openchakra.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.openchakra.metasim.BusinessAccountSpec;
import org.openchakra.metasim.MetaSimulator;
import org.openchakra.support.ApiClient;
import org.openchakra.support.Reply;

/**
 * CLOUD_API plugins against a test-owned simulator: a fresh WABA and number each (the test database is
 * shared), registered with Meta's side with the same token and app secret, webhooks to this server.
 */
public final class CloudPlugins {

    private static final AtomicLong IDS = new AtomicLong(System.currentTimeMillis() % 1_000_000_000L * 1000);

    private CloudPlugins() {
    }

    /** A plugin as both sides know it. */
    public record Plugin(UUID id, String waba, String pnid, String accessToken, String appSecret) {
        public String api(String version) {
            return "/v1/ext/plugin/whatsapp/" + id + "/api/" + version;
        }
    }

    public static String metaId() {
        return "5" + IDS.incrementAndGet();
    }

    /** Registered with Meta's side; {@code webhooks} false leaves it without a callback URL. */
    public static Plugin create(ApiClient api, String adminToken, MetaSimulator meta, boolean webhooks) {
        String waba = metaId();
        String pnid = metaId();
        String token = "EAAB-" + waba;
        String secret = "app-secret-" + waba;
        BusinessAccountSpec.Builder spec = BusinessAccountSpec.builder(waba).accessToken(token).appSecret(secret)
                .phoneNumber(pnid, "+1 555-010-" + pnid.substring(pnid.length() - 4));
        if (webhooks) {
            spec.webhookUrl(api.baseUrl() + "/webhooks/meta");
        }
        meta.registerBusiness(spec.build());
        Reply created = api.post("/v1/admin/plugins/whatsapp", adminToken, obj("name", "Cloud " + waba,
                "graphBaseUrl", meta.baseUrl(), "accessToken", token, "appSecret", secret,
                "wabas", List.of(obj("id", waba, "phoneNumbers", List.of(obj("id", pnid))))));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return new Plugin(UUID.fromString(created.data().path("id").asString()), waba, pnid, token, secret);
    }
}
