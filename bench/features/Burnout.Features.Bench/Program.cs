using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Burnout.Features.Csv;
using Burnout.Features.Daily;
using Burnout.Features.Simulation;

// Usage: Burnout.Features.Bench features <daily_activity.csv>
//        Burnout.Features.Bench generate <students> <days> <seed> <out-dir>
// "features": pass 1 only parses the CSV; pass 2 parses it and computes daily-13@1 for every student-day. The
// per-feature sums let bench/features/pandas_features.py check that it computed the same numbers.
// "generate": the library call behind `Burnout.Trainer generate` (CohortSimulator into CsvActivitySink), for when
// the trainer does not build.
if (args is ["generate", var n, var d, var seed, var outDir])
{
    Directory.CreateDirectory(outDir);
    var generation = Stopwatch.StartNew();
    SimulationSummary summary;
    await using (var students = new StreamWriter(Path.Combine(outDir, "students.csv")))
    await using (var activity = new StreamWriter(Path.Combine(outDir, "daily_activity.csv"), false, new UTF8Encoding(false), 1 << 16))
    await using (var outcomes = new StreamWriter(Path.Combine(outDir, "outcomes.csv")))
    {
        var options = new SimulationOptions(int.Parse(n, CultureInfo.InvariantCulture), int.Parse(d, CultureInfo.InvariantCulture), long.Parse(seed, CultureInfo.InvariantCulture));
        summary = await new CohortSimulator(options).RunAsync(new CsvActivitySink(students, activity, outcomes));
    }

    Console.WriteLine(JsonSerializer.Serialize(new { rows = summary.ActivityRows, seconds = Math.Round(generation.Elapsed.TotalSeconds, 2), rows_per_second = Math.Round(summary.ActivityRows / generation.Elapsed.TotalSeconds) }));
    return 0;
}

if (args is not ["features", var path])
{
    Console.Error.WriteLine("usage: Burnout.Features.Bench features <daily_activity.csv> | generate <students> <days> <seed> <out-dir>");
    return 2;
}

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
