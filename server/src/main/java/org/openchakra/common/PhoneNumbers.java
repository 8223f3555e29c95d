package org.openchakra.common;

import java.util.Optional;

/** Phone numbers as stored and returned: digits with country code, no {@code +} (README §5). */
public final class PhoneNumbers {

    private PhoneNumbers() {
    }

    /**
     * Strips {@code + - ( ) . } and spaces. A number written with {@code +} or {@code 00} is taken as
     * international; a bare one of at most 10 digits is national and gets the team's country code.
     * Empty when the result is not 7 to 15 digits (E.164's bounds).
     */
    public static Optional<String> normalize(String raw, String defaultCountryCode) {
        if (raw == null) {
            return Optional.empty();
        }
        String trimmed = raw.trim();
        boolean international = trimmed.startsWith("+") || trimmed.startsWith("00");
        String digits = trimmed.replaceAll("[\\s+\\-().]", "");
        if (!digits.matches("\\d+")) {
            return Optional.empty();
        }
        if (trimmed.startsWith("00")) {
            digits = digits.substring(2);
        }
        if (!international && digits.length() <= 10 && defaultCountryCode != null) {
            digits = defaultCountryCode + digits.replaceFirst("^0+", "");
        }
        return digits.length() >= 7 && digits.length() <= 15 ? Optional.of(digits) : Optional.empty();
    }
}
