package org.openchakra.process;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A process (platform.md §4): one record of a procedure, its state and its attribute values. */
public record Process(
        UUID id,
        UUID teamId,
        UUID procedureId,
        UUID createdBy,
        UUID assignedTo,
        UUID belongsTo,
        String entity,
        UUID recordId,
        String status,
        String state,
        ObjectNode data,
        JsonNode derivedData,
        Instant nextActionAt,
        boolean isDeleted,
        Instant createdAt,
        Instant updatedAt) {

    public Process withId(UUID newId) {
        return new Process(
                newId,
                teamId,
                procedureId,
                createdBy,
                assignedTo,
                belongsTo,
                entity,
                recordId,
                status,
                state,
                data,
                derivedData,
                nextActionAt,
                isDeleted,
                createdAt,
                updatedAt);
    }

    public Process withRecord(UUID record) {
        return new Process(
                id,
                teamId,
                procedureId,
                createdBy,
                assignedTo,
                belongsTo,
                entity,
                record,
                status,
                state,
                data,
                derivedData,
                nextActionAt,
                isDeleted,
                createdAt,
                updatedAt);
    }
}
