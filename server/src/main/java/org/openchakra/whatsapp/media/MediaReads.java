package org.openchakra.whatsapp.media;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import org.openchakra.blob.BlobTooLargeException;
import org.openchakra.web.ApiException;
import org.openchakra.web.ErrorDetail;
import org.openchakra.whatsapp.meta.MetaUnavailableException;
import org.openchakra.whatsapp.meta.MetaUpstreamException;
import org.openchakra.whatsapp.plugin.PluginDirectory;
import org.openchakra.whatsapp.plugin.PluginService;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * A team's WhatsApp medium for the media reads (whatsapp.md §5): from the store, else fetched from Meta
 * through a plugin of the team that can see it. A medium is found only among the team's own rows and only
 * through the team's own plugins, so another team's medium is as absent as none.
 */
@Service
class MediaReads {

    private final WhatsappMediaStore store;
    private final PluginService plugins;
    private final PluginDirectory directory;

    MediaReads(WhatsappMediaStore store, PluginService plugins, PluginDirectory directory) {
        this.store = store;
        this.plugins = plugins;
        this.directory = directory;
    }

    /**
     * Without {@code phoneNumberId} every active plugin of the team is asked in turn (oldest first) until
     * one's Meta knows the medium; with it, only the plugin that has that number, and Meta checks that the
     * medium belongs to the number. When none can: 404 if every Meta said it knows no such object, else
     * Meta's other refusal relayed (an expired token should not pass for a missing medium), else 502/504
     * for an unreachable Meta.
     */
    WhatsappMediaStore.StoredMedia obtain(UUID teamId, String version, String mediaId, String phoneNumberId) {
        var known = store.find(teamId, mediaId);
        if (known.isPresent()) {
            return known.get();
        }
        WhatsappMediaStore.Refused refused = null;
        MetaUnavailableException unreachable = null;
        for (WhatsappPlugin plugin : candidates(teamId, phoneNumberId)) {
            PluginDirectory.Resolved resolved = directory.active(teamId, plugin.id());
            try {
                WhatsappMediaStore.Fetched fetched =
                        store.fetch(teamId, plugin.id(), resolved.target(), version, mediaId, phoneNumberId, null);
                switch (fetched) {
                    case WhatsappMediaStore.Stored stored -> {
                        return stored.media();
                    }
                    case WhatsappMediaStore.Refused r -> refused = r.unknownObject() || refused != null ? refused : r;
                    case WhatsappMediaStore.NotMedia notMedia -> {
                        // as absent as an unknown id: another plugin may still know it as a medium
                    }
                    case WhatsappMediaStore.DownloadFailed failed ->
                        throw new ApiException(
                                HttpStatus.BAD_GATEWAY,
                                ErrorDetail.UPSTREAM_ERROR,
                                "Media " + mediaId + " could not be downloaded from Meta: " + failed);
                }
            } catch (MetaUnavailableException e) {
                unreachable = unreachable == null ? e : unreachable;
            } catch (BlobTooLargeException e) {
                throw new ApiException(
                        HttpStatus.BAD_GATEWAY,
                        ErrorDetail.UPSTREAM_ERROR,
                        "Media " + mediaId + " is larger than WhatsApp's largest media (" + WhatsappMediaStore.MAX_BYTES
                                + " bytes)");
            } catch (IOException e) {
                throw new UncheckedIOException("Storing media " + mediaId + " failed", e);
            }
        }
        if (refused != null) {
            throw new MetaUpstreamException(refused.reply());
        }
        if (unreachable != null) {
            throw unreachable;
        }
        throw ApiException.notFound("Media " + mediaId + " not found");
    }

    private List<WhatsappPlugin> candidates(UUID teamId, String phoneNumberId) {
        List<WhatsappPlugin> active =
                plugins.list(teamId).stream().filter(WhatsappPlugin::active).toList();
        if (phoneNumberId == null) {
            return active;
        }
        List<WhatsappPlugin> owners = active.stream()
                .filter(p -> p.phoneNumber(phoneNumberId).isPresent())
                .toList();
        if (owners.isEmpty()) {
            throw ApiException.notFound(
                    "Phone number " + phoneNumberId + " is not a number of an active WhatsApp plugin of this team");
        }
        return owners;
    }
}
