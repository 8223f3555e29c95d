-- Groups (whatsapp.md §7): the groups a plugin's numbers run, so that a call naming a group id finds
-- its plugin. Meta answers a group creation with a request id only; the group id arrives later in a
-- group_lifecycle_update webhook, or is seen in a listing of the number's groups.
CREATE TABLE whatsapp_group (
    team_id         uuid        NOT NULL,
    plugin_id       uuid        NOT NULL,
    group_id        text        NOT NULL,
    phone_number_id text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team_id, group_id),
    FOREIGN KEY (team_id, plugin_id) REFERENCES whatsapp_plugin (team_id, id) ON DELETE CASCADE
);
CREATE INDEX whatsapp_group_plugin ON whatsapp_group (plugin_id);

-- Partner access (whatsapp.md §10): a single-use link a partner team hands its client, to connect a
-- new plugin or reconnect one. Only the SHA-256 of the token is kept, as for API tokens.
CREATE TABLE whatsapp_connect_token (
    id                  uuid PRIMARY KEY DEFAULT uuidv7(),
    team_id             uuid        NOT NULL REFERENCES team (id),
    token_hash          bytea       NOT NULL UNIQUE,
    -- Reconnect: the plugin to connect again. New plugin: null until the client connects, then the plugin made.
    plugin_id           uuid,
    new_plugin_name     text,
    client_reference_id text,
    client_name         text,
    client_email        text,
    -- Where a new CLOUD_API plugin calls Meta; null means Meta's own Graph URL.
    graph_base_url      text,
    created_by_key      uuid,
    expires_at          timestamptz NOT NULL,
    used_at             timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    CHECK (plugin_id IS NOT NULL OR new_plugin_name IS NOT NULL)
);
CREATE INDEX whatsapp_connect_token_team ON whatsapp_connect_token (team_id, created_at);
