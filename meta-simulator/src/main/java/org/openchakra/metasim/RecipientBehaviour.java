package org.openchakra.metasim;

/** How a simulated WhatsApp user's phone reacts to what a business sends (drives the status webhooks). */
public enum RecipientBehaviour {
    /** sent, delivered, then read (when {@link Switches#readByRecipients()} is on). */
    NORMAL,
    /** sent and delivered, never read. */
    NEVER_READS,
    /** sent only: the phone is off, Meta keeps retrying for up to 30 days. */
    OFFLINE,
    /** a {@code failed} status with 131026 (Message Undeliverable). */
    UNDELIVERABLE
}
