package org.openchakra.inbox;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import org.openchakra.app.AppMessages;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Times as the inbox shows them, in the signed-in user's zone and locale. */
@Component
class InboxTimes {

    private final AppMessages messages;

    InboxTimes(AppMessages messages) {
        this.messages = messages;
    }

    /** The list's short time: the clock today, the weekday this week, else the date. */
    String shortTime(Instant at, ZoneId zone) {
        if (at == null) {
            return "";
        }
        Locale locale = LocaleContextHolder.getLocale();
        ZonedDateTime time = at.atZone(zone);
        LocalDate today = LocalDate.now(zone);
        if (time.toLocalDate().equals(today)) {
            return time.format(DateTimeFormatter.ofPattern("HH:mm", locale));
        }
        if (time.toLocalDate().isAfter(today.minusDays(7))) {
            return time.format(DateTimeFormatter.ofPattern("EEE", locale));
        }
        return time.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.SHORT).withLocale(locale));
    }

    /** The full time, for a tooltip. */
    String fullTime(Instant at, ZoneId zone) {
        if (at == null) {
            return "";
        }
        return at.atZone(zone)
                .format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                        .withLocale(LocaleContextHolder.getLocale()));
    }

    String clock(Instant at, ZoneId zone) {
        return at.atZone(zone).format(DateTimeFormatter.ofPattern("HH:mm", LocaleContextHolder.getLocale()));
    }

    /** The conversation's date separator: today, yesterday, or the date in words. */
    String day(LocalDate date, ZoneId zone) {
        LocalDate today = LocalDate.now(zone);
        if (date.equals(today)) {
            return messages.text("time.today");
        }
        if (date.equals(today.minusDays(1))) {
            return messages.text("time.yesterday");
        }
        return date.format(
                DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(LocaleContextHolder.getLocale()));
    }
}
