package org.openchakra.user;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Schema.RequiredMode;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Users (platform.md §2) as the OpenAPI document shows them ({@code ApiOperation}): {@link UserService} reads
 * the bodies, {@link UserViews} writes v1 (epoch ms, uuids) and v2 (ISO-8601 in the team's offset, shortNames).
 */
final class UserSchemas {

    private UserSchemas() {}

    private static final String DETAILS = "In the single-user fetch only.";

    @Schema(name = "User", description = "A user (v1): epoch-millisecond times, team and role as uuids.")
    record UserV1(
            UUID id,
            long createdAt,
            long updatedAt,
            String username,
            @Nullable String firstName,
            @Nullable String lastName,
            @Nullable String middleName,
            @Nullable String displayName,
            @Nullable String gender,

            @Schema(description = "Epoch milliseconds; 0 when unknown.")
            long dob,

            @Nullable String bio,
            @Nullable String profileImageUrl,
            @Nullable String coverImageUrl,
            @Nullable String timezone,
            @Nullable Map<String, Object> data,

            @Schema(description = "Any JSON value, or null.")
            Object onboardingData,

            boolean isActive,
            boolean isDeleted,
            @Nullable Long deletedAt,

            @Schema(allowableValues = {"AVAILABLE", "AWAY", "OFFLINE"})
            String availabilityStatus,

            UUID team,
            @Nullable UUID role,
            @Nullable EmailV1 primaryEmail,
            @Nullable PhoneV1 primaryPhone,
            @Schema(description = "Always null.") Object profile,

            @Schema(description = DETAILS, requiredMode = RequiredMode.NOT_REQUIRED)
            List<EmailV1> emails,

            @Schema(description = DETAILS, requiredMode = RequiredMode.NOT_REQUIRED)
            List<PhoneV1> phones,

            @Schema(
                    description = DETAILS + " The ids of the users who report to this one.",
                    requiredMode = RequiredMode.NOT_REQUIRED)
            List<UUID> reportees) {}

    @Schema(name = "UserEmail")
    record EmailV1(
            UUID id,
            long createdAt,
            long updatedAt,
            String email,
            String normalizedEmail,
            @Nullable String type,
            boolean isVerified,
            UUID user) {}

    @Schema(name = "UserPhone")
    record PhoneV1(
            UUID id,
            long createdAt,
            long updatedAt,
            String phoneNumber,
            @Nullable String type,
            boolean isVerified,
            UUID user) {}

    @Schema(
            name = "UserV2",
            description = "A user (v2, humanized): ISO-8601 times in the team's offset, team shortName, role shortId,"
                    + " primaryEmail as a string.")
    record UserV2(
            UUID id,
            @Schema(format = "date-time") String createdAt,
            @Schema(format = "date-time") String updatedAt,
            String username,
            @Nullable String firstName,
            @Nullable String lastName,
            @Nullable String middleName,
            @Nullable String displayName,
            @Nullable String gender,
            @Schema(format = "date-time") @Nullable String dob,
            @Nullable String bio,
            @Nullable String profileImageUrl,
            @Nullable String coverImageUrl,
            @Nullable String timezone,
            @Nullable Map<String, Object> data,

            @Schema(description = "Any JSON value, or null.")
            Object onboardingData,

            boolean isActive,
            boolean isDeleted,
            @Schema(format = "date-time") @Nullable String deletedAt,

            @Schema(allowableValues = {"AVAILABLE", "AWAY", "OFFLINE"})
            String availabilityStatus,

            @Schema(description = "The team's shortName.") String team,

            @Schema(description = "The role's shortId.") @Nullable
            String role,

            @Nullable String primaryEmail,
            @Nullable PhoneV2 primaryPhone,
            @Schema(description = "Always null.") Object profile,

            @Schema(description = DETAILS, requiredMode = RequiredMode.NOT_REQUIRED)
            List<EmailV2> emails,

            @Schema(description = DETAILS, requiredMode = RequiredMode.NOT_REQUIRED)
            List<PhoneV2> phones,

            @Schema(description = DETAILS, requiredMode = RequiredMode.NOT_REQUIRED)
            List<UUID> reportees) {}

    @Schema(name = "UserEmailV2")
    record EmailV2(
            UUID id,
            @Schema(format = "date-time") String createdAt,
            @Schema(format = "date-time") String updatedAt,
            String email,
            String normalizedEmail,
            @Nullable String type,
            boolean isVerified,
            UUID user) {}

    @Schema(name = "UserPhoneV2")
    record PhoneV2(
            UUID id,
            @Schema(format = "date-time") String createdAt,
            @Schema(format = "date-time") String updatedAt,
            String phoneNumber,
            @Nullable String type,
            boolean isVerified,
            UUID user) {}

    @Schema(description = "A partial change; null clears a field.")
    record UserChange(
            String firstName,
            String lastName,
            String middleName,
            String displayName,
            String gender,

            @Schema(description = "Epoch milliseconds or ISO-8601.")
            Long dob,

            String bio,

            @Schema(description = "An offset such as +0530 or an IANA zone.")
            String timezone,

            @Schema(allowableValues = {"AVAILABLE", "AWAY", "OFFLINE"})
            String availabilityStatus,

            Boolean isActive,
            @Schema(description = "A role uuid or shortId.") String role,

            @Schema(description = "The manager: a username, primary email or user uuid.")
            String reportsTo,

            Map<String, Object> data) {}

    @Schema(description = "Also takes every field of UserChange.")
    record NewUser(
            @Schema(requiredMode = RequiredMode.REQUIRED, description = "Unique in the team.")
            String username,

            @Schema(description = "Becomes the primary email.")
            String email,

            @Schema(description = "Becomes the primary phone; without a country code, the team's is added.")
            String phoneNumber,

            @Schema(requiredMode = RequiredMode.REQUIRED, description = "A role uuid or shortId.")
            String role,

            String firstName,
            String lastName,
            String middleName,
            String displayName,
            String gender,
            Long dob,
            String bio,
            String timezone,

            @Schema(allowableValues = {"AVAILABLE", "AWAY", "OFFLINE"})
            String availabilityStatus,

            Boolean isActive,
            String reportsTo,
            Map<String, Object> data) {}
}
