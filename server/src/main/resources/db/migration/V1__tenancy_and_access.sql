-- Teams, roles, users, API keys and their access tokens: the tenancy and access model of platform.md §1-§2.
-- Ids are UUIDv7 (time-ordered, for index locality), made by PostgreSQL 18's uuidv7().
-- Every tenant-owned row carries team_id; child rows reference their parent together with team_id so a
-- row can never point into another team.

CREATE TABLE team (
    id                    uuid PRIMARY KEY DEFAULT uuidv7(),
    name                  text        NOT NULL,
    short_name            text        NOT NULL UNIQUE,
    timezone              text        NOT NULL,
    default_country_code  text        NOT NULL,
    rate_limit_per_second integer     NOT NULL,
    rate_limit_burst      integer     NOT NULL,
    webhook_secret        bytea,      -- encrypted with the server's secret key (SecretBox)
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE role (
    id          uuid PRIMARY KEY DEFAULT uuidv7(),
    team_id     uuid        NOT NULL REFERENCES team (id),
    short_id    text        NOT NULL,
    name        text        NOT NULL,
    role_type   text        NOT NULL CHECK (role_type IN ('ADMIN', 'MANAGER', 'USER')),
    privileges  text[]      NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (team_id, short_id),
    UNIQUE (team_id, id)
);

CREATE TABLE app_user (
    id                  uuid PRIMARY KEY DEFAULT uuidv7(),
    team_id             uuid        NOT NULL REFERENCES team (id),
    username            text        NOT NULL,
    first_name          text,
    last_name           text,
    middle_name         text,
    display_name        text,
    gender              text,
    dob                 bigint,
    bio                 text,
    profile_image_url   text,
    cover_image_url     text,
    timezone            text,
    data                jsonb,
    onboarding_data     jsonb,
    is_active           boolean     NOT NULL DEFAULT true,
    is_deleted          boolean     NOT NULL DEFAULT false,
    deleted_at          timestamptz,
    availability_status text        NOT NULL DEFAULT 'OFFLINE'
                                    CHECK (availability_status IN ('AVAILABLE', 'AWAY', 'OFFLINE')),
    role_id             uuid        NOT NULL,
    reports_to          uuid,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (team_id, id),
    FOREIGN KEY (team_id, role_id) REFERENCES role (team_id, id),
    FOREIGN KEY (team_id, reports_to) REFERENCES app_user (team_id, id)
);
CREATE UNIQUE INDEX app_user_username ON app_user (team_id, lower(username));
CREATE INDEX app_user_reports_to ON app_user (team_id, reports_to) WHERE reports_to IS NOT NULL;

CREATE TABLE user_email (
    id               uuid PRIMARY KEY DEFAULT uuidv7(),
    team_id          uuid        NOT NULL,
    user_id          uuid        NOT NULL,
    email            text        NOT NULL,
    normalized_email text        NOT NULL,
    type             text        NOT NULL DEFAULT 'WORK',
    is_verified      boolean     NOT NULL DEFAULT false,
    is_primary       boolean     NOT NULL DEFAULT false,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (team_id, user_id) REFERENCES app_user (team_id, id),
    UNIQUE (team_id, normalized_email)
);
CREATE INDEX user_email_user ON user_email (team_id, user_id);

CREATE TABLE user_phone (
    id           uuid PRIMARY KEY DEFAULT uuidv7(),
    team_id      uuid        NOT NULL,
    user_id      uuid        NOT NULL,
    phone_number text        NOT NULL,
    type         text        NOT NULL DEFAULT 'WORK',
    is_verified  boolean     NOT NULL DEFAULT false,
    is_primary   boolean     NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (team_id, user_id) REFERENCES app_user (team_id, id)
);
CREATE INDEX user_phone_user ON user_phone (team_id, user_id);

CREATE TABLE api_key (
    id           uuid PRIMARY KEY DEFAULT uuidv7(),
    team_id      uuid        NOT NULL REFERENCES team (id),
    name         text        NOT NULL,
    description  text,
    role_id      uuid        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    deleted_at   timestamptz,
    UNIQUE (team_id, id),
    FOREIGN KEY (team_id, role_id) REFERENCES role (team_id, id)
);
CREATE INDEX api_key_team ON api_key (team_id) WHERE deleted_at IS NULL;

CREATE TABLE access_token (
    id           uuid PRIMARY KEY DEFAULT uuidv7(),
    team_id      uuid        NOT NULL,
    api_key_id   uuid        NOT NULL,
    token_hash   bytea       NOT NULL UNIQUE, -- SHA-256 of the token; the token itself is never stored
    prefix       text        NOT NULL,        -- the first characters, for people to recognise a token
    created_at   timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz,
    revoked_at   timestamptz,
    FOREIGN KEY (team_id, api_key_id) REFERENCES api_key (team_id, id)
);
CREATE INDEX access_token_key ON access_token (team_id, api_key_id);

-- Server-wide settings that are not any team's (e.g. the hash of the generated operator token).
CREATE TABLE server_setting (
    key        text PRIMARY KEY,
    value      text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Bucket4j's PostgreSQL proxy manager keeps one row per API key's token bucket (shared by all instances).
CREATE TABLE rate_limit_bucket (
    id    text PRIMARY KEY,
    state bytea
);
