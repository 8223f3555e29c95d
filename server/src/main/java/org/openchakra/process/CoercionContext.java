package org.openchakra.process;

import java.util.Optional;
import java.util.UUID;
import org.openchakra.procedure.ValueCoercion;
import org.openchakra.user.User;
import org.openchakra.user.UserRepository;
import org.openchakra.photo.PhotoLookup;

/** What coercing a team's values needs: its country code, its users, its photos. */
final class CoercionContext implements ValueCoercion.Context {

    private final UUID teamId;
    private final String defaultCountryCode;
    private final UserRepository users;
    private final PhotoLookup photos;

    CoercionContext(UUID teamId, String defaultCountryCode, UserRepository users, PhotoLookup photos) {
        this.teamId = teamId;
        this.defaultCountryCode = defaultCountryCode;
        this.users = users;
        this.photos = photos;
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
        return photos.exists(teamId, photoId);
    }
}
