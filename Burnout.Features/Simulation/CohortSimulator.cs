using Burnout.Features.Domain;

namespace Burnout.Features.Simulation;

/// <summary>
/// Privacy-safe synthetic cohorts. Each student has a latent engagement that stays near 1 while engaged, decays over
/// the 18–28 days before a burnout onset (strained) to a burnt-out floor, and for some recovers later. Daily
/// behaviour is drawn from it with noise: a weekly rhythm, deadline spikes, late-night drift, forum silence and
/// growing submission delays. The model and its constants: docs/data.md.
/// </summary>
public sealed class CohortSimulator
{
    private const double BurntOutEngagement = 0.2;
    private const double OnsetEngagement = 0.3;

    private readonly SimulationOptions _options;
    private readonly int _idDigits;

    public CohortSimulator(SimulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _idDigits = Math.Max(6, options.Students.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
    }

    public SimulationOptions Options => _options;

    /// <summary>The pseudonymous id of the student with the given index; ordinal order equals index order.</summary>
    public string StudentId(int index) => "S" + (index + 1).ToString(new string('0', _idDigits), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Every student in index order, generated lazily on the calling thread.</summary>
    public IEnumerable<SimulatedStudent> Students()
    {
        for (var i = 0; i < _options.Students; i++)
        {
            yield return GenerateStudent(i);
        }
    }

    /// <summary>
    /// Generates the whole cohort into <paramref name="sink"/>, block by block: the next block is generated on the
    /// thread pool while the current one is written, so at most two blocks are in memory.
    /// </summary>
    public async Task<SimulationSummary> RunAsync(IActivitySink sink, IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var blockSize = _options.BlockSize;
        var blocks = (_options.Students + blockSize - 1) / blockSize;
        long rows = 0;
        int written = 0, burnout = 0, withdrawn = 0;

        var next = Task.Run(() => GenerateBlock(0), cancellationToken);
        for (var b = 0; b < blocks; b++)
        {
            var block = await next.ConfigureAwait(false);
            if (b + 1 < blocks)
            {
                var nextIndex = b + 1;
                next = Task.Run(() => GenerateBlock(nextIndex), cancellationToken);
            }

            var students = new Student[block.Length];
            var outcomes = new StudentOutcome[block.Length];
            var activity = new List<DailyActivity>(block.Length * _options.Days);
            for (var i = 0; i < block.Length; i++)
            {
                students[i] = block[i].Student;
                outcomes[i] = block[i].Outcome;
                activity.AddRange(block[i].Activity);
                burnout += block[i].Outcome.BurnoutOnset is null ? 0 : 1;
                withdrawn += block[i].Outcome.WithdrawalDate is null ? 0 : 1;
            }

            await sink.WriteStudentsAsync(students, cancellationToken).ConfigureAwait(false);
            await sink.WriteActivityAsync(activity, cancellationToken).ConfigureAwait(false);
            await sink.WriteOutcomesAsync(outcomes, cancellationToken).ConfigureAwait(false);
            rows += activity.Count;
            written += block.Length;
            progress?.Report(new SimulationProgress(written, _options.Students, rows));
        }

        await sink.CompleteAsync(cancellationToken).ConfigureAwait(false);
        return new SimulationSummary(written, rows, burnout, withdrawn);
    }

    private SimulatedStudent[] GenerateBlock(int block)
    {
        var first = block * _options.BlockSize;
        var count = Math.Min(_options.BlockSize, _options.Students - first);
        var result = new SimulatedStudent[count];
        Parallel.For(
            0,
            count,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism },
            i => result[i] = GenerateStudent(first + i));
        return result;
    }

    /// <summary>Generates one student from (seed, index) alone.</summary>
    public SimulatedStudent GenerateStudent(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var o = _options;
        var days = o.Days;
        var rng = Rng.ForStream(o.Seed, index);
        var id = StudentId(index);

        // Traits, always drawn in this order so every scenario sees the same students.
        var course = rng.Int(0, o.Courses);
        var activityLevel = Math.Exp(0.35 * rng.Normal());
        var activeProbability = rng.Uniform(0.65, 0.92);
        var chronotype = rng.Uniform(0.03, 0.20);
        var forumRate = rng.Uniform(0.03, 0.35);
        var weekendPreference = rng.Uniform(0.25, 0.7);
        var diligence = rng.NextDouble();
        var burnsOut = rng.Bernoulli(o.BurnoutRate);
        var onset = rng.Int(Math.Min(49, days / 2), days);
        var declineDays = rng.Int(18, 29);
        var recovers = rng.Bernoulli(0.3);
        var recoveryStart = onset + rng.Int(14, 36);
        var withdrawsAfterBurnout = rng.Bernoulli(0.4);
        var withdrawalAfterOnset = rng.Int(3, 29);
        var withdrawsAnyway = rng.Bernoulli(0.02);
        var withdrawalDay = rng.Int(days / 4, days);
        var dipDraw = rng.NextDouble();
        var dipStart = rng.Int(0, days);
        var dipDepth = rng.Uniform(0.15, 0.35);
        var dipDays = rng.Int(7, 22);
        var deepDipDepth = rng.Uniform(0.6, 0.75);
        var deepDipDays = rng.Int(18, 29);
        var resultNoise = rng.Normal();

        if (o.Scenario == DriftScenario.PopulationShift)
        {
            chronotype += 0.25;
        }

        var withdrawal = burnsOut
            ? (withdrawsAfterBurnout && onset + withdrawalAfterOnset < days ? onset + withdrawalAfterOnset : -1)
            : (withdrawsAnyway ? withdrawalDay : -1);
        var end = withdrawal >= 0 ? withdrawal : days;

        // Latent engagement, with slow AR(1) noise on top of the trajectory.
        var engagement = new double[days];
        var noise = 0.0;
        var (hasDip, depth, dipLength, recoverLength) = o.Scenario == DriftScenario.ConceptChange
            ? (dipDraw < 0.45, deepDipDepth, deepDipDays, 21)
            : (dipDraw < 0.15, dipDepth, dipDays, dipDays);
        // Under concept change, students who will burn out show only a shallow decline before the onset.
        var onsetEngagement = o.Scenario == DriftScenario.ConceptChange ? 0.75 : OnsetEngagement;
        for (var t = 0; t < days; t++)
        {
            double e;
            if (burnsOut)
            {
                e = BurnoutTrajectory(t, onset, declineDays, recovers, recoveryStart, onsetEngagement);
            }
            else if (hasDip)
            {
                e = DipTrajectory(t, dipStart, dipLength, recoverLength, depth);
            }
            else
            {
                e = 1.0;
            }

            noise = (0.8 * noise) + (0.04 * rng.Normal());
            engagement[t] = Math.Clamp(e + noise, 0.05, 1.1);
        }

        // Deadlines every 14 days, staggered by course; submissions planned from the engagement at the deadline.
        var due = new int[days];
        var submitted = new int[days];
        var delaySum = new double[days];
        for (var d = 10 + (3 * course); d < days && d < end; d += 14)
        {
            due[d]++;
            var e = Math.Min(1.0, engagement[d]);
            if (!rng.Bernoulli(0.98 * (0.35 + (0.65 * e))))
            {
                continue;
            }

            var lateProbability = Math.Clamp(0.05 + (0.1 * (1 - diligence)) + (0.6 * (1 - e)), 0, 1);
            if (rng.Bernoulli(lateProbability))
            {
                var delay = 1 + rng.Exponential(10 + (70 * (1 - e)));
                var day = d + (int)(delay / 24);
                if (day < end)
                {
                    submitted[day]++;
                    delaySum[day] += delay;
                }
            }
            else
            {
                var day = Math.Max(0, d - rng.Int(0, 3));
                submitted[day]++;
            }
        }

        var rows = new DailyActivity[days];
        var forumBreaks = o.Scenario == DriftScenario.BrokenFeed ? days / 2 : int.MaxValue;
        for (var t = 0; t < days; t++)
        {
            var date = o.StartDate.AddDays(t);
            if (t >= end)
            {
                rows[t] = DailyActivity.Empty(id, date);
                continue;
            }

            var e = engagement[t];
            var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            var rhythm = weekend
                ? weekendPreference * (1 + (0.8 * Math.Max(0, 1 - e)))
                : date.DayOfWeek == DayOfWeek.Friday ? 0.85 : 1.0;
            var spike = DeadlineSpike(t, due);
            var p = Math.Min(0.98, activeProbability * rhythm * (0.1 + (0.9 * Math.Min(1, e))) * spike);
            var active = rng.Bernoulli(p) || submitted[t] > 0;
            if (!active)
            {
                rows[t] = new DailyActivity(id, date, 0, 0, 0, 0, 0, due[t], 0, 0, 0, 0);
                continue;
            }

            var dayNoise = Math.Exp(0.3 * rng.Normal());
            var logins = 1 + rng.Poisson(1.4 * activityLevel * Math.Pow(e, 1.5) * spike);
            var minutes = logins * (12 + (18 * e)) * dayNoise;
            var clicks = logins + rng.Poisson(logins * 14 * activityLevel * (0.4 + (0.6 * e)) * dayNoise);
            var resources = Math.Min(clicks, rng.Poisson(1 + (0.25 * clicks)));
            var forum = rng.Poisson(2 * forumRate * e * e);
            var lateNight = Math.Clamp(chronotype + (0.4 * Math.Max(0, 1 - e)) + (0.05 * rng.Normal()), 0, 1);
            if (t >= forumBreaks)
            {
                forum = 0;
            }

            var delayHours = submitted[t] > 0 ? delaySum[t] / submitted[t] : 0;
            rows[t] = new DailyActivity(
                id,
                date,
                logins,
                Round(minutes, 1),
                resources,
                forum,
                clicks,
                due[t],
                submitted[t],
                Round(delayHours, 1),
                Round(lateNight, 3),
                weekend ? 1f : 0f);
        }

        var meanEngagement = 0.0;
        for (var t = 0; t < end; t++)
        {
            meanEngagement += engagement[t] / end;
        }

        var mark = meanEngagement + (0.08 * resultNoise) + (0.05 * diligence);
        FinalResult result = withdrawal >= 0 ? FinalResult.Withdrawn
            : mark > 1.0 ? FinalResult.Distinction
            : mark > 0.75 ? FinalResult.Pass
            : FinalResult.Fail;

        var outcome = new StudentOutcome(
            id,
            burnsOut ? o.StartDate.AddDays(onset) : null,
            withdrawal >= 0 ? o.StartDate.AddDays(withdrawal) : null,
            result);
        var student = new Student(id, $"course-{(char)('A' + course)}", o.StartDate);
        return new SimulatedStudent(student, rows, outcome);
    }

    private static double BurnoutTrajectory(int t, int onset, int declineDays, bool recovers, int recoveryStart, double onsetEngagement)
    {
        var declineStart = onset - declineDays;
        if (t < declineStart)
        {
            return 1.0;
        }

        if (t < onset)
        {
            // Concave: the first signs show early, as strain builds, rather than only just before the onset.
            var progress = Math.Pow((double)(t - declineStart + 1) / declineDays, 0.7);
            return 1.0 - ((1.0 - onsetEngagement) * progress);
        }

        if (recovers && t >= recoveryStart)
        {
            return Math.Min(0.75, BurntOutEngagement + (0.55 * (t - recoveryStart) / 21.0));
        }

        return BurntOutEngagement;
    }

    private static double DipTrajectory(int t, int start, int declineDays, int recoverDays, double depth)
    {
        if (t < start)
        {
            return 1.0;
        }

        if (t < start + declineDays)
        {
            return 1.0 - (depth * (t - start + 1) / declineDays);
        }

        if (t < start + declineDays + recoverDays)
        {
            return 1.0 - (depth * (1.0 - ((double)(t - start - declineDays + 1) / recoverDays)));
        }

        return 1.0;
    }

    private static double DeadlineSpike(int t, int[] due)
    {
        for (var k = 0; k <= 3 && t + k < due.Length; k++)
        {
            if (due[t + k] > 0)
            {
                return k == 0 ? 1.15 : 1.35;
            }
        }

        return 1.0;
    }

    private static float Round(double value, int digits) => (float)Math.Round(value, digits, MidpointRounding.ToEven);
}
