-- Public media (whatsapp.md §5): files a team publishes for templates' imageUrl, videoUrl and documentUrl.
-- Served without authentication at /public-media/{team_id}/{created_on}/{id}.{extension}; the random
-- (v4, not time-ordered) id is what makes such a URL unguessable, so every part of it must match.
CREATE TABLE public_media (
    id         uuid        PRIMARY KEY,
    team_id    uuid        NOT NULL REFERENCES team (id),
    plugin_id  uuid        NOT NULL,
    created_on date        NOT NULL,
    extension  text        NOT NULL,
    mime_type  text        NOT NULL,
    blob_key   text        NOT NULL,
    file_size  bigint      NOT NULL,
    filename   text,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX public_media_team ON public_media (team_id, created_at);
