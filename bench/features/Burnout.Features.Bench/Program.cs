using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Burnout.Features.Csv;
using Burnout.Features.Daily;

// Usage: Burnout.Features.Bench <daily_activity.csv>
// Pass 1 only parses the CSV; pass 2 parses it and computes daily-13@1 for every student-day. The per-feature sums let
// bench/features/pandas_features.py check that it computed the same numbers.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Burnout.Features.Bench <daily_activity.csv>");
    return 2;
}

var path = args[0];
static StreamReader Open(string path) =>
    new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan), Encoding.UTF8, false, 1 << 20);

var parse = Stopwatch.StartNew();
long parsed = 0;
using (var reader = Open(path))
{
    foreach (var _ in DailyActivityCsv.Read(reader))
    {
        parsed++;
    }
}

parse.Stop();

var sums = new double[DailyFeatures.Count];
var features = Stopwatch.StartNew();
long studentDays;
using (var reader = Open(path))
{
    studentDays = DailyFeatureCalculator.ComputeBatch(DailyActivityCsv.Read(reader), (_, _, f) =>
    {
        for (var i = 0; i < f.Length; i++)
        {
            sums[i] += f[i];
        }
    });
}

features.Stop();

var result = new Dictionary<string, object>
{
    ["rows"] = parsed,
    ["student_days"] = studentDays,
    ["parse_seconds"] = Math.Round(parse.Elapsed.TotalSeconds, 2),
    ["parse_rows_per_second"] = Math.Round(parsed / parse.Elapsed.TotalSeconds),
    ["features_seconds"] = Math.Round(features.Elapsed.TotalSeconds, 2),
    ["features_rows_per_second"] = Math.Round(studentDays / features.Elapsed.TotalSeconds),
    ["feature_sums"] = DailyFeatures.Set.Names.Zip(sums).ToDictionary(p => p.First, p => p.Second),
};
Console.WriteLine(JsonSerializer.Serialize(result));
return 0;
