-- Student activity: who the students are, what they did each day, how they were assessed and how it ended.
-- Counts are non-negative and ratios lie in [0, 1]; the api validates the same rules first so that a bad
-- batch is reported field by field, and these constraints stop anything that slips past it.

CREATE TABLE students (
    student_id      text PRIMARY KEY,
    cohort          text NOT NULL,
    start_date      date NOT NULL,
    gender          text NULL,
    age_band        text NULL,
    region          text NULL,
    imd_band        text NULL,
    highest_education text NULL,
    disability      boolean NULL,
    previous_attempts integer NULL CHECK (previous_attempts >= 0),
    studied_credits integer NULL CHECK (studied_credits >= 0),
    source          text NOT NULL DEFAULT 'api',
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX students_cohort_idx ON students (cohort);

CREATE TABLE daily_activity (
    student_id              text NOT NULL REFERENCES students (student_id) ON DELETE CASCADE,
    day                     date NOT NULL,
    logins                  integer NOT NULL CHECK (logins >= 0),
    session_minutes         real NOT NULL CHECK (session_minutes >= 0),
    resources_accessed      integer NOT NULL CHECK (resources_accessed >= 0),
    forum_posts             integer NOT NULL CHECK (forum_posts >= 0),
    clicks                  integer NOT NULL CHECK (clicks >= 0),
    assignments_due         integer NOT NULL CHECK (assignments_due >= 0),
    assignments_submitted   integer NOT NULL CHECK (assignments_submitted >= 0),
    submission_delay_hours  real NOT NULL CHECK (submission_delay_hours >= 0),
    late_night_share        real NOT NULL CHECK (late_night_share BETWEEN 0 AND 1),
    weekend_share           real NOT NULL CHECK (weekend_share BETWEEN 0 AND 1),
    ingested_at             timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (student_id, day)
);

CREATE INDEX daily_activity_day_idx ON daily_activity (day);

CREATE TABLE assessments (
    student_id      text NOT NULL REFERENCES students (student_id) ON DELETE CASCADE,
    assessment_id   text NOT NULL,
    due_date        date NULL,
    submitted_date  date NULL,
    score           real NULL CHECK (score BETWEEN 0 AND 100),
    weight          real NULL CHECK (weight >= 0),
    PRIMARY KEY (student_id, assessment_id)
);

-- Outcomes arrive weeks after the activity that predicts them; every column but the key is optional.
CREATE TABLE outcomes (
    student_id      text PRIMARY KEY REFERENCES students (student_id) ON DELETE CASCADE,
    burnout_onset   date NULL,
    withdrawal_date date NULL,
    final_result    text NULL CHECK (final_result IN ('Pass', 'Distinction', 'Fail', 'Withdrawn')),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
