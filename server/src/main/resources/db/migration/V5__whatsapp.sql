-- WhatsApp (whatsapp.md §1, §4, §6): plugins (a team's connections to Meta), their WABAs and numbers,
-- the template cache, and chats with their messages.

CREATE TABLE whatsapp_plugin (
    id                  uuid PRIMARY KEY DEFAULT uuidv7(),
    team_id             uuid        NOT NULL REFERENCES team (id),
    name                text        NOT NULL,
    is_active           boolean     NOT NULL DEFAULT true,
    mode                text        NOT NULL CHECK (mode IN ('CLOUD_API', 'SANDBOX')),
    graph_base_url      text        NOT NULL,
    default_api_version text        NOT NULL,
    -- AES-GCM boxes (SecretBox); write-only through the API.
    access_token        bytea,
    app_secret          bytea,
    verify_token        bytea,
    config              jsonb       NOT NULL DEFAULT '{}',
    last_synced_at      timestamptz,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (team_id, id)
);
CREATE INDEX whatsapp_plugin_team ON whatsapp_plugin (team_id, created_at);

-- A WABA or number belongs to at most one active plugin across the server: inbound notifications are
-- routed by these ids. plugin_active mirrors the plugin's is_active so the unique index can say so.
CREATE TABLE whatsapp_business_account (
    team_id       uuid    NOT NULL,
    plugin_id     uuid    NOT NULL,
    waba_id       text    NOT NULL,
    name          text,
    plugin_active boolean NOT NULL DEFAULT true,
    position      int     NOT NULL DEFAULT 0,
    PRIMARY KEY (plugin_id, waba_id),
    FOREIGN KEY (team_id, plugin_id) REFERENCES whatsapp_plugin (team_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX whatsapp_waba_active ON whatsapp_business_account (waba_id) WHERE plugin_active;

CREATE TABLE whatsapp_phone_number (
    team_id              uuid    NOT NULL,
    plugin_id            uuid    NOT NULL,
    waba_id              text    NOT NULL,
    phone_number_id      text    NOT NULL,
    display_phone_number text,
    verified_name        text,
    quality_rating       text,
    messaging_limit_tier text,
    throughput_mps       int     NOT NULL DEFAULT 80,
    is_coexistence       boolean NOT NULL DEFAULT false,
    plugin_active        boolean NOT NULL DEFAULT true,
    position             int     NOT NULL DEFAULT 0,
    PRIMARY KEY (plugin_id, phone_number_id),
    FOREIGN KEY (plugin_id, waba_id) REFERENCES whatsapp_business_account (plugin_id, waba_id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX whatsapp_phone_number_active ON whatsapp_phone_number (phone_number_id) WHERE plugin_active;

-- The template cache of a WABA (whatsapp.md §4): what template sends build their components from.
CREATE TABLE whatsapp_template (
    team_id          uuid        NOT NULL,
    waba_id          text        NOT NULL,
    template_id      text        NOT NULL,
    name             text        NOT NULL,
    language         text        NOT NULL,
    status           text        NOT NULL,
    category         text,
    parameter_format text,
    components       jsonb       NOT NULL DEFAULT '[]',
    updated_at       timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team_id, waba_id, template_id),
    UNIQUE (team_id, waba_id, name, language)
);

-- A chat is a session with one customer on one sender number (whatsapp.md §6).
CREATE TABLE chat (
    id                     uuid PRIMARY KEY DEFAULT uuidv7(),
    team_id                uuid        NOT NULL REFERENCES team (id),
    plugin_id              uuid        NOT NULL,
    whatsapp_phone_number_id text      NOT NULL,
    contact_identifier     text        NOT NULL,
    contact_name           text,
    status                 text        NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'CLOSED')),
    assigned_to            uuid,
    lead_id                uuid,
    last_message_at        timestamptz,
    last_inbound_at        timestamptz,
    unread_count           int         NOT NULL DEFAULT 0,
    last_message           jsonb,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    UNIQUE (team_id, id),
    FOREIGN KEY (team_id, plugin_id) REFERENCES whatsapp_plugin (team_id, id)
);
-- At most one open chat per customer and sender number; a closed chat stays closed.
CREATE UNIQUE INDEX chat_open ON chat (team_id, whatsapp_phone_number_id, contact_identifier) WHERE status = 'OPEN';
CREATE INDEX chat_contact ON chat (team_id, contact_identifier, created_at);
CREATE INDEX chat_last_message ON chat (team_id, last_message_at);

-- The 24-hour window is per (sender number, customer) across that customer's chats: kept apart from chat
-- so that a closed chat's window still counts for the next one.
CREATE TABLE customer_window (
    team_id                  uuid        NOT NULL,
    whatsapp_phone_number_id text        NOT NULL,
    contact_identifier       text        NOT NULL,
    last_inbound_at          timestamptz NOT NULL,
    PRIMARY KEY (team_id, whatsapp_phone_number_id, contact_identifier)
);

CREATE TABLE chat_message (
    id                       uuid PRIMARY KEY DEFAULT uuidv7(),
    team_id                  uuid        NOT NULL,
    chat_id                  uuid        NOT NULL,
    plugin_id                uuid        NOT NULL,
    whatsapp_phone_number_id text        NOT NULL,
    contact_identifier       text        NOT NULL,
    external_id              text,
    provider                 text        NOT NULL DEFAULT 'whatsapp',
    data_type                text        NOT NULL,
    body                     jsonb       NOT NULL,
    text                     text,
    attachments              jsonb,
    delivery_status          text        NOT NULL CHECK (delivery_status IN
                                 ('PENDING', 'SENT', 'DELIVERED', 'READ', 'FAILED', 'RECEIVED')),
    direction                text        NOT NULL CHECK (direction IN ('INBOUND', 'OUTBOUND')),
    timestamp                timestamptz NOT NULL DEFAULT now(),
    message_template_id      text,
    source_type              text        NOT NULL,
    source_id                text,
    errors                   jsonb,
    user_id                  uuid,
    procedure_id             uuid,
    process_id               uuid,
    campaign_id              uuid,
    in_reply_to              uuid,
    created_at               timestamptz NOT NULL DEFAULT now(),
    updated_at               timestamptz NOT NULL DEFAULT now(),
    UNIQUE (team_id, id),
    FOREIGN KEY (team_id, chat_id) REFERENCES chat (team_id, id)
);
-- Meta delivering the same wamid twice makes one message.
CREATE UNIQUE INDEX chat_message_external ON chat_message (plugin_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX chat_message_chat ON chat_message (team_id, chat_id, timestamp);
CREATE INDEX chat_message_contact ON chat_message (team_id, contact_identifier, timestamp);
