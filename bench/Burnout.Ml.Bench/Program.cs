using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Burnout.Ml.Bench;
using Burnout.Ml.Models;
using Burnout.Ml.Trees.Boosting;
using Burnout.Ml.Trees.Forest;

// Usage: --train TRAIN.csv --test TEST.csv [--label label] [--model gbdt|forest] [--seed 7] [--threads 2]
//        [--iterations 200] [--trees 100] [--repeat-predict 3]
var arguments = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a[2..], p => p.i + 1 < args.Length ? args[p.i + 1] : "");
string Arg(string name, string fallback) => arguments.TryGetValue(name, out var v) ? v : fallback;
int IntArg(string name, int fallback) => int.Parse(Arg(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

var label = Arg("label", "label");
var train = CsvMatrix.Read(Arg("train", ""), label);
var test = CsvMatrix.Read(Arg("test", ""), label);
var model = Arg("model", "gbdt");
var seed = IntArg("seed", 7);
var threads = IntArg("threads", 2);

IBinaryClassifierTrainer trainer = model switch
{
    "gbdt" => new GradientBoostedTreesTrainer(new GradientBoostedTreesOptions
    {
        Iterations = IntArg("iterations", 200), MaxLeaves = 31, LearningRate = 0.1, MaxBins = 255, Seed = seed, Threads = threads,
    }),
    "forest" => new RandomForestTrainer(new RandomForestOptions { Trees = IntArg("trees", 100), Seed = seed, Threads = threads }),
    _ => throw new ArgumentException($"Unknown model '{model}'."),
};

var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
var clock = Stopwatch.StartNew();
IBinaryClassifier classifier;
if (arguments.TryGetValue("load-state", out var loadPath) && model == "gbdt")
{
    // Prediction profiling: reuse a saved boosted model instead of training.
    var state = JsonSerializer.Deserialize<GradientBoostedTreesState>(File.ReadAllText(loadPath))!;
    classifier = GradientBoostedTreesModel.FromState(train.Schema, state);
    ((GradientBoostedTreesModel)classifier).ScoringThreads = threads;
}
else
{
    classifier = trainer.Fit(train);
}

var trainSeconds = clock.Elapsed.TotalSeconds;
var trainCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
if (arguments.TryGetValue("save-state", out var savePath) && classifier is GradientBoostedTreesModel boosted)
{
    File.WriteAllText(savePath, JsonSerializer.Serialize(boosted.ToState()));
}

var probabilities = new float[test.Rows];
var best = double.MaxValue;
var repeats = IntArg("repeat-predict", 3);
var predictCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
for (var r = 0; r < repeats; r++)
{
    clock.Restart();
    classifier.PredictProbabilities(test, probabilities);
    best = Math.Min(best, clock.Elapsed.TotalSeconds);
}

var predictCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - predictCpuBefore).TotalSeconds / repeats;
var labels = test.RequireLabels();
var (logLoss, brier, accuracy, f1) = BenchMetrics.Pointwise(labels, probabilities);
Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
{
    ["model"] = model,
    ["train_rows"] = train.Rows,
    ["test_rows"] = test.Rows,
    ["features"] = train.Columns,
    ["train_seconds"] = Math.Round(trainSeconds, 3),
    ["train_cpu_seconds"] = Math.Round(trainCpuSeconds, 3),
    ["predict_rows_per_second"] = Math.Round(test.Rows / best),
    ["predict_rows_per_cpu_second"] = Math.Round(test.Rows / predictCpuSeconds),
    ["auc"] = Math.Round(BenchMetrics.RocAuc(labels, probabilities), 5),
    ["pr_auc"] = Math.Round(BenchMetrics.PrAuc(labels, probabilities), 5),
    ["logloss"] = Math.Round(logLoss, 5),
    ["brier"] = Math.Round(brier, 5),
    ["accuracy"] = Math.Round(accuracy, 5),
    ["f1"] = Math.Round(f1, 5),
}));
