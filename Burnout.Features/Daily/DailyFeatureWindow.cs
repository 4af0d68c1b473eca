using Burnout.Features.Domain;

namespace Burnout.Features.Daily;

/// <summary>
/// The rolling state both feature paths share: the last 14 days of activity in a ring indexed by day number,
/// and the inactive streak as a capped counter. Serving replays the 28 days up to the as-of day into a fresh
/// window; the batch path pushes every day of a student once. Both then call the same <see cref="Compute"/>,
/// which sums the ring in chronological order, so the two paths agree bit for bit.
/// </summary>
internal sealed class DailyFeatureWindow
{
    private const int RingSize = DailyFeatures.LongWindowDays;

    private readonly Slot[] _ring = new Slot[RingSize];
    private int _streak;
    private int _lastDayNumber;
    private bool _started;

    public DailyFeatureWindow() => Reset();

    /// <summary>Forgets everything: every earlier day counts as inactive, as a day without a row does.</summary>
    public void Reset()
    {
        Array.Clear(_ring);
        _streak = DailyFeatures.LookbackDays;
        _started = false;
    }

    /// <summary>Appends the next calendar day; <paramref name="row"/> null means no activity that day.</summary>
    public void Push(int dayNumber, DailyActivity? row)
    {
        if (_started && dayNumber != _lastDayNumber + 1)
        {
            throw new InvalidOperationException($"Days must be pushed one by one; expected day {_lastDayNumber + 1}, got {dayNumber}.");
        }

        var slot = row is null ? default : new Slot(row);
        _ring[Index(dayNumber)] = slot;
        _streak = slot.Active ? 0 : Math.Min(_streak + 1, DailyFeatures.LookbackDays);
        _lastDayNumber = dayNumber;
        _started = true;
    }

    /// <summary>Writes the 13 features as of the last pushed day.</summary>
    public void Compute(Span<float> features)
    {
        if (!_started)
        {
            throw new InvalidOperationException("No day has been pushed.");
        }

        if (features.Length < DailyFeatures.Count)
        {
            throw new ArgumentException($"Need room for {DailyFeatures.Count} features.", nameof(features));
        }

        var t = _lastDayNumber;
        long logins = 0, forum = 0, resources = 0, due = 0, submitted = 0, lateSubmitted = 0, clicks = 0, previousClicks = 0;
        double minutes = 0, delayWeighted = 0, lateNightWeighted = 0, weekendWeighted = 0;

        for (var k = RingSize - 1; k >= DailyFeatures.ShortWindowDays; k--)
        {
            previousClicks += _ring[Index(t - k)].Clicks;
        }

        for (var k = DailyFeatures.ShortWindowDays - 1; k >= 0; k--)
        {
            ref readonly var s = ref _ring[Index(t - k)];
            logins += s.Logins;
            minutes += s.SessionMinutes;
            forum += s.ForumPosts;
            resources += s.Resources;
            due += s.Due;
            submitted += s.Submitted;
            delayWeighted += (double)s.DelayHours * s.Submitted;
            if (s.DelayHours > 0)
            {
                lateSubmitted += s.Submitted;
            }

            clicks += s.Clicks;
            lateNightWeighted += (double)s.LateNightShare * s.Clicks;
            weekendWeighted += (double)s.WeekendShare * s.Clicks;
        }

        features[DailyFeatures.LoginCount] = logins;
        features[DailyFeatures.AvgSessionDurationMin] = logins > 0 ? (float)(minutes / logins) : 0f;
        features[DailyFeatures.InactiveDaysStreak] = _streak;
        features[DailyFeatures.ForumPosts] = forum;
        features[DailyFeatures.ResourcesAccessed] = resources;
        features[DailyFeatures.AssignmentsDue] = due;
        features[DailyFeatures.AssignmentsSubmitted] = submitted;
        features[DailyFeatures.SubmissionDelayHours] = submitted > 0 ? (float)(delayWeighted / submitted) : 0f;
        features[DailyFeatures.LateSubmissionRatio7d] = submitted > 0 ? (float)((double)lateSubmitted / submitted) : 0f;
        features[DailyFeatures.LateNightActivityRatio] = clicks > 0 ? (float)Math.Clamp(lateNightWeighted / clicks, 0, 1) : 0f;
        features[DailyFeatures.WeekendActivityRatio] = clicks > 0 ? (float)Math.Clamp(weekendWeighted / clicks, 0, 1) : 0f;
        features[DailyFeatures.EngagementDropPct14d] = previousClicks > 0
            ? (float)Math.Clamp(100.0 * (previousClicks - clicks) / previousClicks, -100, 100)
            : 0f;
        features[DailyFeatures.ConsistencyScore] = Consistency(t, clicks + previousClicks);
    }

    private float Consistency(int t, long totalClicks)
    {
        if (totalClicks == 0)
        {
            return 0f;
        }

        var mean = (double)totalClicks / RingSize;
        double squares = 0;
        for (var k = RingSize - 1; k >= 0; k--)
        {
            var d = _ring[Index(t - k)].Clicks - mean;
            squares += d * d;
        }

        var cv = Math.Sqrt(squares / RingSize) / mean;
        return (float)Math.Clamp(1 - cv, 0, 1);
    }

    private static int Index(int dayNumber) => ((dayNumber % RingSize) + RingSize) % RingSize;

    private readonly struct Slot
    {
        public Slot(DailyActivity row)
        {
            Logins = row.Logins;
            SessionMinutes = row.SessionMinutes;
            Resources = row.ResourcesAccessed;
            ForumPosts = row.ForumPosts;
            Clicks = row.Clicks;
            Due = row.AssignmentsDue;
            Submitted = row.AssignmentsSubmitted;
            DelayHours = row.SubmissionDelayHours;
            LateNightShare = row.LateNightShare;
            WeekendShare = row.WeekendShare;
            Active = row.IsActive;
        }

        public int Logins { get; }
        public float SessionMinutes { get; }
        public int Resources { get; }
        public int ForumPosts { get; }
        public int Clicks { get; }
        public int Due { get; }
        public int Submitted { get; }
        public float DelayHours { get; }
        public float LateNightShare { get; }
        public float WeekendShare { get; }
        public bool Active { get; }
    }
}
