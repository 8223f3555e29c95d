package org.openchakra.inbound;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The server-wide verify token of Meta's webhook handshake under the contract's name,
 * {@code OPENCHAKRA_META_VERIFY_TOKEN} (webhooks.md §1). The name it had before,
 * {@code OPENCHAKRA_WHATSAPP_META_VERIFY_TOKEN}, stays an alias: either token verifies.
 */
@ConfigurationProperties(prefix = "openchakra.meta")
record MetaVerifyToken(String verifyToken) {

    boolean isSet() {
        return verifyToken != null && !verifyToken.isBlank();
    }
}
