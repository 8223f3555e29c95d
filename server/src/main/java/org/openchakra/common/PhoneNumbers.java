package org.openchakra.common;

import java.util.Optional;
import java.util.regex.Pattern;

/** Phone numbers as stored and returned: digits with country code, no {@code +} (README §5). */
public final class PhoneNumbers {

    /** The shortest national number (subscriber number with its area code) we accept: 5 digits is no phone. */
    static final int MIN_NATIONAL_DIGITS = 6;
    /** A bare number longer than this, without a trunk 0, already carries its country code. */
    static final int MAX_BARE_NATIONAL_DIGITS = 10;

    private static final int MIN_E164_DIGITS = 7;
    private static final int MAX_E164_DIGITS = 15;
    // Compiled once: a bulk job normalizes 100 000 numbers.
    private static final Pattern SEPARATORS = Pattern.compile("[\\s+\\-().]");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern TRUNK_ZEROS = Pattern.compile("^0+");

    private PhoneNumbers() {}

    /**
     * Only the digits of {@code raw} (WhatsApp ids, display numbers): how Meta's numbers are compared and
     * stored. A loop, not a regex: it runs for every inbound message and status.
     */
    public static String digits(String raw) {
        StringBuilder digits = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }

    /**
     * Strips {@code + - ( ) . } and spaces. A number written with {@code +} or {@code 00} is
     * international. A bare number is national, and gets the team's country code, when it starts with
     * the trunk prefix 0 or has at most 10 digits; its national part (trunk zeros removed) must have at
     * least 6 digits. Empty when invalid, or when the result is not 7 to 15 digits (E.164's bounds).
     */
    public static Optional<String> normalize(String raw, String defaultCountryCode) {
        if (raw == null) {
            return Optional.empty();
        }
        String trimmed = raw.trim();
        String digits = SEPARATORS.matcher(trimmed).replaceAll("");
        if (!DIGITS.matcher(digits).matches()) {
            return Optional.empty();
        }
        if (trimmed.startsWith("+") || trimmed.startsWith("00")) {
            String international = trimmed.startsWith("00") ? digits.substring(2) : digits;
            // No country code starts with 0: "+0…" or "000…" is a typo, not a number.
            return international.startsWith("0") ? Optional.empty() : e164(international);
        }
        boolean trunkPrefix = digits.startsWith("0");
        if (defaultCountryCode == null || (!trunkPrefix && digits.length() > MAX_BARE_NATIONAL_DIGITS)) {
            return e164(digits);
        }
        String national = TRUNK_ZEROS.matcher(digits).replaceFirst("");
        // Checked before the country code is added: "12345" would otherwise pass as the 7-digit 9112345.
        if (national.length() < MIN_NATIONAL_DIGITS) {
            return Optional.empty();
        }
        return e164(defaultCountryCode + national);
    }

    private static Optional<String> e164(String digits) {
        return digits.length() >= MIN_E164_DIGITS && digits.length() <= MAX_E164_DIGITS
                ? Optional.of(digits)
                : Optional.empty();
    }
}
