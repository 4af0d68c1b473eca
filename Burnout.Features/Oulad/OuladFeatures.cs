namespace Burnout.Features.Oulad;

/// <summary>
/// The behavioural layer of the dual-layer design on OULAD: the 17-feature full set and the 7-feature early set.
/// Formulas: docs/features.md. Both are computed as of a cutoff day c and read only data strictly before c.
/// </summary>
public static class OuladFeatures
{
    /// <summary>The early set sees at most the first four weeks.</summary>
    public const int EarlyCutoffDay = 28;

    /// <summary>imd_band codes, in the dataset's own spelling ("10-20" has no percent sign in OULAD).</summary>
    public static IReadOnlyList<string> ImdBands { get; } =
        ["0-10%", "10-20%", "20-30%", "30-40%", "40-50%", "50-60%", "60-70%", "70-80%", "80-90%", "90-100%"];

    public static FeatureSet Full { get; } = new(
        "oulad-full-17",
        1,
        [
            FeatureColumn.Numeric("total_clicks"),
            FeatureColumn.Numeric("forum_clicks"),
            FeatureColumn.Numeric("active_days"),
            FeatureColumn.Numeric("login_frequency"),
            FeatureColumn.Numeric("session_intensity"),
            FeatureColumn.Numeric("late_submission_rate"),
            FeatureColumn.Numeric("mean_days_late"),
            FeatureColumn.Numeric("score_mean"),
            FeatureColumn.Numeric("score_min"),
            FeatureColumn.Numeric("score_trend"),
            FeatureColumn.Numeric("engagement_decline_rate"),
            FeatureColumn.Numeric("peak_activity_week"),
            FeatureColumn.Numeric("activity_std"),
            FeatureColumn.Numeric("early_dropout_flag"),
            new FeatureColumn("imd_band", ImdBands),
            FeatureColumn.Numeric("num_of_prev_attempts"),
            FeatureColumn.Numeric("studied_credits"),
        ]);

    public static FeatureSet Early { get; } = new(
        "oulad-early-7",
        1,
        [
            FeatureColumn.Numeric("total_clicks"),
            FeatureColumn.Numeric("forum_clicks"),
            FeatureColumn.Numeric("active_days"),
            FeatureColumn.Numeric("login_frequency"),
            FeatureColumn.Numeric("session_intensity"),
            FeatureColumn.Numeric("activity_std"),
            FeatureColumn.Numeric("engagement_decline_rate"),
        ]);

    /// <summary>The full set's column of each early feature.</summary>
    internal static int[] EarlyFromFull { get; } = Early.Columns.Select(c => Full.IndexOf(c.Name)).ToArray();

    /// <summary>The imd_band code, or NaN when missing. Accepts OULAD's "10-20" for "10-20%".</summary>
    public static float ImdCode(string? band)
    {
        if (string.IsNullOrEmpty(band))
        {
            return float.NaN;
        }

        var normalized = band.EndsWith('%') ? band : band + "%";
        for (var i = 0; i < ImdBands.Count; i++)
        {
            if (string.Equals(ImdBands[i], normalized, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new FormatException($"'{band}' is not an OULAD imd_band.");
    }
}
