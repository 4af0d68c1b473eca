-- What the trainer asks MLflow to record goes here first, so that nothing is lost while MLflow is down or
-- absent; Burnout.Trainer.Tracking.OutboxDispatcher delivers it in entry_id order once MLflow answers.

CREATE TABLE tracking_outbox (
    entry_id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Our name for the run (or registry stream) the call belongs to; MLflow's ids only exist after delivery.
    run_key          text NOT NULL,
    call_type        text NOT NULL,
    call             jsonb NOT NULL,
    -- An artifact's bytes, kept out of the JSON so that they are neither base64'd nor parsed.
    content          bytea NULL,
    state            text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts         integer NOT NULL DEFAULT 0,
    last_error       text NULL,
    enqueued_at      timestamptz NOT NULL,
    last_attempt_at  timestamptz NULL,
    delivered_at     timestamptz NULL
);

-- The dispatcher's "next pending entry" and the status's count and oldest age read only this.
CREATE INDEX tracking_outbox_pending_idx ON tracking_outbox (entry_id) WHERE state = 'pending';

-- Our run key to the run MLflow created for it; written in the transaction that marks the StartRun delivered.
CREATE TABLE tracking_runs (
    run_key        text PRIMARY KEY,
    experiment_id  text NOT NULL,
    mlflow_run_id  text NOT NULL,
    artifact_uri   text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- Our model version to the version MLflow numbered it, so an alias can name it and a resend does not register it twice.
CREATE TABLE tracking_model_versions (
    model_name      text NOT NULL,
    local_version   integer NOT NULL,
    mlflow_version  text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (model_name, local_version)
);
