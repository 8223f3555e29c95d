package org.openchakra.user;

import static org.openchakra.common.Rows.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Repository
class UserRepository {

    private static final String COLUMNS = "id, team_id, username, first_name, last_name, middle_name, display_name,"
            + " gender, dob, bio, profile_image_url, cover_image_url, timezone, data, onboarding_data, is_active,"
            + " is_deleted, deleted_at, availability_status, role_id, reports_to, created_at, updated_at";

    private final JdbcClient jdbc;
    private final JsonMapper json;

    UserRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Inserts {@code user} (its id, times and flags are made here) and answers the stored row. */
    public User insert(User user) {
        return jdbc.sql("INSERT INTO app_user (team_id, username, first_name, last_name, middle_name, display_name,"
                        + " gender, dob, bio, timezone, data, availability_status, role_id, reports_to)"
                        + " VALUES (:team, :username, :firstName, :lastName, :middleName, :displayName, :gender, :dob,"
                        + " :bio, :timezone, CAST(:data AS jsonb), :availability, :role, :reportsTo) RETURNING "
                        + COLUMNS)
                .params(params(user))
                .query(this::map)
                .single();
    }

    public User update(User user) {
        return jdbc.sql("UPDATE app_user SET first_name = :firstName, last_name = :lastName, middle_name = :middleName,"
                        + " display_name = :displayName, gender = :gender, dob = :dob, bio = :bio, timezone = :timezone,"
                        + " data = CAST(:data AS jsonb), availability_status = :availability, is_active = :active,"
                        + " role_id = :role, reports_to = :reportsTo, updated_at = now()"
                        + " WHERE team_id = :team AND id = :id RETURNING " + COLUMNS)
                .params(params(user))
                .query(this::map)
                .single();
    }

    private Map<String, Object> params(User u) {
        java.util.HashMap<String, Object> p = new java.util.HashMap<>();
        p.put("id", u.id());
        p.put("team", u.teamId());
        p.put("username", u.username());
        p.put("firstName", u.firstName());
        p.put("lastName", u.lastName());
        p.put("middleName", u.middleName());
        p.put("displayName", u.displayName());
        p.put("gender", u.gender());
        p.put("dob", u.dob());
        p.put("bio", u.bio());
        p.put("timezone", u.timezone());
        p.put("data", u.data() == null ? null : json.writeValueAsString(u.data()));
        p.put("availability", u.availabilityStatus());
        p.put("active", u.isActive());
        p.put("role", u.roleId());
        p.put("reportsTo", u.reportsTo());
        return p;
    }

    public List<User> list(UUID teamId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE team_id = :team AND NOT is_deleted"
                        + " ORDER BY created_at, id")
                .param("team", teamId)
                .query(this::map)
                .list();
    }

    public Optional<User> find(UUID teamId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM app_user WHERE team_id = :team AND id = :id AND NOT is_deleted")
                .param("team", teamId)
                .param("id", id)
                .query(this::map)
                .optional();
    }

    /** A user named the ways callers name them: username, primary or other email, or uuid. */
    public Optional<User> findByReference(UUID teamId, String reference) {
        try {
            return find(teamId, UUID.fromString(reference));
        } catch (IllegalArgumentException notUuid) {
            return jdbc.sql("SELECT " + COLUMNS + " FROM app_user u WHERE team_id = :team AND NOT is_deleted AND"
                            + " (lower(username) = lower(:ref) OR EXISTS (SELECT 1 FROM user_email e WHERE"
                            + " e.team_id = u.team_id AND e.user_id = u.id AND e.normalized_email = lower(:ref)))"
                            + " LIMIT 1")
                    .param("team", teamId)
                    .param("ref", reference)
                    .query(this::map)
                    .optional();
        }
    }

    public boolean usernameTaken(UUID teamId, String username) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM app_user WHERE team_id = :team AND lower(username) = lower(:u))")
                .param("team", teamId)
                .param("u", username)
                .query(Boolean.class)
                .single();
    }

    public boolean emailTaken(UUID teamId, String normalizedEmail) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM user_email WHERE team_id = :team AND normalized_email = :e)")
                .param("team", teamId)
                .param("e", normalizedEmail)
                .query(Boolean.class)
                .single();
    }

    public void addEmail(UUID teamId, UUID userId, String email, boolean primary) {
        jdbc.sql("INSERT INTO user_email (team_id, user_id, email, normalized_email, is_primary)"
                        + " VALUES (:team, :user, :email, lower(:email), :primary)")
                .param("team", teamId)
                .param("user", userId)
                .param("email", email)
                .param("primary", primary)
                .update();
    }

    public void addPhone(UUID teamId, UUID userId, String phone, boolean primary) {
        jdbc.sql(
                        "INSERT INTO user_phone (team_id, user_id, phone_number, is_primary) VALUES (:team, :user, :phone, :primary)")
                .param("team", teamId)
                .param("user", userId)
                .param("phone", phone)
                .param("primary", primary)
                .update();
    }

    public List<User.Contact> emails(UUID teamId, UUID userId) {
        return jdbc.sql(
                        "SELECT id, user_id, email AS value, normalized_email AS normalized, type, is_verified, is_primary,"
                                + " created_at, updated_at FROM user_email WHERE team_id = :team AND user_id = :user"
                                + " ORDER BY is_primary DESC, created_at, id")
                .param("team", teamId)
                .param("user", userId)
                .query(UserRepository::mapContact)
                .list();
    }

    public List<User.Contact> phones(UUID teamId, UUID userId) {
        return jdbc.sql("SELECT id, user_id, phone_number AS value, phone_number AS normalized, type, is_verified,"
                        + " is_primary, created_at, updated_at FROM user_phone WHERE team_id = :team AND user_id = :user"
                        + " ORDER BY is_primary DESC, created_at, id")
                .param("team", teamId)
                .param("user", userId)
                .query(UserRepository::mapContact)
                .list();
    }

    public List<User.Contact> primaryEmailsOfTeam(UUID teamId) {
        return jdbc.sql(
                        "SELECT id, user_id, email AS value, normalized_email AS normalized, type, is_verified, is_primary,"
                                + " created_at, updated_at FROM user_email WHERE team_id = :team AND is_primary")
                .param("team", teamId)
                .query(UserRepository::mapContact)
                .list();
    }

    public List<User.Contact> primaryPhonesOfTeam(UUID teamId) {
        return jdbc.sql("SELECT id, user_id, phone_number AS value, phone_number AS normalized, type, is_verified,"
                        + " is_primary, created_at, updated_at FROM user_phone WHERE team_id = :team AND is_primary")
                .param("team", teamId)
                .query(UserRepository::mapContact)
                .list();
    }

    public List<UUID> reportees(UUID teamId, UUID userId) {
        return jdbc.sql("SELECT id FROM app_user WHERE team_id = :team AND reports_to = :user AND NOT is_deleted"
                        + " ORDER BY created_at, id")
                .param("team", teamId)
                .param("user", userId)
                .query(UUID.class)
                .list();
    }

    private User map(ResultSet rs, int row) throws SQLException {
        Long dob = rs.getObject("dob", Long.class);
        return new User(
                rs.getObject("id", UUID.class),
                rs.getObject("team_id", UUID.class),
                rs.getString("username"),
                rs.getString("first_name"),
                rs.getString("last_name"),
                rs.getString("middle_name"),
                rs.getString("display_name"),
                rs.getString("gender"),
                dob,
                rs.getString("bio"),
                rs.getString("profile_image_url"),
                rs.getString("cover_image_url"),
                rs.getString("timezone"),
                jsonb(rs, "data"),
                jsonb(rs, "onboarding_data"),
                rs.getBoolean("is_active"),
                rs.getBoolean("is_deleted"),
                instant(rs, "deleted_at"),
                rs.getString("availability_status"),
                rs.getObject("role_id", UUID.class),
                rs.getObject("reports_to", UUID.class),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private JsonNode jsonb(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        return text == null ? null : json.readTree(text);
    }

    static User.Contact mapContact(ResultSet rs, int row) throws SQLException {
        return new User.Contact(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getString("value"),
                rs.getString("normalized"),
                rs.getString("type"),
                rs.getBoolean("is_verified"),
                rs.getBoolean("is_primary"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }
}
