-- Blobs shared by every instance (issue 16). Each blob (a photo's, a public medium's, a WhatsApp medium's
-- bytes) is recorded once: which store holds its bytes, their size and SHA-256, so any instance finds
-- any blob, reads are checked, and blobs can be moved from one store to another while servers run.
CREATE TABLE blob (
    key        text        PRIMARY KEY CHECK (key ~ '^[0-9a-f]{32}$'),
    store      text        NOT NULL CHECK (store IN ('filesystem', 'postgres', 's3')),
    size_bytes bigint      NOT NULL CHECK (size_bytes >= 0),
    -- Null only for blobs stored before this table existed, until migrate-blobs moves them.
    sha256     text        CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The postgres store: a blob's bytes in chunks of 256 KiB; the last chunk is always short (maybe empty).
-- Media do not compress: kept out of line without trying (EXTERNAL), so no CPU is spent on it.
CREATE TABLE blob_chunk (
    blob_key text    NOT NULL,
    seq      integer NOT NULL CHECK (seq >= 0),
    data     bytea   NOT NULL,
    PRIMARY KEY (blob_key, seq)
);
ALTER TABLE blob_chunk ALTER COLUMN data SET STORAGE EXTERNAL;

-- Every blob written so far is a file under <data dir>/blobs.
INSERT INTO blob (key, store, size_bytes, created_at)
SELECT blob_key, 'filesystem', size_bytes, created_at FROM photo
ON CONFLICT (key) DO NOTHING;
INSERT INTO blob (key, store, size_bytes, created_at)
SELECT blob_key, 'filesystem', file_size, created_at FROM public_media
ON CONFLICT (key) DO NOTHING;
INSERT INTO blob (key, store, size_bytes, created_at)
SELECT blob_key, 'filesystem', file_size, created_at FROM whatsapp_media
ON CONFLICT (key) DO NOTHING;
