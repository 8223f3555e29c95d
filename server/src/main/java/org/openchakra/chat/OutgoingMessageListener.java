package org.openchakra.chat;

/**
 * Told of each outgoing message inside the transaction that records it, so that what it writes (customer
 * webhook events) commits with the message or not at all.
 */
public interface OutgoingMessageListener {

    void recorded(ChatMessage message);
}
