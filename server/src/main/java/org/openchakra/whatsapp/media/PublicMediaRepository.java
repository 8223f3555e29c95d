package org.openchakra.whatsapp.media;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code public_media} table. */
@Repository
class PublicMediaRepository {

    private final JdbcClient jdbc;

    PublicMediaRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(PublicMedia m) {
        jdbc.sql(
                        "INSERT INTO public_media (id, team_id, plugin_id, created_on, extension, mime_type, blob_key,"
                                + " file_size, filename) VALUES (:id, :team, :plugin, :day, :ext, :mime, :key, :size, :filename)")
                .param("id", m.id())
                .param("team", m.teamId())
                .param("plugin", m.pluginId())
                .param("day", m.createdOn())
                .param("ext", m.extension())
                .param("mime", m.mimeType())
                .param("key", m.blobKey())
                .param("size", m.fileSize())
                .param("filename", m.filename())
                .update();
    }

    /** Only the exact URL finds a file: the same id under another team, day or extension is no file. */
    Optional<PublicMedia> find(UUID teamId, LocalDate createdOn, UUID id, String extension) {
        return jdbc.sql(
                        "SELECT id, team_id, plugin_id, created_on, extension, mime_type, blob_key, file_size, filename"
                                + " FROM public_media WHERE id = :id AND team_id = :team AND created_on = :day AND extension = :ext")
                .param("id", id)
                .param("team", teamId)
                .param("day", createdOn)
                .param("ext", extension)
                .query((rs, n) -> new PublicMedia(
                        rs.getObject("id", UUID.class),
                        rs.getObject("team_id", UUID.class),
                        rs.getObject("plugin_id", UUID.class),
                        rs.getObject("created_on", LocalDate.class),
                        rs.getString("extension"),
                        rs.getString("mime_type"),
                        rs.getString("blob_key"),
                        rs.getLong("file_size"),
                        rs.getString("filename")))
                .optional();
    }
}
