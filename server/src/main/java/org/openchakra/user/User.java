package org.openchakra.user;

import java.time.Instant;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/** A person of a team (platform.md §2), as stored. */
public record User(
        UUID id,
        UUID teamId,
        String username,
        String firstName,
        String lastName,
        String middleName,
        String displayName,
        String gender,
        Long dob,
        String bio,
        String profileImageUrl,
        String coverImageUrl,
        String timezone,
        JsonNode data,
        JsonNode onboardingData,
        boolean isActive,
        boolean isDeleted,
        Instant deletedAt,
        String availabilityStatus,
        UUID roleId,
        UUID reportsTo,
        Instant createdAt,
        Instant updatedAt) {

    /** An email or phone of a user; {@code value} is the address or the number. */
    public record Contact(
            UUID id,
            UUID userId,
            String value,
            String normalized,
            String type,
            boolean isVerified,
            boolean isPrimary,
            Instant createdAt,
            Instant updatedAt) {}
}
