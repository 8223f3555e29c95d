package org.openchakra.whatsapp.plugin;

/**
 * A plugin's secrets, decrypted only when a call needs them. {@link #toString()} hides them all.
 */
public record PluginCredentials(String accessToken, String appSecret, String verifyToken) {

    @Override
    public String toString() {
        return "PluginCredentials[hidden]";
    }
}
