package org.openchakra.metasim;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A registered WABA and the app that receives its webhooks. Webhook fields can be changed at run time. */
final class Business {

    final String wabaId;
    final String name;
    final Map<String, PhoneNumber> numbers = new ConcurrentHashMap<>();
    private volatile String appSecret;
    private volatile String webhookUrl;
    private volatile String verifyToken;

    Business(String wabaId, String name, String appSecret, String webhookUrl, String verifyToken) {
        this.wabaId = wabaId;
        this.name = name;
        this.appSecret = appSecret;
        this.webhookUrl = webhookUrl;
        this.verifyToken = verifyToken;
    }

    String appSecret() {
        return appSecret;
    }

    String webhookUrl() {
        return webhookUrl;
    }

    String verifyToken() {
        return verifyToken;
    }

    void webhook(String url, String token, String secret) {
        this.webhookUrl = url;
        if (token != null) {
            this.verifyToken = token;
        }
        if (secret != null) {
            this.appSecret = secret;
        }
    }
}
