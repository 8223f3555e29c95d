-- The CRM half of platform.md: procedures (schemas of processes), customer records, processes, tasks, photos.

-- A procedure is read whole on every process call and changed rarely, so its attributes, states and
-- state tasks live in one JSONB document (with their own uuids), edited under the row's lock.
CREATE TABLE procedure (
    id          uuid PRIMARY KEY DEFAULT uuidv7(),
    team_id     uuid        NOT NULL REFERENCES team (id),
    short_id    text        NOT NULL,
    name        text        NOT NULL,
    definition  jsonb       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (team_id, short_id),
    UNIQUE (team_id, id)
);

-- Each stringId attribute with autoId (LEAD-000042) numbers from its own sequence, oc_autoid_<attribute
-- uuid hex>, made with the attribute: nextval never waits on a lock held by another transaction.

CREATE TABLE customer_record (
    id         uuid PRIMARY KEY DEFAULT uuidv7(),
    team_id    uuid        NOT NULL REFERENCES team (id),
    entity     text,
    data       jsonb       NOT NULL DEFAULT '{}',
    phone      text,
    email      text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (team_id, id)
);
CREATE INDEX customer_record_phone ON customer_record (team_id, phone) WHERE phone IS NOT NULL;
CREATE INDEX customer_record_email ON customer_record (team_id, email) WHERE email IS NOT NULL;

-- Times are kept to the millisecond, as the API shows them, so that a filter on a time the API gave
-- back (createdAt > x) never matches the row that x came from.
CREATE TABLE process (
    id             uuid PRIMARY KEY DEFAULT uuidv7(),
    team_id        uuid        NOT NULL,
    procedure_id   uuid        NOT NULL,
    created_by     uuid,
    assigned_to    uuid,
    belongs_to     uuid,
    entity         text,
    record_id      uuid,
    status         text        NOT NULL CHECK (status IN ('OPEN', 'COMPLETED', 'CANCELLED')),
    state          text        NOT NULL,
    data           jsonb       NOT NULL DEFAULT '{}',
    derived_data   jsonb       NOT NULL DEFAULT '{}',
    next_action_at timestamptz,
    pk_value       text,        -- the primary-key attribute's value, unique per procedure among live processes
    is_deleted     boolean     NOT NULL DEFAULT false,
    deleted_at     timestamptz,
    created_at     timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
    updated_at     timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
    UNIQUE (team_id, id),
    FOREIGN KEY (team_id, procedure_id) REFERENCES procedure (team_id, id),
    FOREIGN KEY (team_id, record_id) REFERENCES customer_record (team_id, id),
    FOREIGN KEY (team_id, assigned_to) REFERENCES app_user (team_id, id)
);
CREATE UNIQUE INDEX process_primary_key ON process (team_id, procedure_id, pk_value)
    WHERE pk_value IS NOT NULL AND NOT is_deleted;
-- The list's default order, and the path for every filter that is not selective on its own.
CREATE INDEX process_recent ON process (team_id, procedure_id, created_at DESC, id DESC) WHERE NOT is_deleted;
-- Filters on text and number attributes use per-attribute B-tree indexes made with the attribute
-- (AttributeIndexes); booleans, arrays and objects match by containment over the list order.

CREATE TABLE task (
    id           uuid PRIMARY KEY DEFAULT uuidv7(),
    team_id      uuid        NOT NULL,
    procedure_id uuid        NOT NULL,
    process_id   uuid        NOT NULL,
    state_task   text        NOT NULL,
    status       text        NOT NULL CHECK (status IN ('OPEN', 'COMPLETED', 'CANCELLED')),
    title        text,
    assigned_to  uuid,
    created_by   uuid,
    data         jsonb       NOT NULL DEFAULT '{}',
    due_by       timestamptz,
    completed_at timestamptz,
    cancelled_at timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (team_id, process_id) REFERENCES process (team_id, id)
);
CREATE INDEX task_process ON task (team_id, process_id, created_at DESC);

CREATE TABLE photo (
    id          uuid PRIMARY KEY,
    team_id     uuid        NOT NULL REFERENCES team (id),
    user_id     uuid,
    filename    text,
    filetype    text        NOT NULL,
    size_bytes  bigint      NOT NULL,
    height      integer,
    width       integer,
    blob_key    text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX photo_team ON photo (team_id, created_at DESC);

-- Typed reads of one attribute out of a process's data, for range filters and their indexes. They
-- never fail on a value of another type (another procedure may use the same shortId differently).
CREATE FUNCTION oc_number(data jsonb, key text) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN jsonb_typeof(data -> key) = 'number' THEN (data ->> key)::numeric END;

CREATE FUNCTION oc_text(data jsonb, key text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN CASE WHEN jsonb_typeof(data -> key) = 'string' THEN data ->> key END;
