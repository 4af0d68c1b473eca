using Burnout.Ml.Data;

namespace Burnout.Ml.Drift;

/// <summary>One feature's drift result.</summary>
public sealed record FeatureDrift(string Feature, FeatureKind Kind, DriftResult Result);

/// <summary>
/// Drift of every feature between a reference and a current matrix with the same schema, each feature tested with
/// <see cref="DriftDetector"/>'s automatic choice. Like Evidently's dataset drift, the dataset counts as drifted
/// when at least <see cref="DriftShareThreshold"/> of its features drifted.
/// </summary>
public sealed record DatasetDrift(IReadOnlyList<FeatureDrift> Features, double DriftShare, bool Drifted)
{
    /// <summary>Evidently's default share of drifted columns for dataset drift.</summary>
    public const double DriftShareThreshold = 0.5;

    public static DatasetDrift Compute(FeatureMatrix reference, FeatureMatrix current)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        reference.Schema.EnsureCompatible(current.Schema);
        var results = new List<FeatureDrift>(reference.Columns);
        var referenceColumn = new float[reference.Rows];
        var currentColumn = new float[current.Rows];
        for (var j = 0; j < reference.Columns; j++)
        {
            for (var i = 0; i < reference.Rows; i++)
            {
                referenceColumn[i] = reference[i, j];
            }

            for (var i = 0; i < current.Rows; i++)
            {
                currentColumn[i] = current[i, j];
            }

            var feature = reference.Schema[j];
            results.Add(new FeatureDrift(feature.Name, feature.Kind, DriftDetector.Detect(feature.Kind, referenceColumn, currentColumn)));
        }

        var share = results.Count == 0 ? 0 : (double)results.Count(r => r.Result.Drifted) / results.Count;
        return new DatasetDrift(results, share, share >= DriftShareThreshold);
    }
}
