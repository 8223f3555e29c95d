package org.openchakra.photo;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PhotoRepository {

    private static final String COLUMNS =
            "id, team_id, user_id, filename, filetype, size_bytes, height, width, blob_key, created_at, updated_at";

    private final JdbcClient jdbc;

    public PhotoRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts {@code photo} (a null id is made here, time-ordered) and answers the stored row; empty when
     * the id is already taken, by this team or another: ids are unique across the whole server.
     */
    public Optional<Photo> insert(Photo photo) {
        Map<String, Object> p = new HashMap<>();
        p.put("id", photo.id());
        p.put("team", photo.teamId());
        p.put("user", photo.userId());
        p.put("filename", photo.filename());
        p.put("filetype", photo.filetype());
        p.put("size", photo.sizeBytes());
        p.put("height", photo.height());
        p.put("width", photo.width());
        p.put("blobKey", photo.blobKey());
        return jdbc.sql(
                        "INSERT INTO photo (id, team_id, user_id, filename, filetype, size_bytes, height, width, blob_key)"
                                + " VALUES (COALESCE(CAST(:id AS uuid), uuidv7()), :team, CAST(:user AS uuid), :filename,"
                                + " :filetype, :size, CAST(:height AS integer), CAST(:width AS integer), :blobKey)"
                                + " ON CONFLICT (id) DO NOTHING RETURNING " + COLUMNS)
                .params(p)
                .query(PhotoRepository::map)
                .optional();
    }

    /** Whether any team has a photo with this id (a caller-chosen id must be new everywhere). */
    public boolean idTaken(UUID id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM photo WHERE id = :id)")
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    public Optional<Photo> find(UUID teamId, UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM photo WHERE team_id = :team AND id = :id")
                .param("team", teamId)
                .param("id", id)
                .query(PhotoRepository::map)
                .optional();
    }

    public boolean exists(UUID teamId, UUID id) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM photo WHERE team_id = :team AND id = :id)")
                .param("team", teamId)
                .param("id", id)
                .query(Boolean.class)
                .single();
    }

    /**
     * Which of {@code ids} are photos of the team. The ids travel as one array literal, not one bind
     * parameter each, so that no list length can reach PostgreSQL's limit of 65 535 parameters.
     */
    public Set<UUID> existing(UUID teamId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        String array = ids.stream().map(UUID::toString).distinct().collect(Collectors.joining(",", "{", "}"));
        return new HashSet<>(jdbc.sql("SELECT id FROM photo WHERE team_id = :team AND id = ANY(CAST(:ids AS uuid[]))")
                .param("team", teamId)
                .param("ids", array)
                .query(UUID.class)
                .list());
    }

    private static Photo map(ResultSet rs, int row) throws SQLException {
        return new Photo(
                rs.getObject("id", UUID.class),
                rs.getObject("team_id", UUID.class),
                rs.getObject("user_id", UUID.class),
                rs.getString("filename"),
                rs.getString("filetype"),
                rs.getLong("size_bytes"),
                rs.getObject("height", Integer.class),
                rs.getObject("width", Integer.class),
                rs.getString("blob_key"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }
}
