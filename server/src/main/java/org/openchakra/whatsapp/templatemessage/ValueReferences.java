package org.openchakra.whatsapp.templatemessage;

import java.util.List;
import org.openchakra.procedure.Procedure;
import org.openchakra.process.Process;
import org.openchakra.web.ErrorDetail;

/**
 * Fills the references in a mapped value of a template send: {@code {{process.…}}} (whatsapp.md §3), and
 * whatever a caller adds in front (a campaign's {@code {{row.…}}}, campaigns.md §1).
 */
public interface ValueReferences {

    /** {@code value} with its references filled; a problem is added (naming {@code field}) for each bad one. */
    String fill(String value, String field, List<ErrorDetail> problems);

    /** The references of a process: {@code {{process.data.<attribute>}}} and {@code {{process.<field>}}}. */
    static ValueReferences process(Procedure procedure, Process process) {
        return ProcessReferences.of(procedure, process);
    }

    /**
     * For checking a mapping before any recipient is known: a reference to an attribute of {@code procedure}
     * (of any procedure when null) or to a field of a process stands for a value; one to anything else is the
     * usual problem.
     */
    static ValueReferences probe(Procedure procedure) {
        return ProcessReferences.probe(procedure);
    }

    /** No process: a reference to one is the caller's mistake. */
    static ValueReferences none() {
        return ProcessReferences.none();
    }
}
