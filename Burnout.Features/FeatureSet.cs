namespace Burnout.Features;

/// <summary>One column of a <see cref="FeatureSet"/>.</summary>
/// <param name="Name">snake_case name, as in the API contract and docs/features.md.</param>
/// <param name="Categories">For categorical columns, the label of each code (code i is Categories[i]); empty for numeric ones.</param>
public sealed record FeatureColumn(string Name, IReadOnlyList<string> Categories)
{
    public bool IsCategorical => Categories.Count > 0;

    public static FeatureColumn Numeric(string name) => new(name, []);
}

/// <summary>
/// A named, versioned, ordered list of features. The version changes whenever a formula, a window or the order
/// changes, so that a model trained on <c>daily-13@1</c> never receives values computed another way.
/// </summary>
public sealed record FeatureSet(string Id, int Version, IReadOnlyList<FeatureColumn> Columns)
{
    /// <summary>The key models and snapshots record, e.g. <c>daily-13@1</c>.</summary>
    public string Key => $"{Id}@{Version}";

    public int Count => Columns.Count;

    public IReadOnlyList<string> Names => Columns.Select(c => c.Name).ToArray();

    public int IndexOf(string name)
    {
        for (var i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public override string ToString() => Key;
}
