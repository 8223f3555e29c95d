package org.openchakra.task;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Tasks (platform.md §6) as the OpenAPI document shows them; {@link TaskService} reads and writes them. */
final class TaskSchemas {

    private TaskSchemas() {}

    record NewTask(
            @Schema(description = "Values of the state task's attributes.")
            Map<String, Object> data,

            @Schema(
                    description = "Default OPEN; COMPLETED logs a task that is done.",
                    allowableValues = {"OPEN", "COMPLETED", "CANCELLED"})
            String status,

            @Schema(description = "A username, primary email or user uuid.")
            String assignedTo,

            String title,

            @Schema(description = "Epoch milliseconds or ISO-8601.")
            Long dueBy) {}

    @Schema(name = "Task")
    record TaskAnswer(
            UUID id,
            long createdAt,
            long updatedAt,
            UUID team,
            UUID procedure,
            UUID process,

            @Schema(description = "The state task's shortId.")
            String stateTask,

            @Schema(allowableValues = {"OPEN", "COMPLETED", "CANCELLED"})
            String status,

            @Nullable String title,
            @Nullable UUID assignedTo,
            @Nullable UUID createdBy,
            @Nullable Map<String, Object> data,
            @Nullable Long dueBy,
            @Nullable Long completedAt,
            @Nullable Long cancelledAt) {}
}
