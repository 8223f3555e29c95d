package org.openchakra.whatsapp;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the WhatsApp side ({@code OPENCHAKRA_WHATSAPP_*}).
 *
 * @param metaTimeout        longest wait for one Graph API answer (whatsapp.md §2.3: 30 s); then 504
 * @param metaConnectTimeout longest wait to open a connection to Meta; then 502
 * @param sandbox            whether sandbox plugins (an in-process Meta simulator) are available
 * @param templateSyncInterval how often each active WABA's templates are re-read from Meta
 * @param metaAppSecret      server-wide app secret for Meta's webhook signatures (besides each plugin's)
 * @param metaVerifyToken    server-wide verify token for Meta's webhook handshake (besides each plugin's): the
 *                           older name ({@code OPENCHAKRA_WHATSAPP_META_VERIFY_TOKEN}) of the contract's
 *                           {@code OPENCHAKRA_META_VERIFY_TOKEN}, kept as an alias
 */
@ConfigurationProperties(prefix = "openchakra.whatsapp")
public record WhatsappProperties(
        Duration metaTimeout,
        Duration metaConnectTimeout,
        boolean sandbox,
        Duration templateSyncInterval,
        String metaAppSecret,
        String metaVerifyToken) {

    public boolean hasMetaAppSecret() {
        return metaAppSecret != null && !metaAppSecret.isBlank();
    }

    public boolean hasMetaVerifyToken() {
        return metaVerifyToken != null && !metaVerifyToken.isBlank();
    }

    public WhatsappProperties {
        metaTimeout = metaTimeout == null ? Duration.ofSeconds(30) : metaTimeout;
        metaConnectTimeout = metaConnectTimeout == null ? Duration.ofSeconds(5) : metaConnectTimeout;
        templateSyncInterval = templateSyncInterval == null ? Duration.ofMinutes(10) : templateSyncInterval;
    }
}
