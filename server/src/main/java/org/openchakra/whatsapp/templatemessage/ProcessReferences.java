package org.openchakra.whatsapp.templatemessage;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openchakra.procedure.Procedure;
import org.openchakra.process.Process;
import org.openchakra.process.ProcessViews;
import org.openchakra.web.ErrorDetail;
import tools.jackson.databind.JsonNode;

/**
 * The decision of whatsapp.md §3: a mapped value may take values from the process a send is for,
 * {@code {{process.data.<attribute>}}} and {@code {{process.<field>}}} (a field of the process object as the
 * API shows it: {@code id}, {@code state}, {@code status}, ...). A reference that names nothing, or one in a
 * send that is for no process, is the caller's 400; so is a reference to a value the process lacks, which
 * Meta would refuse as an empty parameter anyway.
 */
final class ProcessReferences implements ValueReferences {

    private static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*process\\.([^{}]*?)\\s*}}");
    private static final String DATA = "data.";
    /** The fields of a process object as the API shows it (platform.md §4), data aside. */
    private static final java.util.Set<String> PROCESS_FIELDS = java.util.Set.of(
            "id",
            "createdAt",
            "updatedAt",
            "team",
            "procedure",
            "createdBy",
            "assignedTo",
            "belongsTo",
            "entity",
            "record",
            "status",
            "state",
            "derivedData",
            "nextActionAt",
            "isDeleted");

    private static final String PROBE_VALUE = "x";

    private final Procedure procedure;
    private final Map<String, Object> view;
    private final JsonNode data;
    private final boolean probe;

    private ProcessReferences(Procedure procedure, Process process, boolean probe) {
        this.procedure = procedure;
        this.view = process == null ? null : ProcessViews.process(process);
        this.data = process == null ? null : process.data();
        this.probe = probe;
    }

    /** For a send to a phone number: there is no process to take values from. */
    static ProcessReferences none() {
        return new ProcessReferences(null, null, false);
    }

    static ProcessReferences of(Procedure procedure, Process process) {
        return new ProcessReferences(procedure, process, false);
    }

    /**
     * Every reference that names an attribute of {@code procedure} (any attribute when null: the processes may
     * be of several procedures) or a field stands for a value: a mapping checked ahead.
     */
    static ProcessReferences probe(Procedure procedure) {
        return new ProcessReferences(procedure, null, true);
    }

    @Override
    public String fill(String value, String field, List<ErrorDetail> problems) {
        if (value == null || !value.contains("{{")) {
            return value;
        }
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String resolved = resolve(m.group(1), m.group(), field, problems);
            m.appendReplacement(out, Matcher.quoteReplacement(resolved == null ? "" : resolved));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String resolve(String path, String reference, String field, List<ErrorDetail> problems) {
        if (probe) {
            return probed(path, reference, field, problems);
        }
        if (view == null) {
            problems.add(ErrorDetail.invalid(
                    field,
                    "'" + field + "': " + reference
                            + " refers to a process, and this send is for a phone number; use the process send"));
            return null;
        }
        if (path.startsWith(DATA)) {
            String attribute = path.substring(DATA.length());
            if (procedure.attribute(attribute).isEmpty()) {
                problems.add(ErrorDetail.invalid(
                        field,
                        "'" + field + "': " + reference + " names no attribute of '" + procedure.shortId() + "'"));
                return null;
            }
            return present(data.get(attribute), reference, field, problems);
        }
        if (path.equals("data") || !view.containsKey(path)) {
            problems.add(ErrorDetail.invalid(
                    field,
                    "'" + field + "': " + reference
                            + " names no field of a process (use {{process.data.<attribute>}} for its data)"));
            return null;
        }
        Object value = view.get(path);
        return present(value instanceof JsonNode node ? node : null, value, reference, field, problems);
    }

    private String probed(String path, String reference, String field, List<ErrorDetail> problems) {
        String attribute = path.startsWith(DATA) ? path.substring(DATA.length()) : null;
        boolean known = attribute != null
                ? !attribute.isEmpty()
                        && (procedure == null || procedure.attribute(attribute).isPresent())
                : PROCESS_FIELDS.contains(path);
        if (!known) {
            problems.add(ErrorDetail.invalid(
                    field,
                    "'" + field + "': " + reference + " names no "
                            + (procedure == null ? "" : "attribute of '" + procedure.shortId() + "' and no ")
                            + "field of a process"));
            return null;
        }
        return PROBE_VALUE;
    }

    private static String present(JsonNode value, String reference, String field, List<ErrorDetail> problems) {
        return present(value, value, reference, field, problems);
    }

    private static String present(
            JsonNode node, Object value, String reference, String field, List<ErrorDetail> problems) {
        String text = node != null
                ? (node.isNull() ? null : node.isString() ? node.stringValue() : node.toString())
                : value == null ? null : value.toString();
        if (text == null || text.isBlank()) {
            problems.add(ErrorDetail.invalid(field, "'" + field + "': the process has no value for " + reference));
            return null;
        }
        return text;
    }
}
