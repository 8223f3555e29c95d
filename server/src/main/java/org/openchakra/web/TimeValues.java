package org.openchakra.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** Times on the wire: epoch milliseconds in /v1, ISO-8601 with an offset in /v2 (README §5). */
public final class TimeValues {

    /** An instant as the API shows it: epoch milliseconds, or null. */
    public static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    private static final DateTimeFormatter ISO_MILLIS = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE) // signs years beyond 9999, as ISO-8601 asks
            .appendLiteral('T')
            .appendPattern("HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 3, 3, true)
            .appendOffset("+HH:MM", "Z")
            .toFormatter();

    private TimeValues() {}

    /** Epoch ms from a number, a numeric string, an ISO-8601 instant or date-time with offset, or a date. */
    public static Optional<Long> parse(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return Optional.of(node.longValue());
        }
        if (!node.isString()) {
            return Optional.empty();
        }
        String s = node.stringValue().trim();
        if (s.matches("-?\\d{1,18}")) {
            return Optional.of(Long.parseLong(s));
        }
        try {
            return parseIso(s);
        } catch (ArithmeticException beyondEpochMillis) {
            // java.time reaches the year 999 999 999; epoch milliseconds in a long only about 292 million.
            return Optional.empty();
        }
    }

    private static Optional<Long> parseIso(String s) {
        try {
            return Optional.of(OffsetDateTime.parse(s).toInstant().toEpochMilli());
        } catch (DateTimeParseException ignored) {
            // not a date-time with offset; try the other ISO forms
        }
        try {
            return Optional.of(Instant.parse(s).toEpochMilli());
        } catch (DateTimeParseException ignored) {
            // not an instant either
        }
        try {
            return Optional.of(
                    LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A team's zone: an offset such as {@code +0530} or {@code +05:30}, or an IANA name. */
    public static Optional<ZoneId> zone(String timezone) {
        if (timezone == null || timezone.isBlank()) {
            return Optional.empty();
        }
        String tz = timezone.trim();
        try {
            if (tz.matches("[+-]\\d{4}")) {
                return Optional.of(ZoneOffset.of(tz.substring(0, 3) + ":" + tz.substring(3)));
            }
            return Optional.of(ZoneId.of(tz));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * ISO-8601 in {@code zone}, to the millisecond like v1's epoch ms (the database keeps microseconds,
     * which v1 cannot show), always with three fraction digits; UTC is written {@code Z}.
     */
    public static String iso(Instant instant, ZoneId zone) {
        return instant == null
                ? null
                : ISO_MILLIS.format(
                        instant.truncatedTo(ChronoUnit.MILLIS).atZone(zone).toOffsetDateTime());
    }
}
