-- Materialised training sets. A snapshot is immutable: its rows, its definition and the SHA-256 of both
-- (see Burnout.Features.Snapshots.DatasetSnapshot), so that a model's MLflow run can name exactly what it saw.

CREATE TABLE dataset_snapshots (
    snapshot_id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            text NOT NULL,
    definition      jsonb NOT NULL,
    feature_set     text NOT NULL,
    label           text NOT NULL,
    feature_names   text[] NOT NULL,
    content_hash    text NOT NULL,
    row_count       bigint NOT NULL,
    positive_count  bigint NOT NULL,
    validation      jsonb NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

-- The same definition over the same data is the same snapshot: materialising it again finds this one.
CREATE UNIQUE INDEX dataset_snapshots_content_hash_idx ON dataset_snapshots (content_hash);

CREATE TABLE dataset_snapshot_rows (
    snapshot_id     bigint NOT NULL REFERENCES dataset_snapshots (snapshot_id) ON DELETE CASCADE,
    student_id      text NOT NULL,
    day             date NOT NULL,
    features        real[] NOT NULL,
    label           real NULL,
    PRIMARY KEY (snapshot_id, student_id, day)
);
