using System.Globalization;
using Burnout.Ml.Data;

namespace Burnout.Ml.Bench;

/// <summary>Reads a numeric CSV with a header row into a <see cref="FeatureMatrix"/> (empty cell = missing).</summary>
internal static class CsvMatrix
{
    public static FeatureMatrix Read(string path, string labelColumn)
    {
        using var reader = new StreamReader(path);
        var header = (reader.ReadLine() ?? throw new InvalidDataException($"{path} is empty.")).Split(',');
        var labelIndex = Array.IndexOf(header, labelColumn);
        if (labelIndex < 0)
        {
            throw new InvalidDataException($"{path} has no column '{labelColumn}'.");
        }

        var names = header.Where((_, i) => i != labelIndex).ToArray();
        var values = new List<float>();
        var labels = new List<float>();
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            for (var i = 0; i < cells.Length; i++)
            {
                var v = cells[i].Length == 0 ? float.NaN : float.Parse(cells[i], CultureInfo.InvariantCulture);
                if (i == labelIndex)
                {
                    labels.Add(v);
                }
                else
                {
                    values.Add(v);
                }
            }
        }

        return new FeatureMatrix(FeatureSchema.AllNumeric(names), [.. values], labels.Count, [.. labels]);
    }
}
