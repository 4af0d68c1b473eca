using Burnout.Ml.Data;

namespace Burnout.Ml.Trees.Binning;

/// <summary>
/// The training rows as byte bins, row-major (row i's bins are at i * Columns), so one cache line
/// carries a whole row when a histogram pass visits the rows of a leaf.
/// </summary>
internal sealed class BinnedMatrix
{
    private BinnedMatrix(FeatureBinning[] features, byte[] bins, int rows)
    {
        Features = features;
        Bins = bins;
        Rows = rows;
    }

    public FeatureBinning[] Features { get; }

    public byte[] Bins { get; }

    public int Rows { get; }

    public int Columns => Features.Length;

    /// <summary>Upper bound on sample rows used to place quantile thresholds (as scikit-learn's 2e5).</summary>
    public const int BinningSampleRows = 200_000;

    /// <summary>Largest number of value bins a feature can have: one byte holds them plus the missing bin.</summary>
    public const int MaxValueBins = 255;

    public static FeatureBinning[] FitBinnings(FeatureMatrix data, int maxBins, int seed, int threads)
    {
        if (maxBins is < 2 or > MaxValueBins)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBins), maxBins, $"must be in 2..{MaxValueBins}");
        }

        // Categorical features first, on this thread: they need no sample and no sort, and a feature with too
        // many categories then fails as an ArgumentException rather than inside a parallel loop's AggregateException.
        var binnings = new FeatureBinning[data.Columns];
        for (var f = 0; f < data.Columns; f++)
        {
            var definition = data.Schema[f];
            if (definition.Kind != FeatureKind.Categorical)
            {
                continue;
            }

            var count = definition.Categories.Count;
            if (count == 0)
            {
                // Codes without labels: take the largest code seen.
                var max = -1;
                for (var i = 0; i < data.Rows; i++)
                {
                    var v = data[i, f];
                    if (FeatureBinning.IsCategoryCode(v, MaxValueBins))
                    {
                        max = Math.Max(max, (int)v);
                    }
                }

                count = max + 1;
            }

            if (count > MaxValueBins)
            {
                throw new ArgumentException(
                    $"Categorical feature '{definition.Name}' has {count} categories; trees support at most {MaxValueBins}.");
            }

            binnings[f] = FeatureBinning.Categorical(count);
        }

        var sampleRows = SampleRows(data.Rows, BinningSampleRows, seed);
        Parallel.For(0, data.Columns, new ParallelOptions { MaxDegreeOfParallelism = threads }, f =>
        {
            if (data.Schema[f].Kind == FeatureKind.Categorical)
            {
                return;
            }

            var values = new float[sampleRows.Length];
            var n = 0;
            foreach (var row in sampleRows)
            {
                var v = data[row, f];
                if (!float.IsNaN(v))
                {
                    values[n++] = v;
                }
            }

            Array.Sort(values, 0, n);
            binnings[f] = FeatureBinning.Numeric(values.AsSpan(0, n), maxBins);
        });
        return binnings;
    }

    public static BinnedMatrix Create(FeatureMatrix data, FeatureBinning[] binnings, int threads)
    {
        var columns = data.Columns;
        var bins = new byte[(long)data.Rows * columns];
        var values = data.Values;
        const int block = 4096;
        var blocks = (data.Rows + block - 1) / block;
        Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads }, b =>
        {
            var end = Math.Min(data.Rows, (b + 1) * block);
            for (var i = b * block; i < end; i++)
            {
                var offset = i * columns;
                for (var f = 0; f < columns; f++)
                {
                    bins[offset + f] = binnings[f].BinOf(values[offset + f]);
                }
            }
        });
        return new BinnedMatrix(binnings, bins, data.Rows);
    }

    private static int[] SampleRows(int rows, int max, int seed)
    {
        if (rows <= max)
        {
            return Enumerable.Range(0, rows).ToArray();
        }

        // A seeded partial Fisher–Yates shuffle, sorted back so reads stay sequential.
        var all = Enumerable.Range(0, rows).ToArray();
        var random = new Random(seed);
        for (var i = 0; i < max; i++)
        {
            var j = random.Next(i, rows);
            (all[i], all[j]) = (all[j], all[i]);
        }

        var sample = all.AsSpan(0, max).ToArray();
        Array.Sort(sample);
        return sample;
    }
}
