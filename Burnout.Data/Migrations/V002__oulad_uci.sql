-- Raw copies of the public data sets, kept as published so that every mapping onto the platform's own tables
-- can be re-run and audited. OULAD: Kuzilek et al. (2017), CC BY 4.0. UCI 697: Realinho et al. (2022), CC BY 4.0.

CREATE SCHEMA oulad;

CREATE TABLE oulad.courses (
    code_module text NOT NULL,
    code_presentation text NOT NULL,
    module_presentation_length integer NOT NULL,
    PRIMARY KEY (code_module, code_presentation)
);

CREATE TABLE oulad.assessments (
    code_module text NOT NULL,
    code_presentation text NOT NULL,
    id_assessment integer PRIMARY KEY,
    assessment_type text NOT NULL,
    date integer NULL,
    weight real NOT NULL
);

CREATE TABLE oulad.vle (
    id_site integer PRIMARY KEY,
    code_module text NOT NULL,
    code_presentation text NOT NULL,
    activity_type text NOT NULL,
    week_from integer NULL,
    week_to integer NULL
);

CREATE TABLE oulad.student_info (
    code_module text NOT NULL,
    code_presentation text NOT NULL,
    id_student integer NOT NULL,
    gender text NOT NULL,
    region text NOT NULL,
    highest_education text NOT NULL,
    imd_band text NULL,
    age_band text NOT NULL,
    num_of_prev_attempts integer NOT NULL,
    studied_credits integer NOT NULL,
    disability text NOT NULL,
    final_result text NOT NULL,
    PRIMARY KEY (code_module, code_presentation, id_student)
);

CREATE TABLE oulad.student_registration (
    code_module text NOT NULL,
    code_presentation text NOT NULL,
    id_student integer NOT NULL,
    date_registration integer NULL,
    date_unregistration integer NULL,
    PRIMARY KEY (code_module, code_presentation, id_student)
);

CREATE TABLE oulad.student_assessment (
    id_assessment integer NOT NULL,
    id_student integer NOT NULL,
    date_submitted integer NOT NULL,
    is_banked smallint NOT NULL,
    score real NULL,
    PRIMARY KEY (id_assessment, id_student)
);

-- No key: the click log holds repeated (student, site, day) rows by design.
CREATE TABLE oulad.student_vle (
    code_module text NOT NULL,
    code_presentation text NOT NULL,
    id_student integer NOT NULL,
    id_site integer NOT NULL,
    date integer NOT NULL,
    sum_click integer NOT NULL
);

CREATE INDEX student_vle_student_idx ON oulad.student_vle (code_module, code_presentation, id_student, date);

-- One row per imported file: what was read, how many rows, and whether the source is complete.
CREATE TABLE oulad.import_log (
    table_name text PRIMARY KEY,
    source_file text NOT NULL,
    source_sha256 text NOT NULL,
    row_count bigint NOT NULL,
    imported_at timestamptz NOT NULL DEFAULT now()
);

-- Course runs whose click log ends well before the run does (the published prefix is cut mid-run).
CREATE TABLE oulad.truncated_presentations (
    code_module text NOT NULL,
    code_presentation text NOT NULL,
    last_click_day integer NOT NULL,
    presentation_length integer NOT NULL,
    PRIMARY KEY (code_module, code_presentation)
);

CREATE SCHEMA uci;

-- "Predict Students' Dropout and Academic Success": one row per student, features known at enrolment and
-- semester aggregates. Stored as the published columns (snake_case) plus the target.
CREATE TABLE uci.students (
    row_number integer PRIMARY KEY,
    features jsonb NOT NULL,
    target text NOT NULL CHECK (target IN ('Dropout', 'Enrolled', 'Graduate'))
);
