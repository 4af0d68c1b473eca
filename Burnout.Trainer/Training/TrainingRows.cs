using Burnout.Features.Snapshots;
using Burnout.Ml.Data;

namespace Burnout.Trainer.Training;

/// <summary>
/// The labelled rows of a snapshot in the learning library's shape, with the student and the day of each row kept
/// beside them, because splits are by student and by time and the lead time is counted in days.
/// </summary>
public sealed class TrainingRows
{
    private TrainingRows(FeatureSchema schema, string[] students, DateOnly[] days, float[] values, float[] labels)
    {
        Schema = schema;
        Students = students;
        Days = days;
        Values = values;
        Labels = labels;
    }

    public FeatureSchema Schema { get; }

    public string[] Students { get; }

    public DateOnly[] Days { get; }

    public float[] Values { get; }

    public float[] Labels { get; }

    public int Count => Students.Length;

    /// <summary>Rows whose label is not known yet (the horizon runs past the data) cannot be learned from, and are left out.</summary>
    public static TrainingRows From(IReadOnlyList<string> featureNames, IEnumerable<DatasetRow> rows)
    {
        var schema = FeatureSchema.AllNumeric(featureNames);
        var labelled = rows.Where(r => r.Label is not null).ToList();
        var values = new float[labelled.Count * schema.Count];
        for (var i = 0; i < labelled.Count; i++)
        {
            if (labelled[i].Features.Length != schema.Count)
            {
                throw new InvalidDataException($"Row {i} of student {labelled[i].StudentId} has {labelled[i].Features.Length} features, not {schema.Count}.");
            }
            labelled[i].Features.CopyTo(values, i * schema.Count);
        }
        return new TrainingRows(
            schema,
            [.. labelled.Select(r => r.StudentId)],
            [.. labelled.Select(r => r.Day)],
            values,
            [.. labelled.Select(r => r.Label!.Value)]);
    }

    /// <summary>The indexes of the rows that satisfy <paramref name="keep"/>, in order.</summary>
    public int[] Where(Func<int, bool> keep) => [.. Enumerable.Range(0, Count).Where(keep)];

    public FeatureMatrix Matrix(int[] rows)
    {
        var values = new float[rows.Length * Schema.Count];
        var labels = new float[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            Values.AsSpan(rows[i] * Schema.Count, Schema.Count).CopyTo(values.AsSpan(i * Schema.Count));
            labels[i] = Labels[rows[i]];
        }
        return new FeatureMatrix(Schema, values, rows.Length, labels);
    }
}
