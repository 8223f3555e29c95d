package org.openchakra.photo;

import java.util.Collection;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What other features may ask about photos without reaching into this package: the CRM's {@code photo}
 * and {@code multiPhotos} attribute types (platform.md §3) accept only ids of photos of the same team.
 */
@Component
public class PhotoLookup {

    private final PhotoRepository photos;

    public PhotoLookup(PhotoRepository photos) {
        this.photos = photos;
    }

    /** True if {@code photoId} is a photo of the team; another team's photo is as absent as none. */
    public boolean exists(UUID teamId, UUID photoId) {
        return photoId != null && photos.exists(teamId, photoId);
    }

    /** Which of {@code photoIds} are photos of the team, in one query (for {@code multiPhotos}); nulls are ignored. */
    public Set<UUID> existing(UUID teamId, Collection<UUID> photoIds) {
        return photos.existing(
                teamId, photoIds.stream().filter(java.util.Objects::nonNull).toList());
    }
}
