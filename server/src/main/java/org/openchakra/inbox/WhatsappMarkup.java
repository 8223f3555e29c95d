package org.openchakra.inbox;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * WhatsApp's text formatting as HTML (inbox.md §2): {@code *bold*}, {@code _italic_}, {@code ~strike~},
 * {@code ```monospace```} and links. The text is a customer's, so it is escaped first and only the few tags
 * made here are added: nothing in it can become markup. Links are http(s) only and open in a new tab with
 * {@code rel="noopener noreferrer"}. Line breaks stay as they are (the page shows them with {@code pre-wrap}).
 */
final class WhatsappMarkup {

    private static final Pattern LINK = Pattern.compile("\\bhttps?://[^\\s<>\"']+", Pattern.CASE_INSENSITIVE);
    private static final Pattern MONO = Pattern.compile("```(.+?)```", Pattern.DOTALL);
    private static final Pattern BOLD = span('*');
    private static final Pattern ITALIC = span('_');
    private static final Pattern STRIKE = span('~');

    private WhatsappMarkup() {}

    /** A marker pair: not inside a word, no space just inside the markers, on one line. */
    private static Pattern span(char marker) {
        String m = Pattern.quote(String.valueOf(marker));
        return Pattern.compile("(?<![\\p{L}\\p{N}" + m + "])" + m + "(?=\\S)([^" + m + "\\n]*?\\S)" + m
                + "(?![\\p{L}\\p{N}" + m + "])");
    }

    static String toHtml(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder(text.length() + 32);
        Matcher link = LINK.matcher(text);
        int at = 0;
        while (link.find()) {
            String url = trimTrailingPunctuation(link.group());
            html.append(format(text.substring(at, link.start())));
            String escaped = HtmlUtils.htmlEscape(url);
            html.append("<a href=\"")
                    .append(escaped)
                    .append("\" target=\"_blank\" rel=\"noopener noreferrer\">")
                    .append(escaped)
                    .append("</a>");
            at = link.start() + url.length();
        }
        html.append(format(text.substring(at)));
        return html.toString();
    }

    /** Escapes, then adds the formatting tags; the markers' contents are already escaped text. */
    private static String format(String plain) {
        if (plain.isEmpty()) {
            return plain;
        }
        String s = HtmlUtils.htmlEscape(plain);
        s = MONO.matcher(s).replaceAll("<code>$1</code>");
        s = BOLD.matcher(s).replaceAll("<strong>$1</strong>");
        s = ITALIC.matcher(s).replaceAll("<em>$1</em>");
        s = STRIKE.matcher(s).replaceAll("<del>$1</del>");
        return s;
    }

    /** A link at the end of a sentence: the full stop, comma or closing bracket is not part of it. */
    private static String trimTrailingPunctuation(String url) {
        int end = url.length();
        while (end > 0 && ".,;:!?)]}".indexOf(url.charAt(end - 1)) >= 0) {
            end--;
        }
        return url.substring(0, end);
    }
}
