package org.openchakra.support;

import java.util.UUID;
import org.openchakra.chat.OutgoingMessage;
import tools.jackson.databind.node.JsonNodeFactory;

/** Outgoing messages as the send path records them, for tests that need one already sent. */
public final class SentMessages {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SentMessages() {}

    /** A text sent through the pass-through to {@code to}, in {@code deliveryStatus}, with Meta's id {@code wamid}. */
    public static OutgoingMessage passThroughText(
            UUID teamId, UUID pluginId, String numberId, String to, String text, String deliveryStatus, String wamid) {
        return new OutgoingMessage(
                teamId,
                pluginId,
                numberId,
                to,
                "text",
                NODES.objectNode()
                        .put("to", to)
                        .put("type", "text")
                        .set("text", NODES.objectNode().put("body", text)),
                text,
                deliveryStatus,
                wamid,
                null,
                OutgoingMessage.PASS_THROUGH,
                null,
                null,
                null,
                null,
                null);
    }
}
