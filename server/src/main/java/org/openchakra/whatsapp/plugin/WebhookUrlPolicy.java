package org.openchakra.whatsapp.plugin;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * whatsapp.md §10 decision: unless {@code OPENCHAKRA_WEBHOOKS_ALLOW_PRIVATE_URLS=true} (development, tests),
 * a webhook URL of a plugin's config must not resolve to a loopback, link-local, private or wildcard
 * address, so that a team cannot make the server post into its own network.
 */
@Component
class WebhookUrlPolicy {

    private final boolean allowPrivateUrls;

    WebhookUrlPolicy(@Value("${openchakra.webhooks.allow-private-urls:false}") boolean allowPrivateUrls) {
        this.allowPrivateUrls = allowPrivateUrls;
    }

    /** Null when the URL may be used, else why not. */
    public String refusal(String url) {
        if (allowPrivateUrls || url == null) {
            return null;
        }
        String host = URI.create(url).getHost();
        if (host == null) {
            return "has no host";
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (address.isLoopbackAddress()
                        || address.isLinkLocalAddress()
                        || address.isSiteLocalAddress()
                        || address.isAnyLocalAddress()
                        || address.isMulticastAddress()
                        || uniqueLocal(address)) {
                    return "points at a private or local address (" + address.getHostAddress() + ")";
                }
            }
        } catch (UnknownHostException e) {
            return "has a host that does not resolve";
        }
        return null;
    }

    /** IPv6 fc00::/7, which {@link InetAddress#isSiteLocalAddress()} does not cover. */
    private static boolean uniqueLocal(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
    }
}
