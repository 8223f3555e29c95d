package org.openchakra.whatsapp.send;

import java.util.UUID;

/**
 * Where a send came from, recorded on its chat message (whatsapp.md §6 {@code source}, {@code context},
 * {@code process}). {@code text} overrides the rendering of the Meta body (a template's filled-in body).
 */
public record SendOrigin(
        String sourceType, String sourceId, String messageTemplateId, UUID procedureId, UUID processId, String text) {

    public static SendOrigin passThrough() {
        return new SendOrigin("PASS_THROUGH", null, null, null, null, null);
    }
}
