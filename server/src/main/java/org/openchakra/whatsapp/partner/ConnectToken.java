package org.openchakra.whatsapp.partner;

import java.time.Instant;
import java.util.UUID;

/**
 * A partner's single-use connect link (whatsapp.md §10), as stored: for a new plugin ({@code pluginId}
 * null until used) or to reconnect {@code pluginId}. The token itself is never stored, only its hash.
 * {@code expired} is the database's judgement, by the clock the expiry was written with.
 */
record ConnectToken(
        UUID id,
        UUID teamId,
        UUID pluginId,
        String newPluginName,
        String clientReferenceId,
        String clientName,
        String clientEmail,
        String graphBaseUrl,
        Instant expiresAt,
        Instant usedAt,
        boolean expired) {

    public boolean reconnect() {
        return newPluginName == null;
    }

    public boolean used() {
        return usedAt != null;
    }
}
