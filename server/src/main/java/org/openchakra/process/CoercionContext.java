package org.openchakra.process;

import java.util.Optional;
import java.util.UUID;
import org.openchakra.procedure.ValueCoercion;
import org.openchakra.user.User;
import org.openchakra.user.UserRepository;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What coercing a team's values needs: its country code, its users, its photos. */
final class CoercionContext implements ValueCoercion.Context {

    private final UUID teamId;
    private final String defaultCountryCode;
    private final UserRepository users;
    private final JdbcClient jdbc;

    CoercionContext(UUID teamId, String defaultCountryCode, UserRepository users, JdbcClient jdbc) {
        this.teamId = teamId;
        this.defaultCountryCode = defaultCountryCode;
        this.users = users;
        this.jdbc = jdbc;
    }

    @Override
    public String defaultCountryCode() {
        return defaultCountryCode;
    }

    @Override
    public Optional<UUID> userId(String reference) {
        return users.findByReference(teamId, reference).map(User::id);
    }

    @Override
    public boolean photoExists(UUID photoId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM photo WHERE team_id = :team AND id = :id)")
                .param("team", teamId).param("id", photoId).query(Boolean.class).single();
    }
}
