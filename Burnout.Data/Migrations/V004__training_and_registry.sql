-- Training runs and the model registry. PostgreSQL is the source of truth for serving: MLflow mirrors it
-- through the trainer's outbox, but the api reads its champions from here.

CREATE TABLE training_runs (
    run_id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    problem         text NOT NULL,
    snapshot_id     bigint NULL REFERENCES dataset_snapshots (snapshot_id),
    definition      jsonb NULL,
    candidates      text[] NOT NULL,
    reason          text NOT NULL,
    state           text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
    progress        real NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 1),
    log             text[] NOT NULL DEFAULT '{}',
    metrics         jsonb NULL,
    comparison      jsonb NULL,
    model_version   integer NULL,
    error           text NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    started_at      timestamptz NULL,
    finished_at     timestamptz NULL,
    CHECK (snapshot_id IS NOT NULL OR definition IS NOT NULL)
);

CREATE INDEX training_runs_queued_idx ON training_runs (run_id) WHERE state = 'queued';

CREATE TABLE model_versions (
    problem         text NOT NULL,
    version         integer NOT NULL CHECK (version > 0),
    run_id          bigint NOT NULL REFERENCES training_runs (run_id),
    learner         text NOT NULL,
    snapshot_hash   text NOT NULL,
    model           text NOT NULL,
    metrics         jsonb NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (problem, version)
);

CREATE TABLE model_aliases (
    problem         text NOT NULL,
    alias           text NOT NULL CHECK (alias IN ('champion', 'challenger')),
    version         integer NOT NULL,
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (problem, alias),
    FOREIGN KEY (problem, version) REFERENCES model_versions (problem, version)
);

-- Every decision about the champion, the gate's refusals included, with who made it and why.
CREATE TABLE model_promotions (
    promotion_id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    problem         text NOT NULL,
    from_version    integer NULL,
    to_version      integer NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('gate', 'manual', 'rollback', 'first')),
    accepted        boolean NOT NULL,
    actor           text NOT NULL,
    reason          text NOT NULL,
    decided_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX model_promotions_problem_idx ON model_promotions (problem, promotion_id);
