package org.openchakra.app;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import org.springframework.context.i18n.LocaleContextHolder;

/** Times as the app's pages write them in tables and facts: date and time in the person's zone and locale. */
public final class PageTimes {

    private PageTimes() {}

    /** The full time, or "" for none. */
    public static String full(Instant at, ZoneId zone) {
        if (at == null) {
            return "";
        }
        return at.atZone(zone)
                .format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
                        .withLocale(LocaleContextHolder.getLocale()));
    }
}
