package org.openchakra.whatsapp.templatemessage;

import java.util.List;
import java.util.Map;

/**
 * What a person must fill in to send an approved template (the inbox's template picker, inbox.md §2.3): the
 * header (its format, and its text's variables), the body's text and variables, and the URL buttons that
 * end in a variable (by index). Its {@link #preview} fills the texts as the customer will read them.
 */
public record TemplateOutline(
        String id,
        String name,
        String language,
        String category,
        String headerFormat,
        String headerText,
        List<String> headerVariables,
        String bodyText,
        List<String> bodyVariables,
        String footerText,
        List<String> buttonLabels,
        List<Integer> urlButtonsWithVariable,
        boolean authentication) {

    /** Header media the send must name by link: IMAGE, VIDEO, DOCUMENT. */
    public boolean mediaHeader() {
        return headerFormat != null && List.of("IMAGE", "VIDEO", "DOCUMENT").contains(headerFormat);
    }

    public boolean locationHeader() {
        return "LOCATION".equals(headerFormat);
    }

    /** The header and body with the values given so far; variables without one stay as written. */
    public Preview preview(Map<String, String> header, Map<String, String> body) {
        return new Preview(TemplateShape.fill(headerText, header), TemplateShape.fill(bodyText, body));
    }

    public record Preview(String header, String body) {}
}
