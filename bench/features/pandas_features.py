"""daily-13@1 with pandas groupby/rolling, the reference for the C# batch path (docs/features.md).

Usage: /usr/bin/python3 pandas_features.py daily_activity.csv
Prints one JSON line: timings and per-feature sums (compare with Burnout.Features.Bench).
Assumes the dense grid `generate` writes (one row per student per day); every window is a sum over the trailing
7 or 14 rows with min_periods=1, which equals the C# semantics (days before the first row count as zero).
"""
import json
import sys
import time

import numpy as np
import pandas as pd

path = sys.argv[1]
t0 = time.perf_counter()
df = pd.read_csv(
    path,
    dtype={
        'student_id': 'str', 'logins': 'int32', 'session_minutes': 'float32', 'resources_accessed': 'int32',
        'forum_posts': 'int32', 'clicks': 'int32', 'assignments_due': 'int32', 'assignments_submitted': 'int32',
        'submission_delay_hours': 'float32', 'late_night_share': 'float32', 'weekend_share': 'float32',
    },
    parse_dates=['day'],
    engine='c',
)
t_read = time.perf_counter() - t0

t1 = time.perf_counter()
df.sort_values(['student_id', 'day'], inplace=True, kind='stable')
df.reset_index(drop=True, inplace=True)
sub = df['assignments_submitted'].astype('float64')
clicks = df['clicks'].astype('float64')
work = pd.DataFrame({
    'student_id': df['student_id'],
    'logins': df['logins'].astype('float64'),
    'minutes': df['session_minutes'].astype('float64'),
    'forum': df['forum_posts'].astype('float64'),
    'resources': df['resources_accessed'].astype('float64'),
    'due': df['assignments_due'].astype('float64'),
    'submitted': sub,
    'delay_w': df['submission_delay_hours'].astype('float64') * sub,
    'late_sub': np.where(df['submission_delay_hours'] > 0, sub, 0.0),
    'clicks': clicks,
    'night_w': df['late_night_share'].astype('float64') * clicks,
    'weekend_w': df['weekend_share'].astype('float64') * clicks,
    'clicks_sq': clicks * clicks,
})
g = work.groupby('student_id', sort=False)
cols7 = ['logins', 'minutes', 'forum', 'resources', 'due', 'submitted', 'delay_w', 'late_sub', 'clicks', 'night_w', 'weekend_w']
s7 = g[cols7].rolling(7, min_periods=1).sum().reset_index(drop=True)
s14 = g[['clicks', 'clicks_sq']].rolling(14, min_periods=1).sum().reset_index(drop=True)

active = ((df['logins'] > 0) | (df['clicks'] > 0) | (df['session_minutes'] > 0) | (df['resources_accessed'] > 0)
          | (df['forum_posts'] > 0) | (df['assignments_submitted'] > 0))
day_index = (df['day'] - pd.Timestamp('1970-01-01')).dt.days
last_active = day_index.where(active).groupby(df['student_id'], sort=False).ffill()
streak = np.minimum(day_index - last_active, 28).fillna(28)


def ratio(num, den):
    return np.where(den > 0, num / np.where(den > 0, den, 1), 0.0)


prev7 = s14['clicks'] - s7['clicks']
mean14 = s14['clicks'] / 14
sd14 = np.sqrt(np.maximum(s14['clicks_sq'] / 14 - mean14 * mean14, 0))
features = pd.DataFrame({
    'login_count': s7['logins'],
    'avg_session_duration_min': ratio(s7['minutes'], s7['logins']),
    'inactive_days_streak': streak,
    'forum_posts': s7['forum'],
    'resources_accessed': s7['resources'],
    'assignments_due': s7['due'],
    'assignments_submitted': s7['submitted'],
    'submission_delay_hours': ratio(s7['delay_w'], s7['submitted']),
    'late_submission_ratio_7d': ratio(s7['late_sub'], s7['submitted']),
    'late_night_activity_ratio': np.clip(ratio(s7['night_w'], s7['clicks']), 0, 1),
    'weekend_activity_ratio': np.clip(ratio(s7['weekend_w'], s7['clicks']), 0, 1),
    'engagement_drop_pct_14d': np.where(prev7 > 0, np.clip(100 * (prev7 - s7['clicks']) / np.where(prev7 > 0, prev7, 1), -100, 100), 0.0),
    'consistency_score': np.where(mean14 > 0, np.clip(1 - sd14 / np.where(mean14 > 0, mean14, 1), 0, 1), 0.0),
}).astype('float32')
t_features = time.perf_counter() - t1

print(json.dumps({
    'rows': int(len(df)),
    'read_seconds': round(t_read, 2),
    'read_rows_per_second': round(len(df) / t_read),
    'features_seconds': round(t_features, 2),
    'features_rows_per_second': round(len(df) / t_features),
    'total_seconds': round(t_read + t_features, 2),
    'pandas': pd.__version__,
    'feature_sums': {c: float(features[c].astype('float64').sum()) for c in features.columns},
}))
