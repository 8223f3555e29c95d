-- Background jobs (platform.md §5): bulk create and bulk update of processes, one entry per item.

CREATE TABLE background_job (
    id                uuid PRIMARY KEY DEFAULT uuidv7(),
    team_id           uuid        NOT NULL REFERENCES team (id),
    type              text        NOT NULL CHECK (type IN ('bulk_create_process', 'bulk_update_process')),
    procedure_id      uuid        NOT NULL,
    completion_status text        NOT NULL DEFAULT 'NOT_STARTED'
                                  CHECK (completion_status IN ('NOT_STARTED', 'IN_PROGRESS', 'COMPLETED', 'FAILED')),
    status_message    text,
    created_at        timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
    updated_at        timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
    started_at        timestamptz,
    completed_at      timestamptz,
    UNIQUE (team_id, id),
    FOREIGN KEY (team_id, procedure_id) REFERENCES procedure (team_id, id)
);

-- The entry table is also the work queue: workers claim NOT_STARTED entries in index order with
-- FOR UPDATE SKIP LOCKED, and flip them to SUCCESS or ERROR in the transaction that writes their
-- processes. `worker` names the server instance that did an entry (diagnostics, and the tests that
-- check two instances shared a job). No foreign keys (to the job, to the process): storing 100 000
-- entries, and flipping them, would pay for 100 000 more index probes each time; only this code writes
-- entries, always under their job.
CREATE TABLE background_job_entry (
    job_id            uuid        NOT NULL,
    idx               integer     NOT NULL,
    id                uuid        NOT NULL DEFAULT uuidv7(),
    team_id           uuid        NOT NULL,
    completion_status text        NOT NULL CHECK (completion_status IN ('INVALID', 'NOT_STARTED', 'SUCCESS', 'ERROR')),
    input             jsonb,
    process_id        uuid,
    errors            jsonb,
    worker            text,
    updated_at        timestamptz,
    PRIMARY KEY (job_id, idx)
);
-- What is left to do, in order: the claim query and the "is the job finished" check read only this.
CREATE INDEX background_job_entry_todo ON background_job_entry (job_id, idx) WHERE completion_status = 'NOT_STARTED';
-- Paging with a completionStatus filter and the per-status counts read the job's range of the primary
-- key: one more index on the status would be written by every flip of every entry.

-- db-scheduler's table (its PostgreSQL schema): durable task executions shared by every server instance.
CREATE TABLE scheduled_tasks (
    task_name            text                     NOT NULL,
    task_instance        text                     NOT NULL,
    task_data            bytea,
    execution_time       timestamp with time zone NOT NULL,
    picked               boolean                  NOT NULL,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint                   NOT NULL,
    priority             smallint,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX scheduled_tasks_execution_time ON scheduled_tasks (execution_time);
CREATE INDEX scheduled_tasks_last_heartbeat ON scheduled_tasks (last_heartbeat);
CREATE INDEX scheduled_tasks_priority_execution_time ON scheduled_tasks (priority DESC, execution_time ASC);
