-- Campaigns (campaigns.md §1-§3): broadcasts and drip sequences, their recipients, and one attempt row per
-- (recipient, step) that is claimed and committed before Meta is called. Opt-outs (campaigns.md §4).

CREATE TABLE campaign (
    id                       uuid PRIMARY KEY DEFAULT uuidv7(),
    team_id                  uuid        NOT NULL REFERENCES team (id),
    name                     text        NOT NULL,
    kind                     text        NOT NULL CHECK (kind IN ('BROADCAST', 'DRIP')),
    plugin_id                uuid        NOT NULL,
    whatsapp_phone_number_id text        NOT NULL,
    status                   text        NOT NULL DEFAULT 'DRAFT' CHECK (status IN
                                 ('DRAFT', 'SCHEDULED', 'RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED')),
    start_at                 timestamptz,
    steps                    jsonb       NOT NULL,
    stop_on_reply            boolean     NOT NULL DEFAULT true,
    throughput_mps           integer,
    -- Why the runner paused it on its own (a template disabled since the start, the plugin gone), or null.
    status_message           text,
    created_at               timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
    updated_at               timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
    started_at               timestamptz,
    completed_at             timestamptz,
    UNIQUE (team_id, id)
);
CREATE INDEX campaign_team ON campaign (team_id, created_at DESC, id DESC);
-- The runner's tick looks at these only.
CREATE INDEX campaign_live ON campaign (status) WHERE status IN ('SCHEDULED', 'RUNNING');
-- Stop on reply: an inbound message looks up the drip campaigns of its sender number.
CREATE INDEX campaign_sender ON campaign (team_id, whatsapp_phone_number_id)
    WHERE kind = 'DRIP' AND status IN ('SCHEDULED', 'RUNNING', 'PAUSED');

-- A recipient (an enrollment, for DRIP). next_step_at is when its next step is due; it is null while a step
-- is in flight and once the recipient is done, so the due index holds only what can be claimed.
CREATE TABLE campaign_recipient (
    id              uuid PRIMARY KEY DEFAULT uuidv7(),
    team_id         uuid        NOT NULL,
    campaign_id     uuid        NOT NULL,
    phone_number    text        NOT NULL,
    lead_id         uuid,
    process_id      uuid,
    row_data        jsonb,
    status          text        NOT NULL DEFAULT 'PENDING' CHECK (status IN
                        ('PENDING', 'ACTIVE', 'COMPLETED', 'STOPPED', 'REMOVED', 'SKIPPED', 'FAILED')),
    reason          text,
    next_step_index integer     NOT NULL DEFAULT 0,
    next_step_at    timestamptz,
    last_attempt_id uuid,
    created_at      timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
    updated_at      timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
    FOREIGN KEY (team_id, campaign_id) REFERENCES campaign (team_id, id),
    UNIQUE (campaign_id, phone_number)
);
-- Claimed earliest first, then in the order added.
CREATE INDEX campaign_recipient_due ON campaign_recipient (campaign_id, next_step_at, id) WHERE next_step_at IS NOT NULL;
CREATE INDEX campaign_recipient_list ON campaign_recipient (campaign_id, id);
-- What is left to do: a broadcast completes when none of its recipients is pending or active.
CREATE INDEX campaign_recipient_open ON campaign_recipient (campaign_id) WHERE status IN ('PENDING', 'ACTIVE');
-- Stop on reply finds a customer's active enrollments by number.
CREATE INDEX campaign_recipient_active ON campaign_recipient (team_id, phone_number) WHERE status = 'ACTIVE';

-- One row per (recipient, step), written and committed before Meta is called: the unique key is what makes
-- a step go out at most once. SENDING = handed to Meta (or about to be), outcome not recorded yet;
-- RETRYING = Meta refused it for now (130429, 131056, 5xx) or could not be reached, so it was never sent;
-- UNKNOWN = still SENDING after the unknown-outcome deadline (a crash mid-send), failed until a status
-- webhook carrying its id says otherwise.
CREATE TABLE campaign_attempt (
    id                     uuid PRIMARY KEY,
    team_id                uuid        NOT NULL,
    campaign_id            uuid        NOT NULL,
    recipient_id           uuid        NOT NULL,
    step_index             integer     NOT NULL,
    status                 text        NOT NULL CHECK (status IN ('SENDING', 'SENT', 'RETRYING', 'FAILED', 'UNKNOWN')),
    tries                  integer     NOT NULL DEFAULT 1,
    claimed_at             timestamptz NOT NULL,
    worker                 text,
    chat_message_id        uuid,
    external_id            text,
    sent_at                timestamptz,
    error_code             integer,
    error_message          text,
    delivery_error_code    integer,
    delivery_error_message text,
    -- When and by what the outcome was recorded: META_ANSWER (the runner), STATUS_WEBHOOK (a status naming the
    -- attempt settled it, e.g. after a crash), DEADLINE (UNKNOWN_OUTCOME).
    settled_at             timestamptz,
    settled_by             text,
    UNIQUE (recipient_id, step_index)
);
CREATE INDEX campaign_attempt_sending ON campaign_attempt (claimed_at) WHERE status = 'SENDING';
CREATE INDEX campaign_attempt_errors ON campaign_attempt (campaign_id)
    WHERE status IN ('FAILED', 'UNKNOWN') OR delivery_error_code IS NOT NULL;

-- Big recipient lists wait here for their background job, which moves them into campaign_recipient.
CREATE TABLE campaign_recipient_import (
    job_id       uuid    NOT NULL,
    idx          integer NOT NULL,
    team_id      uuid    NOT NULL,
    campaign_id  uuid    NOT NULL,
    phone_number text    NOT NULL,
    lead_id      uuid,
    process_id   uuid,
    row_data     jsonb,
    PRIMARY KEY (job_id, idx)
);
CREATE INDEX campaign_recipient_import_campaign ON campaign_recipient_import (campaign_id);
CREATE TABLE campaign_import (
    job_id      uuid PRIMARY KEY,
    team_id     uuid    NOT NULL,
    campaign_id uuid    NOT NULL,
    added       integer NOT NULL DEFAULT 0,
    duplicates  integer NOT NULL DEFAULT 0,
    invalid     integer NOT NULL DEFAULT 0
);

-- Campaign messages are found by campaign for the report's error breakdown and the sender's history.
CREATE INDEX chat_message_campaign ON chat_message (campaign_id) WHERE campaign_id IS NOT NULL;

-- Recipient lists of campaigns are background jobs too (platform.md §5), with no procedure.
ALTER TABLE background_job DROP CONSTRAINT background_job_type_check;
ALTER TABLE background_job ADD CONSTRAINT background_job_type_check
    CHECK (type IN ('bulk_create_process', 'bulk_update_process', 'campaign_recipients'));
ALTER TABLE background_job ALTER COLUMN procedure_id DROP NOT NULL;
ALTER TABLE background_job ADD COLUMN result jsonb;

-- Opt-outs: the numbers of a team that asked for no marketing messages.
CREATE TABLE opt_out (
    team_id      uuid        NOT NULL REFERENCES team (id),
    phone_number text        NOT NULL,
    reason       text,
    source       text        NOT NULL CHECK (source IN ('API', 'KEYWORD', 'INBOX')),
    created_at   timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
    PRIMARY KEY (team_id, phone_number)
);
CREATE INDEX opt_out_created ON opt_out (team_id, created_at DESC, phone_number);

ALTER TABLE team ADD COLUMN opt_out_keywords text[] NOT NULL DEFAULT ARRAY['STOP', 'UNSUBSCRIBE'];
ALTER TABLE team ADD COLUMN opt_in_keywords text[] NOT NULL DEFAULT ARRAY['START'];
ALTER TABLE team ADD COLUMN opt_out_blocks_marketing boolean NOT NULL DEFAULT false;

-- The new privilege of the public campaign pair, for the roles that hold every privilege today.
UPDATE role SET privileges = array_append(privileges, 'campaign:enroll')
    WHERE 'admin' = ANY (privileges) OR short_id = 'manager';
