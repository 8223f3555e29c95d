package org.openchakra.metasim;

import java.util.Set;
import tools.jackson.databind.node.ObjectNode;

/** A registered business number with its mutable per-number state (encryption key, calling settings). */
final class PhoneNumber {

    final String id;
    final String wabaId;
    final String displayPhoneNumber;
    final String waId;
    final String verifiedName;
    final boolean testNumber;
    final Set<String> allowedRecipients;
    final int throughputMps;
    final TokenBucket throughput;
    volatile String messagingLimitTier;
    volatile String businessPublicKey;
    volatile ObjectNode settings;

    PhoneNumber(PhoneNumberSpec spec, String wabaId, java.time.Clock clock) {
        this.id = spec.id();
        this.wabaId = wabaId;
        this.displayPhoneNumber = spec.displayPhoneNumber();
        this.waId = PhoneNumbers.digits(spec.displayPhoneNumber());
        this.verifiedName = spec.verifiedName();
        this.testNumber = spec.testNumber();
        this.allowedRecipients = Set.copyOf(spec.allowedRecipients());
        this.throughputMps = spec.throughputMps();
        // Burst equals one second of traffic: the 81st send inside a second trips 130429 at the default 80 mps.
        this.throughput = new TokenBucket(clock, spec.throughputMps(), spec.throughputMps());
        this.messagingLimitTier = spec.messagingLimitTier();
        this.settings = CallingSettings.defaults();
    }
}
