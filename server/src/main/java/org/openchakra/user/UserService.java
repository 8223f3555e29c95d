package org.openchakra.user;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openchakra.common.EmailAddresses;
import org.openchakra.common.PhoneNumbers;
import org.openchakra.role.Role;
import org.openchakra.role.RoleService;
import org.openchakra.team.Team;
import org.openchakra.team.TeamService;
import org.openchakra.web.ApiException;
import org.openchakra.web.JsonFields;
import org.openchakra.web.TimeValues;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/** Users of a team: the v1/v2 views, updates through the public API, creation through the admin API. */
@Service
public class UserService {

    static final List<String> AVAILABILITY = List.of("AVAILABLE", "AWAY", "OFFLINE");
    public static final int NAME_MAX = 200;

    private final UserRepository users;
    private final RoleService roles;
    private final TeamService teams;

    public UserService(UserRepository users, RoleService roles, TeamService teams) {
        this.users = users;
        this.roles = roles;
        this.teams = teams;
    }

    public List<Map<String, Object>> list(UUID teamId, boolean humanized) {
        UserViews.Context ctx = context(teamId);
        return users.list(teamId).stream()
                .map(u -> humanized ? UserViews.v2(u, ctx, null) : UserViews.v1(u, ctx, null))
                .toList();
    }

    /** The team's users as stored (active or not), in creation order: for pages that show names. */
    public List<User> members(UUID teamId) {
        return users.list(teamId);
    }

    public Map<String, Object> get(UUID teamId, UUID userId, boolean humanized) {
        return view(teamId, find(teamId, userId), humanized);
    }

    /** The fields of {@code PUT /v1/ext/user/{id}}; absent fields stay, {@code null} clears. */
    @Transactional
    public Map<String, Object> update(UUID teamId, UUID userId, JsonNode body) {
        User current = find(teamId, userId);
        JsonFields fields = JsonFields.of(body);
        User changed = applyEditable(teamId, fields, current);
        fields.check();
        return view(teamId, users.update(changed), false);
    }

    /** {@code POST /v1/admin/users}: username required and unique; email and phone become the primary ones. */
    @Transactional
    public Map<String, Object> create(UUID teamId, JsonNode body) {
        Team team = team(teamId);
        JsonFields fields = JsonFields.of(body);
        String username = fields.requiredString("username", NAME_MAX);
        String email = fields.string("email", EmailAddresses.MAX_LENGTH).orElse(null);
        if (email != null && !EmailAddresses.isValid(email)) {
            fields.problem("email", "'email' is not a valid email address");
            email = null;
        }
        String phone = fields.string("phoneNumber", 40)
                .map(raw -> PhoneNumbers.normalize(raw, team.defaultCountryCode())
                        .orElseGet(() -> {
                            fields.problem("phoneNumber", "'phoneNumber' is not a valid phone number");
                            return null;
                        }))
                .orElse(null);
        if (!fields.has("role")) {
            fields.problem("role", "'role' is required (a role uuid or shortId)");
        }
        User draft = applyEditable(
                teamId,
                fields,
                new User(
                        null, teamId, username, null, null, null, null, null, null, null, null, null, null, null, null,
                        true, false, null, "OFFLINE", null, null, null, null));
        fields.check();
        if (users.usernameTaken(teamId, username)) {
            throw ApiException.conflict("username", "A user with username '" + username + "' already exists");
        }
        if (email != null && users.emailTaken(teamId, email.toLowerCase())) {
            throw ApiException.conflict("email", "A user with email '" + email + "' already exists");
        }
        User created = users.insert(draft);
        if (email != null) {
            users.addEmail(teamId, created.id(), email, true);
        }
        if (phone != null) {
            users.addPhone(teamId, created.id(), phone, true);
        }
        return view(teamId, created, false);
    }

    /** A user named the ways callers name them: username, primary or other email, or uuid. */
    public Optional<User> findByReference(UUID teamId, String reference) {
        return users.findByReference(teamId, reference);
    }

    /** The first admin of a new team; {@code email} may be null. */
    public User createInitialAdmin(UUID teamId, String username, String email, UUID roleId) {
        User admin = users.insert(new User(
                null,
                teamId,
                username,
                null,
                null,
                null,
                "Administrator",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                true,
                false,
                null,
                "OFFLINE",
                roleId,
                null,
                null,
                null));
        if (email != null) {
            users.addEmail(teamId, admin.id(), email, true);
        }
        return admin;
    }

    /** {@code DELETE /v1/admin/users/{id}}: the user stays (their history references them) but is inactive. */
    @Transactional
    public Map<String, Object> deactivate(UUID teamId, UUID userId) {
        User u = find(teamId, userId);
        return view(teamId, users.update(withActive(u, false)), false);
    }

    private User applyEditable(UUID teamId, JsonFields f, User u) {
        String firstName = text(f, "firstName", NAME_MAX, u.firstName());
        String lastName = text(f, "lastName", NAME_MAX, u.lastName());
        String middleName = text(f, "middleName", NAME_MAX, u.middleName());
        String displayName = text(f, "displayName", NAME_MAX, u.displayName());
        String gender = text(f, "gender", 50, u.gender());
        String bio = text(f, "bio", 10_000, u.bio());
        Long dob = f.isNull("dob") ? null : f.epochMillis("dob").orElse(u.dob());
        String timezone = u.timezone();
        if (f.isNull("timezone")) {
            timezone = null;
        } else if (f.has("timezone")) {
            String tz = f.string("timezone", 64).orElse(null);
            if (tz != null && TimeValues.zone(tz).isEmpty()) {
                f.problem(
                        "timezone", "'timezone' must be an offset such as +0530 or an IANA zone such as Asia/Kolkata");
            } else if (tz != null) {
                timezone = tz;
            }
        }
        String availability = f.oneOf("availabilityStatus", AVAILABILITY).orElse(u.availabilityStatus());
        boolean active = f.bool("isActive").orElse(u.isActive());
        UUID roleId = u.roleId();
        if (f.has("role")) {
            String ref = f.string("role", 100).orElse(null);
            if (ref == null) {
                f.problem("role", "'role' must be a role uuid or shortId");
            } else {
                roleId = roles.findByIdOrShortId(teamId, ref).map(Role::id).orElseGet(() -> {
                    f.problem("role", "Unknown role '" + ref + "'");
                    return null;
                });
            }
        }
        UUID reportsTo = u.reportsTo();
        if (f.isNull("reportsTo")) {
            reportsTo = null;
        } else if (f.has("reportsTo")) {
            String ref = f.string("reportsTo", 254).orElse(null);
            reportsTo = ref == null
                    ? null
                    : users.findByReference(teamId, ref).map(User::id).orElseGet(() -> {
                        f.problem("reportsTo", "Unknown user '" + ref + "'");
                        return null;
                    });
            if (reportsTo != null && reportsTo.equals(u.id())) {
                f.problem("reportsTo", "A user cannot report to themselves");
            }
        }
        JsonNode data = f.isNull("data") ? null : f.object("data").orElse(u.data());
        return new User(
                u.id(),
                teamId,
                u.username(),
                firstName,
                lastName,
                middleName,
                displayName,
                gender,
                dob,
                bio,
                u.profileImageUrl(),
                u.coverImageUrl(),
                timezone,
                data,
                u.onboardingData(),
                active,
                u.isDeleted(),
                u.deletedAt(),
                availability,
                roleId,
                reportsTo,
                u.createdAt(),
                u.updatedAt());
    }

    private static String text(JsonFields f, String field, int max, String current) {
        return f.isNull(field) ? null : f.string(field, max).orElse(current);
    }

    private static User withActive(User u, boolean active) {
        return new User(
                u.id(),
                u.teamId(),
                u.username(),
                u.firstName(),
                u.lastName(),
                u.middleName(),
                u.displayName(),
                u.gender(),
                u.dob(),
                u.bio(),
                u.profileImageUrl(),
                u.coverImageUrl(),
                u.timezone(),
                u.data(),
                u.onboardingData(),
                active,
                u.isDeleted(),
                u.deletedAt(),
                u.availabilityStatus(),
                u.roleId(),
                u.reportsTo(),
                u.createdAt(),
                u.updatedAt());
    }

    private User find(UUID teamId, UUID userId) {
        return users.find(teamId, userId).orElseThrow(() -> ApiException.notFound("User not found"));
    }

    private Map<String, Object> view(UUID teamId, User u, boolean humanized) {
        UserViews.Details details = new UserViews.Details(
                users.emails(teamId, u.id()), users.phones(teamId, u.id()), users.reportees(teamId, u.id()));
        UserViews.Context ctx = context(teamId);
        return humanized ? UserViews.v2(u, ctx, details) : UserViews.v1(u, ctx, details);
    }

    private UserViews.Context context(UUID teamId) {
        Team team = team(teamId);
        return new UserViews.Context(
                team.shortName(),
                team.zone(),
                roles.list(teamId).stream().collect(Collectors.toMap(Role::id, Role::shortId)),
                byUser(users.primaryEmailsOfTeam(teamId)),
                byUser(users.primaryPhonesOfTeam(teamId)));
    }

    private static Map<UUID, User.Contact> byUser(List<User.Contact> contacts) {
        return contacts.stream().collect(Collectors.toMap(User.Contact::userId, Function.identity(), (a, b) -> a));
    }

    private Team team(UUID teamId) {
        return teams.find(teamId).orElseThrow(() -> ApiException.notFound("Team not found"));
    }
}
