package org.openchakra.campaign;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openchakra.web.ErrorDetail;
import org.openchakra.whatsapp.templatemessage.ValueReferences;
import tools.jackson.databind.JsonNode;

/**
 * campaigns.md §1: a step's mapping value may name a column of the recipient's row ({@code {{row.<column>}}})
 * or a field of its lead ({@code {{process.data.<attribute>}}}, filled by the template send's own rules). A
 * value that cannot be filled is a problem of that recipient alone.
 */
final class RecipientValues implements ValueReferences {

    private static final Pattern ROW = Pattern.compile("\\{\\{\\s*row\\.([^{}]*?)\\s*}}");
    /** What a row reference stands for while a campaign's steps are checked, before any recipient exists. */
    private static final String PROBE_VALUE = "x";

    private final JsonNode row;
    private final ValueReferences process;
    private final boolean probe;

    private RecipientValues(JsonNode row, ValueReferences process, boolean probe) {
        this.row = row;
        this.process = process;
        this.probe = probe;
    }

    static RecipientValues of(JsonNode row, ValueReferences process) {
        return new RecipientValues(row, process, false);
    }

    /** For the checks at start: any row column, and any attribute or field of a process, stand for a value. */
    static RecipientValues probe() {
        return new RecipientValues(null, ValueReferences.probe(null), true);
    }

    @Override
    public String fill(String value, String field, List<ErrorDetail> problems) {
        if (value == null || !value.contains("{{")) {
            return value;
        }
        Matcher m = ROW.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String column = m.group(1);
            String filled = probe ? PROBE_VALUE : text(row == null ? null : row.get(column));
            if (filled == null || filled.isBlank()) {
                problems.add(ErrorDetail.invalid(
                        field, "'" + field + "': the recipient's row has no value for " + m.group()));
                filled = "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(filled));
        }
        m.appendTail(out);
        return process.fill(out.toString(), field, problems);
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        return value.isString() ? value.stringValue() : value.toString();
    }
}
