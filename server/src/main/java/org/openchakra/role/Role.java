package org.openchakra.role;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record Role(
        UUID id,
        UUID teamId,
        String shortId,
        String name,
        String roleType,
        List<String> privileges,
        Instant createdAt,
        Instant updatedAt) {

    /** The role as the API shows it (epoch-ms times, as everywhere in /v1). */
    public RoleView view() {
        return new RoleView(
                id, shortId, name, roleType, privileges, teamId, createdAt.toEpochMilli(), updatedAt.toEpochMilli());
    }

    @Schema(name = "Role")
    public record RoleView(
            UUID id,
            String shortId,
            String name,
            String roleType,
            List<String> privileges,
            UUID team,
            long createdAt,
            long updatedAt) {}
}
