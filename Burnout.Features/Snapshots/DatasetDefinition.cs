using System.Text;
using System.Text.Json;

namespace Burnout.Features.Snapshots;

/// <summary>
/// What a dataset is: which features, which label, which days and which students. Together with its rows it
/// determines the snapshot hash.
/// </summary>
/// <param name="Name">Human name, e.g. "synthetic-seed-42".</param>
/// <param name="FeatureSet">Feature set key, e.g. <c>daily-13@1</c>.</param>
/// <param name="Label">Label key, e.g. <c>burnout-onset-21d@1</c>.</param>
/// <param name="From">First as-of day included.</param>
/// <param name="To">Last as-of day included.</param>
/// <param name="Population">Who is in it, e.g. "all students of cohort course-A".</param>
public sealed record DatasetDefinition(string Name, string FeatureSet, string Label, DateOnly From, DateOnly To, string Population)
{
    /// <summary>Compact JSON with a fixed property order and invariant rendering; part of the hashed content.</summary>
    public string ToCanonicalJson()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            json.WriteString("name", Name);
            json.WriteString("feature_set", FeatureSet);
            json.WriteString("label", Label);
            json.WriteString("from", Csv.CsvFormat.Date(From));
            json.WriteString("to", Csv.CsvFormat.Date(To));
            json.WriteString("population", Population);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}

/// <summary>One row of a dataset: a student-day, its features and its label (null when the label is undefined).</summary>
public sealed record DatasetRow(string StudentId, DateOnly Day, float[] Features, float? Label);
