package org.openchakra.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules of docs/decisions.md "Phone numbers", with the team's country code 91. */
class PhoneNumbersTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "98765 43210        | 919876543210",
                "(987) 654-3210     | 919876543210",
                "09876543210        | 919876543210", // trunk 0 + 10 digits: national, not international
                "0 98765 43210      | 919876543210",
                "123456             | 91123456", // the shortest national number
                "+44 20 7946 0958   | 442079460958",
                "0044 20 7946 0958  | 442079460958",
                "919876543210       | 919876543210", // 12 bare digits: already has its country code
                "+1 (415) 555-0100  | 14155550100",
            })
    void normalizes(String raw, String expected) {
        assertThat(PhoneNumbers.normalize(raw, "91")).contains(expected);
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(
            strings = {
                "12345", // 5 national digits: no phone, though 91+12345 has 7
                "012345", // trunk 0 + 5 digits
                "00000",
                "+12345", // international below E.164's 7 digits
                "0012345",
                "+0123456789", // no country code starts with 0
                "1234567890123456", // 16 digits
                "0123456789012345", // trunk 0 + 15 digits: 91 + 15 is over 15
                "98765x43210",
                "",
            })
    void refuses(String raw) {
        assertThat(PhoneNumbers.normalize(raw, "91")).isEmpty();
    }

    @Test
    void refusesNull() {
        assertThat(PhoneNumbers.normalize(null, "91")).isEqualTo(Optional.empty());
    }
}
