namespace Burnout.Ml.Drift;

internal static class DriftInputs
{
    /// <summary>The sample without NaN, sorted ascending.</summary>
    public static float[] SortedFinite(ReadOnlySpan<float> values)
    {
        var kept = new List<float>(values.Length);
        foreach (var v in values)
        {
            if (!float.IsNaN(v))
            {
                kept.Add(v);
            }
        }

        var array = kept.ToArray();
        Array.Sort(array);
        return array;
    }

    /// <summary>Counts per distinct non-NaN value over the union of both samples, in ascending value order.</summary>
    public static (float[] Values, double[] Reference, double[] Current) Frequencies(ReadOnlySpan<float> reference, ReadOnlySpan<float> current)
    {
        var counts = new SortedDictionary<float, (double Reference, double Current)>();
        foreach (var v in reference)
        {
            if (!float.IsNaN(v))
            {
                counts[v] = counts.TryGetValue(v, out var c) ? (c.Reference + 1, c.Current) : (1, 0);
            }
        }

        foreach (var v in current)
        {
            if (!float.IsNaN(v))
            {
                counts[v] = counts.TryGetValue(v, out var c) ? (c.Reference, c.Current + 1) : (0, 1);
            }
        }

        return (counts.Keys.ToArray(), counts.Values.Select(c => c.Reference).ToArray(), counts.Values.Select(c => c.Current).ToArray());
    }
}
