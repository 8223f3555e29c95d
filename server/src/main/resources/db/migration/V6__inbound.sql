-- Meta -> OpenChakra (webhooks.md §1): every signed notification is stored raw before the 200, then
-- processed asynchronously by whichever server process claims it.

-- Server-level rows: a notification is routed to teams only when processed (one POST may carry several
-- WABAs). team_id is filled when all of its entries belong to one team, for the operator's eyes.
CREATE TABLE meta_notification (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    team_id         uuid,
    received_at     timestamptz NOT NULL DEFAULT now(),
    body            bytea       NOT NULL,
    -- Sender number and customer: notifications about one customer are processed one at a time, in order.
    order_key       text        NOT NULL,
    status          text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'PROCESSED', 'FAILED')),
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    lease_until     timestamptz,
    processed_at    timestamptz,
    last_error      text
);
CREATE INDEX meta_notification_pending ON meta_notification (next_attempt_at, id) WHERE status = 'PENDING';
CREATE INDEX meta_notification_queue ON meta_notification (order_key, id) WHERE status = 'PENDING';
CREATE INDEX meta_notification_processed ON meta_notification (processed_at) WHERE status = 'PROCESSED';

-- Notifications for a WABA or number no active plugin owns: kept for the operator (Meta would retry forever).
CREATE TABLE meta_dead_letter (
    id          uuid PRIMARY KEY DEFAULT uuidv7(),
    received_at timestamptz NOT NULL DEFAULT now(),
    body        bytea       NOT NULL,
    reason      text        NOT NULL,
    verified    boolean     NOT NULL
);

-- A status that arrived before its message was recorded (a send's 'sent' often beats the send's own
-- commit): applied as soon as the message is there.
CREATE TABLE orphan_status (
    team_id     uuid        NOT NULL,
    plugin_id   uuid        NOT NULL,
    wamid       text        NOT NULL,
    status      text        NOT NULL,
    waba_id     text        NOT NULL,
    payload     jsonb       NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (plugin_id, wamid, status)
);
CREATE INDEX orphan_status_received ON orphan_status (received_at);

-- What Meta said with each status (conversation, pricing), by status name.
ALTER TABLE chat_message ADD COLUMN status_details jsonb;

-- WhatsApp media kept in the blob store (inbound media at once, since Meta's URLs expire in minutes).
CREATE TABLE whatsapp_media (
    team_id    uuid        NOT NULL REFERENCES team (id),
    plugin_id  uuid        NOT NULL,
    media_id   text        NOT NULL,
    blob_key   text        NOT NULL,
    mime_type  text,
    sha256     text,
    file_size  bigint      NOT NULL,
    filename   text,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (team_id, media_id)
);
