namespace Burnout.Ml.Data;

/// <summary>One column of a <see cref="FeatureSchema"/>.</summary>
/// <param name="Name">The column's name, unique within the schema.</param>
/// <param name="Kind">Numeric or categorical.</param>
/// <param name="Categories">For categorical columns, the label of each code (code i is Categories[i]); empty otherwise.</param>
public sealed record FeatureDefinition(string Name, FeatureKind Kind, IReadOnlyList<string> Categories)
{
    public static FeatureDefinition Numeric(string name) => new(name, FeatureKind.Numeric, []);

    public static FeatureDefinition Categorical(string name, IReadOnlyList<string> categories) =>
        new(name, FeatureKind.Categorical, categories);
}

/// <summary>
/// The ordered names and kinds of a model's inputs. A model carries its schema, so it can refuse
/// features it was not trained on, naming the first one that does not match.
/// </summary>
public sealed class FeatureSchema : IEquatable<FeatureSchema>
{
    private readonly Dictionary<string, int> _indexByName;

    public FeatureSchema(IEnumerable<FeatureDefinition> features)
    {
        Features = features.ToArray();
        _indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Features.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Features[i].Name))
            {
                throw new ArgumentException($"Feature {i} has no name.", nameof(features));
            }

            if (!_indexByName.TryAdd(Features[i].Name, i))
            {
                throw new ArgumentException($"Feature '{Features[i].Name}' appears twice.", nameof(features));
            }
        }
    }

    public IReadOnlyList<FeatureDefinition> Features { get; }

    public int Count => Features.Count;

    public FeatureDefinition this[int index] => Features[index];

    public static FeatureSchema AllNumeric(IEnumerable<string> names) => new(names.Select(FeatureDefinition.Numeric));

    public int IndexOf(string name) => _indexByName.TryGetValue(name, out var index) ? index : -1;

    /// <summary>
    /// Throws <see cref="SchemaMismatchException"/> naming the first feature that differs from this schema,
    /// by position, name or kind.
    /// </summary>
    public void EnsureCompatible(FeatureSchema actual)
    {
        for (var i = 0; i < Math.Max(Count, actual.Count); i++)
        {
            if (i >= actual.Count)
            {
                throw new SchemaMismatchException(Features[i].Name, $"feature '{Features[i].Name}' is missing");
            }

            if (i >= Count)
            {
                throw new SchemaMismatchException(actual[i].Name, $"feature '{actual[i].Name}' is not part of the model's schema");
            }

            if (!string.Equals(Features[i].Name, actual[i].Name, StringComparison.Ordinal))
            {
                throw new SchemaMismatchException(
                    actual[i].Name,
                    $"feature {i} is '{actual[i].Name}' but the model expects '{Features[i].Name}'");
            }

            if (Features[i].Kind != actual[i].Kind)
            {
                throw new SchemaMismatchException(
                    actual[i].Name,
                    $"feature '{actual[i].Name}' is {actual[i].Kind} but the model expects {Features[i].Kind}");
            }
        }
    }

    public bool Equals(FeatureSchema? other) =>
        other is not null
        && Count == other.Count
        && Features.Zip(other.Features).All(pair => pair.First.Name == pair.Second.Name && pair.First.Kind == pair.Second.Kind);

    public override bool Equals(object? obj) => Equals(obj as FeatureSchema);

    public override int GetHashCode() => Features.Aggregate(Count, (hash, f) => HashCode.Combine(hash, f.Name, f.Kind));
}

/// <summary>Features given to a model do not match the schema it was trained on.</summary>
public sealed class SchemaMismatchException(string featureName, string message) : Exception(message)
{
    public string FeatureName { get; } = featureName;
}
