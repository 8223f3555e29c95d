package org.openchakra.metasim;

import java.util.List;
import java.util.Objects;

/**
 * A business phone number to register under a WABA.
 *
 * @param id phone-number id (numeric string), the {@code {pnid}} of Graph paths
 * @param displayPhoneNumber the number as shown, e.g. {@code "15550783881"}; its digits are the sender's wa_id
 * @param verifiedName display name
 * @param testNumber Meta test numbers only reach allow-listed recipients (131030)
 * @param allowedRecipients digits-only wa_ids a test number may message
 * @param throughputMps messages per second before 130429 (80 by default, 20 for coexistence numbers)
 * @param messagingLimitTier {@code TIER_250}, {@code TIER_2K}, {@code TIER_10K}, {@code TIER_100K} or
 *     {@code TIER_UNLIMITED}
 */
public record PhoneNumberSpec(
        String id,
        String displayPhoneNumber,
        String verifiedName,
        boolean testNumber,
        List<String> allowedRecipients,
        int throughputMps,
        String messagingLimitTier) {

    public PhoneNumberSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayPhoneNumber, "displayPhoneNumber");
        verifiedName = verifiedName == null ? "OpenChakra Sandbox" : verifiedName;
        allowedRecipients = allowedRecipients == null
                ? List.of()
                : allowedRecipients.stream().map(PhoneNumbers::digits).toList();
        if (throughputMps <= 0) {
            throw new IllegalArgumentException("throughputMps must be positive");
        }
        messagingLimitTier = messagingLimitTier == null ? "TIER_2K" : messagingLimitTier;
    }

    /** A production number: 80 mps, TIER_2K, no allow list. */
    public static PhoneNumberSpec of(String id, String displayPhoneNumber) {
        return new PhoneNumberSpec(id, displayPhoneNumber, null, false, List.of(), 80, null);
    }

    /** A Meta test number that may message only these recipients. */
    public static PhoneNumberSpec testNumber(String id, String displayPhoneNumber, List<String> allowedRecipients) {
        return new PhoneNumberSpec(id, displayPhoneNumber, "Test Number", true, allowedRecipients, 80, "TIER_250");
    }

    public PhoneNumberSpec withThroughputMps(int mps) {
        return new PhoneNumberSpec(
                id, displayPhoneNumber, verifiedName, testNumber, allowedRecipients, mps, messagingLimitTier);
    }

    public PhoneNumberSpec withMessagingLimitTier(String tier) {
        return new PhoneNumberSpec(
                id, displayPhoneNumber, verifiedName, testNumber, allowedRecipients, throughputMps, tier);
    }
}
