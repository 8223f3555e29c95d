package org.openchakra.process;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.openchakra.photo.PhotoLookup;
import org.openchakra.procedure.ValueCoercion;
import org.openchakra.user.User;
import org.openchakra.user.UserService;

/**
 * What coercing a team's values needs: its country code, its users, its photos. Answers are kept for
 * the life of the context (one request, or one batch of a bulk job), so that 1 000 items naming the
 * same user cost one lookup.
 */
final class CoercionContext implements ValueCoercion.Context {

    private final UUID teamId;
    private final Supplier<String> countryCodeLookup;
    private String defaultCountryCode;
    private final UserService users;
    private final PhotoLookup photos;
    private final Map<String, Optional<UUID>> userIds = new HashMap<>();
    private final Map<UUID, Boolean> photosFound = new HashMap<>();

    /** The country code is looked up only when a phone value needs it (most calls have none). */
    CoercionContext(UUID teamId, Supplier<String> countryCodeLookup, UserService users, PhotoLookup photos) {
        this.teamId = teamId;
        this.countryCodeLookup = countryCodeLookup;
        this.users = users;
        this.photos = photos;
    }

    @Override
    public String defaultCountryCode() {
        if (defaultCountryCode == null) {
            defaultCountryCode = countryCodeLookup.get();
        }
        return defaultCountryCode;
    }

    @Override
    public Optional<UUID> userId(String reference) {
        return userIds.computeIfAbsent(
                reference, r -> users.findByReference(teamId, r).map(User::id));
    }

    @Override
    public boolean photoExists(UUID photoId) {
        return photosFound.computeIfAbsent(photoId, id -> photos.exists(teamId, id));
    }
}
