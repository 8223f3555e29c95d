package org.openchakra.metasim;

import java.time.Instant;

/** A mark-as-read (optionally with a typing indicator) the simulator accepted (spec 1.10). */
public record ReadReceipt(String phoneNumberId, String messageId, boolean typingIndicator, Instant receivedAt) {}
