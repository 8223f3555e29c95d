package org.openchakra.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.util.List;
import java.util.Map;

/**
 * WhatsApp CLOUD_API plugins connected through the admin API ({@code POST /v1/admin/plugins/whatsapp}), holding one
 * WABA with one number: the set-up most WhatsApp tests start from, whether the server runs in the test's JVM or as a
 * process of its own.
 */
public final class CloudPlugins {

    private CloudPlugins() {}

    /**
     * The request body: Meta at {@code graphBaseUrl}, and {@code number} as the admin API takes it ({@code id}, and
     * optionally {@code displayPhoneNumber} or {@code throughputMps}). A mutable map, for a test that adds a field.
     */
    public static Map<String, Object> body(
            String graphBaseUrl, String accessToken, String appSecret, String waba, Map<String, Object> number) {
        return obj(
                "name",
                "Cloud",
                "graphBaseUrl",
                graphBaseUrl,
                "accessToken",
                accessToken,
                "appSecret",
                appSecret,
                "wabas",
                List.of(obj("id", waba, "phoneNumbers", List.of(number))));
    }

    /** Connects the plugin {@code body} describes; answers its id, and fails the test unless the server said 200. */
    public static String connect(ApiClient api, String adminToken, Map<String, Object> body) {
        Reply created = api.post("/v1/admin/plugins/whatsapp", adminToken, body);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.data().path("id").asString();
    }

    public static String connect(
            ApiClient api,
            String adminToken,
            String graphBaseUrl,
            String accessToken,
            String appSecret,
            String waba,
            Map<String, Object> number) {
        return connect(api, adminToken, body(graphBaseUrl, accessToken, appSecret, waba, number));
    }
}
