package org.openchakra.process;

import java.util.List;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** One item of a bulk request and what became of it. */
record JobEntry(UUID id, int index, String completionStatus, JsonNode input, UUID processId, List<String> errors) {

    public static final String INVALID = "INVALID";
    public static final String NOT_STARTED = "NOT_STARTED";
    public static final String SUCCESS = "SUCCESS";
    public static final String ERROR = "ERROR";
    public static final List<String> STATUSES = List.of(INVALID, NOT_STARTED, SUCCESS, ERROR);

    /** An entry a worker claimed: its position and its item. */
    public record Claimed(int index, JsonNode input) {}

    /** What a worker records for an entry: SUCCESS with the process, or ERROR with the reasons. */
    public record Outcome(int index, String status, UUID processId, List<String> errors) {

        public static Outcome success(int index, UUID processId) {
            return new Outcome(index, SUCCESS, processId, List.of());
        }

        public static Outcome error(int index, List<String> errors) {
            return new Outcome(index, ERROR, null, errors);
        }
    }
}
