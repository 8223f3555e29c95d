package org.openchakra.whatsapp.meta;

/**
 * Where and as whom to call the Graph API: a plugin's base URL (Meta's, or the sandbox simulator's) and
 * its system-user token. {@link #toString()} hides the token so that it can never reach a log line.
 */
public record MetaTarget(String baseUrl, String accessToken) {

    @Override
    public String toString() {
        return "MetaTarget[" + baseUrl + "]";
    }
}
