using System.Diagnostics;
using Burnout.Ml.Calibration;
using Burnout.Ml.Data;
using Burnout.Ml.Metrics;
using Burnout.Ml.Search;
using Burnout.Ml.Serialization;

namespace Burnout.Trainer.Training;

/// <summary>
/// One training run over a snapshot's rows:
/// <list type="number">
/// <item>split by student (held-out students never train), then by time (the last part of the date range is the later window);</item>
/// <item>tune every candidate by successive halving on folds grouped by student, scored by PR-AUC;</item>
/// <item>fit the tuned candidate, calibrate it (Platt) on students kept aside for that, and choose its threshold (max F1) and risk bands there;</item>
/// <item>evaluate on the held-out students, before and after the cutoff;</item>
/// <item>keep the best by held-out PR-AUC, with the lead time of its alerts.</item>
/// </list>
/// No I/O: the caller loads the rows and stores the outcome.
/// </summary>
public static class TrainingPipeline
{
    /// <param name="report">Progress from 0 to 1 and a line for the run's log.</param>
    public static TrainingOutcome Run(
        TrainingRows rows, IReadOnlyList<CandidateLearner> candidates, TrainingOptions options, Action<double, string> report, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(candidates.Count);
        var split = Split(rows, options);
        report(0.02, $"{rows.Count:N0} labelled rows of {rows.Students.Distinct().Count():N0} students; cutoff {split.Cutoff:yyyy-MM-dd}; " +
            $"{split.Fit.Length:N0} rows to fit, {split.Calibration.Length:N0} to calibrate, {split.HeldOut.Length:N0} held out, {split.Later.Length:N0} in the later window.");
        RequireBothClasses(rows, split.Fit, "the training rows");
        RequireBothClasses(rows, split.Calibration, "the calibration rows");

        var fit = rows.Matrix(split.Fit);
        var fitGroups = split.Fit.Select(i => rows.Students[i]).ToArray();
        var calibration = rows.Matrix(split.Calibration);
        var heldOut = rows.Matrix(split.HeldOut);
        var later = rows.Matrix(split.Later);

        var results = new List<(CandidateResult Result, Ml.Models.IBinaryClassifier Model, IProbabilityCalibrator Calibrator)>();
        for (var c = 0; c < candidates.Count; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var learner = candidates[c];
            var stopwatch = Stopwatch.StartNew();
            var trials = HyperparameterSearch.SuccessiveHalving(fit, fitGroups, learner.Space, p => learner.Create(p, options.Seed), new SearchOptions
            {
                Candidates = options.SearchCandidates,
                Folds = options.SearchFolds,
                Seed = options.Seed,
                Score = (labels, probabilities) => RankingMetrics.AveragePrecision(labels, probabilities),
            });
            var best = trials[0];
            var model = learner.Create(best.Parameters, options.Seed).Fit(fit);
            var calibrator = PlattCalibrator.Fit(calibration.RequireLabels(), Predict(model, calibrator: null, calibration));
            var threshold = ThresholdSelection.MaxF1(calibration.RequireLabels(), Predict(model, calibrator, calibration)).Threshold;
            var result = new CandidateResult(
                learner.Name,
                best.Parameters,
                best.MeanScore,
                threshold,
                Evaluate(heldOut, Predict(model, calibrator, heldOut), threshold),
                Evaluate(later, Predict(model, calibrator, later), threshold),
                stopwatch.Elapsed.TotalSeconds);
            results.Add((result, model, calibrator));
            report(0.05 + (0.85 * (c + 1) / candidates.Count),
                $"{learner.Name}: held-out PR-AUC {Format(result.HeldOut?.PrAuc)}, ROC-AUC {Format(result.HeldOut?.Auc)}, later-window PR-AUC {Format(result.LaterWindow?.PrAuc)} ({result.TrainSeconds:F1} s, search PR-AUC {best.MeanScore:F3}).");
        }

        var winner = results.OrderByDescending(r => r.Result.RankingScore).ThenBy(r => candidates.IndexOf(r.Result.Learner)).First();
        var calibratedOnCalibration = Predict(winner.Model, winner.Calibrator, calibration);
        var medium = ThresholdSelection.ForRecall(calibration.RequireLabels(), calibratedOnCalibration, options.MediumBandRecall).Threshold;
        var bands = RiskBands.FromThresholds(Math.Min(medium, winner.Result.Threshold), winner.Result.Threshold);
        var scoring = new ScoringModel(winner.Model, winner.Calibrator, winner.Result.Threshold, bands);

        var allHeldOut = split.HeldOut.Concat(split.Later).ToArray();
        var leadTime = LeadTimeAnalysis.Compute(
            [.. allHeldOut.Select(i => rows.Students[i])],
            [.. allHeldOut.Select(i => rows.Days[i])],
            rows.Matrix(allHeldOut).RequireLabels(),
            Predict(winner.Model, winner.Calibrator, rows.Matrix(allHeldOut)));
        report(1.0, $"best: {winner.Result.Learner} (held-out PR-AUC {Format(winner.Result.HeldOut?.PrAuc)}); " +
            $"{leadTime.FlaggedInWindow:P0} of {leadTime.BurnoutStudents} held-out burnout students flagged 14-28 days before onset at {leadTime.FalseAlarmRate:P1} false alarms.");

        var recent = winner.Result.LaterWindow is null ? allHeldOut : split.Later;
        return new TrainingOutcome([.. results.Select(r => r.Result)], winner.Result, scoring, leadTime, split.Cutoff,
            split.Fit.Length, split.Calibration.Length, split.HeldOut.Length, split.Later.Length, recent);
    }

    private static int IndexOf(this IReadOnlyList<CandidateLearner> candidates, string name) =>
        candidates.Select((c, i) => (c, i)).First(x => x.c.Name == name).i;

    private sealed record Splits(DateOnly Cutoff, int[] Fit, int[] Calibration, int[] HeldOut, int[] Later);

    private static Splits Split(TrainingRows rows, TrainingOptions options)
    {
        var random = new Random(options.Seed);
        var students = rows.Students.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        random.Shuffle(students);
        var heldOutCount = (int)Math.Round(students.Length * options.HeldOutStudents);
        var heldOut = students.Take(heldOutCount).ToHashSet(StringComparer.Ordinal);
        var training = students.Skip(heldOutCount).ToArray();
        var calibration = training.Take((int)Math.Round(training.Length * options.CalibrationStudents)).ToHashSet(StringComparer.Ordinal);

        var first = rows.Days.Min().DayNumber;
        var last = rows.Days.Max().DayNumber;
        var cutoff = DateOnly.FromDayNumber(first + (int)Math.Floor((last - first) * (1 - options.LaterWindow)));

        // Training students' later days are left out altogether: their earlier labels already looked into them.
        return new Splits(
            cutoff,
            rows.Where(i => !heldOut.Contains(rows.Students[i]) && !calibration.Contains(rows.Students[i]) && rows.Days[i] <= cutoff),
            rows.Where(i => calibration.Contains(rows.Students[i]) && rows.Days[i] <= cutoff),
            rows.Where(i => heldOut.Contains(rows.Students[i]) && rows.Days[i] <= cutoff),
            rows.Where(i => heldOut.Contains(rows.Students[i]) && rows.Days[i] > cutoff));
    }

    private static float[] Predict(Ml.Models.IBinaryClassifier model, IProbabilityCalibrator? calibrator, FeatureMatrix rows)
    {
        var probabilities = new float[rows.Rows];
        model.PredictProbabilities(rows, probabilities);
        if (calibrator is null)
        {
            return probabilities;
        }
        var calibrated = new float[rows.Rows];
        calibrator.Calibrate(probabilities, calibrated);
        return calibrated;
    }

    private static BinaryClassificationReport? Evaluate(FeatureMatrix rows, float[] probabilities, double threshold)
    {
        var labels = rows.RequireLabels();
        return labels.Contains(1f) && labels.Contains(0f) ? BinaryClassificationReport.Compute(labels, probabilities, threshold) : null;
    }

    private static void RequireBothClasses(TrainingRows rows, int[] selection, string what)
    {
        if (!selection.Any(i => rows.Labels[i] > 0.5f) || !selection.Any(i => rows.Labels[i] < 0.5f))
        {
            throw new InvalidDataException($"{what} hold a single class ({selection.Length} rows); the snapshot needs students who burn out and students who do not.");
        }
    }

    private static string Format(double? value) => value is { } v ? v.ToString("F3", System.Globalization.CultureInfo.InvariantCulture) : "n/a";
}
