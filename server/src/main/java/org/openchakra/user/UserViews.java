package org.openchakra.user;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchakra.web.TimeValues;

/**
 * The user object on the wire, field for field as platform.md §2 lists it: v1 with epoch-ms times and
 * uuids, v2 "humanized" (ISO-8601 times in the team's offset, its contacts' times too, team shortName,
 * role shortId, email string).
 */
final class UserViews {

    private UserViews() {}

    /** Lookups that turn a user's references into what the views print. */
    record Context(
            String teamShortName,
            ZoneId teamZone,
            Map<UUID, String> roleShortIds,
            Map<UUID, User.Contact> primaryEmails,
            Map<UUID, User.Contact> primaryPhones) {}

    /** The extra lists of the single-user fetch. */
    record Details(List<User.Contact> emails, List<User.Contact> phones, List<UUID> reportees) {}

    static Map<String, Object> v1(User u, Context ctx, Details details) {
        Map<String, Object> m = common(u);
        m.put("createdAt", u.createdAt().toEpochMilli());
        m.put("updatedAt", u.updatedAt().toEpochMilli());
        m.put("dob", u.dob() == null ? 0L : u.dob());
        m.put("deletedAt", u.deletedAt() == null ? null : u.deletedAt().toEpochMilli());
        m.put("team", u.teamId());
        m.put("role", u.roleId());
        m.put("profile", null);
        putContacts(m, u, ctx, details, null);
        return m;
    }

    static Map<String, Object> v2(User u, Context ctx, Details details) {
        Map<String, Object> m = v1(u, ctx, details);
        ZoneId zone = ctx.teamZone();
        m.put("createdAt", TimeValues.iso(u.createdAt(), zone));
        m.put("updatedAt", TimeValues.iso(u.updatedAt(), zone));
        m.put("dob", u.dob() == null ? null : TimeValues.iso(Instant.ofEpochMilli(u.dob()), zone));
        m.put("deletedAt", TimeValues.iso(u.deletedAt(), zone));
        m.put("team", ctx.teamShortName());
        m.put("role", ctx.roleShortIds().get(u.roleId()));
        putContacts(m, u, ctx, details, zone);
        User.Contact primary = ctx.primaryEmails().get(u.id());
        m.put("primaryEmail", primary == null ? null : primary.value());
        return m;
    }

    /** {@code zone} null: v1's epoch ms; otherwise v2's ISO-8601 in that zone, as for the user's own times. */
    private static void putContacts(Map<String, Object> m, User u, Context ctx, Details details, ZoneId zone) {
        m.put("primaryEmail", contact(ctx.primaryEmails().get(u.id()), true, zone));
        m.put("primaryPhone", contact(ctx.primaryPhones().get(u.id()), false, zone));
        if (details != null) {
            m.put(
                    "emails",
                    details.emails().stream().map(c -> contact(c, true, zone)).toList());
            m.put(
                    "phones",
                    details.phones().stream().map(c -> contact(c, false, zone)).toList());
            m.put("reportees", details.reportees());
        }
    }

    private static Object time(Instant instant, ZoneId zone) {
        return zone == null ? instant.toEpochMilli() : TimeValues.iso(instant, zone);
    }

    /** The fields in the contract's order; times, team, role and contacts are filled by the version. */
    private static Map<String, Object> common(User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id());
        m.put("createdAt", null);
        m.put("updatedAt", null);
        m.put("username", u.username());
        m.put("firstName", u.firstName());
        m.put("lastName", u.lastName());
        m.put("middleName", u.middleName());
        m.put("displayName", u.displayName());
        m.put("gender", u.gender());
        m.put("dob", null);
        m.put("bio", u.bio());
        m.put("profileImageUrl", u.profileImageUrl());
        m.put("coverImageUrl", u.coverImageUrl());
        m.put("timezone", u.timezone());
        m.put("data", u.data());
        m.put("onboardingData", u.onboardingData());
        m.put("isActive", u.isActive());
        m.put("isDeleted", u.isDeleted());
        m.put("deletedAt", null);
        m.put("availabilityStatus", u.availabilityStatus());
        m.put("team", null);
        m.put("role", null);
        m.put("primaryEmail", null);
        m.put("primaryPhone", null);
        m.put("profile", null);
        return m;
    }

    private static Map<String, Object> contact(User.Contact c, boolean isEmail, ZoneId zone) {
        if (c == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("createdAt", time(c.createdAt(), zone));
        m.put("updatedAt", time(c.updatedAt(), zone));
        if (isEmail) {
            m.put("email", c.value());
            m.put("normalizedEmail", c.normalized());
        } else {
            m.put("phoneNumber", c.value());
        }
        m.put("type", c.type());
        m.put("isVerified", c.isVerified());
        m.put("user", c.userId());
        return m;
    }
}
