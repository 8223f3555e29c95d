-- The team inbox's sign-in (inbox.md §1): sessions shared by every instance (Spring Session JDBC's
-- PostgreSQL schema under our own table names), passwords, one-time sign-in links and throttled failures.

CREATE TABLE app_session (
    primary_id            char(36)     NOT NULL PRIMARY KEY,
    session_id            char(36)     NOT NULL,
    creation_time         bigint       NOT NULL,
    last_access_time      bigint       NOT NULL,
    max_inactive_interval int          NOT NULL,
    expiry_time           bigint       NOT NULL,
    principal_name        varchar(100)
);
CREATE UNIQUE INDEX app_session_id ON app_session (session_id);
CREATE INDEX app_session_expiry ON app_session (expiry_time);
CREATE INDEX app_session_principal ON app_session (principal_name);

CREATE TABLE app_session_attributes (
    session_primary_id char(36)     NOT NULL REFERENCES app_session (primary_id) ON DELETE CASCADE,
    attribute_name     varchar(200) NOT NULL,
    attribute_bytes    bytea        NOT NULL,
    PRIMARY KEY (session_primary_id, attribute_name)
);

-- One password per user; only the Argon2id hash (its parameters and salt inside) is kept.
CREATE TABLE app_password (
    user_id       uuid        PRIMARY KEY,
    team_id       uuid        NOT NULL,
    password_hash text        NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (team_id, user_id) REFERENCES app_user (team_id, id)
);

-- A sign-in link is shown once; only the SHA-256 of its token is kept.
CREATE TABLE app_sign_in_link (
    id         uuid        PRIMARY KEY DEFAULT uuidv7(),
    team_id    uuid        NOT NULL,
    user_id    uuid        NOT NULL,
    token_hash bytea       NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    FOREIGN KEY (team_id, user_id) REFERENCES app_user (team_id, id)
);
CREATE INDEX app_sign_in_link_user ON app_sign_in_link (team_id, user_id);

-- Failed sign-ins of the last minutes, by what was typed and by address, for every instance to count.
CREATE TABLE app_sign_in_failure (
    key       text        NOT NULL,
    failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX app_sign_in_failure_key ON app_sign_in_failure (key, failed_at);

-- chat:all (inbox.md §2): roles with it see every chat of the team in the inbox. The built-in admin and
-- manager roles get it, as new teams' do.
UPDATE role SET privileges = ARRAY(SELECT DISTINCT p FROM unnest(privileges || '{chat:all}'::text[]) AS p ORDER BY p)
WHERE short_id IN ('admin', 'manager') AND NOT ('chat:all' = ANY (privileges));
