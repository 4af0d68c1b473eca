using System.Globalization;
using System.Text;
using System.Text.Json;
using Burnout.Trainer.Cli;
using Burnout.Trainer.Cli.Evaluate;
using Burnout.Trainer.Learners.LightGbm;

namespace Burnout.Trainer.Tests;

public sealed class EvaluateCommandTests : IDisposable
{
    private readonly TempCsv _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Separable_data_gives_an_auc_of_one_and_every_field()
    {
        var train = _files.Write("train.csv", Separable(200, seed: 1));
        var test = _files.Write("test.csv", Separable(100, seed: 2));

        var (code, stdout, stderr) = await Run("--train", train, "--test", test, "--label", "y", "--model", "logistic");

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal("logistic", root.GetProperty("model").GetString());
        Assert.Equal(200, root.GetProperty("train_rows").GetInt32());
        Assert.Equal(100, root.GetProperty("test_rows").GetInt32());
        Assert.Equal(3, root.GetProperty("features").GetInt32());
        Assert.Equal(1.0, root.GetProperty("auc").GetDouble());
        Assert.Equal(1.0, root.GetProperty("pr_auc").GetDouble());
        Assert.Equal(1.0, root.GetProperty("accuracy").GetDouble());
        Assert.Equal(1.0, root.GetProperty("f1").GetDouble());
        Assert.InRange(root.GetProperty("logloss").GetDouble(), 0, 0.3);
        Assert.InRange(root.GetProperty("brier").GetDouble(), 0, 0.1);
        Assert.True(root.GetProperty("train_seconds").GetDouble() >= 0);
        Assert.True(root.GetProperty("predict_rows_per_second").GetDouble() > 0);
    }

    [Theory]
    [InlineData("gbdt")]
    [InlineData("forest")]
    public async Task Tree_models_run_too(string model)
    {
        var train = _files.Write("train.csv", Separable(300, seed: 3));
        var test = _files.Write("test.csv", Separable(100, seed: 4));

        var (code, stdout, stderr) = await Run("--train", train, "--test", test, "--label", "y", "--model", model, "--threads", "1");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(model, json.RootElement.GetProperty("model").GetString());
        Assert.InRange(json.RootElement.GetProperty("auc").GetDouble(), 0.99, 1.0);
    }

    [Fact]
    public async Task Categorical_text_columns_are_encoded_not_rejected()
    {
        // The colour decides the label; the numeric column is noise.
        var rows = new StringBuilder("colour,noise,y\n");
        for (var i = 0; i < 120; i++)
        {
            rows.Append(CultureInfo.InvariantCulture, $"{(i % 3 == 0 ? "red" : i % 3 == 1 ? "green" : "blue")},{(i * 37 % 11) / 10.0},{(i % 3 == 0 ? 1 : 0)}\n");
        }

        var train = _files.Write("train.csv", rows.ToString());
        var test = _files.Write("test.csv", "colour,noise,y\nred,0.5,1\ngreen,0.1,0\nblue,0.9,0\nred,0.2,1\npurple,0.3,0\n");

        var (code, stdout, stderr) = await Run("--train", train, "--test", test, "--label", "y", "--model", "logistic");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(2, json.RootElement.GetProperty("features").GetInt32());
        Assert.Equal(1.0, json.RootElement.GetProperty("auc").GetDouble());
    }

    [Fact]
    public async Task Semicolons_byte_order_mark_and_quoted_fields_are_read()
    {
        var content = "\"first; value\";\"x\"\"quoted\"\"\";label\n" + string.Concat(Enumerable.Range(0, 40).Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"{i};\"{(i % 2 == 0 ? "a;b" : "c\nd")}\";{(i >= 20 ? 1 : 0)}\n")));
        var train = _files.Write("train.csv", content, bom: true);

        var (code, stdout, stderr) = await Run("--train", train, "--test", train, "--label", "label", "--model", "logistic");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(40, json.RootElement.GetProperty("train_rows").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("features").GetInt32());
        Assert.Equal(1.0, json.RootElement.GetProperty("auc").GetDouble());
    }

    [Fact]
    public async Task A_missing_label_column_is_named()
    {
        var train = _files.Write("train.csv", Separable(20, seed: 1));
        await AssertUsageError(["--train", train, "--test", train, "--label", "outcome"], "label column 'outcome'");
    }

    [Fact]
    public async Task A_non_numeric_cell_in_a_numeric_test_column_names_row_and_column()
    {
        var train = _files.Write("train.csv", Separable(20, seed: 1));
        var test = _files.Write("test.csv", "a,b,c,y\n1,2,3,0\n4,oops,6,1\n");
        await AssertUsageError(["--train", train, "--test", test, "--label", "y", "--model", "logistic"], "test.csv line 3 (data row 2), column 'b': 'oops' is not a number");
    }

    [Fact]
    public async Task A_categorical_column_with_too_many_categories_for_trees_is_a_usage_error()
    {
        var rows = new StringBuilder("id,y\n");
        for (var i = 0; i < 300; i++)
        {
            rows.Append("s").Append(i).Append(',').Append(i % 2).Append('\n');
        }

        var train = _files.Write("train.csv", rows.ToString());
        await AssertUsageError(["--train", train, "--test", train, "--label", "y", "--model", "gbdt"], "Categorical feature 'id' has 300 categories; trees support at most 255");
    }

    [Fact]
    public async Task A_label_that_is_not_zero_or_one_is_named()
    {
        var train = _files.Write("train.csv", "a,y\n1,0\n2,1\n3,2\n");
        await AssertUsageError(["--train", train, "--test", train, "--label", "y"], "train.csv line 4, label column 'y': '2' is not 0 or 1");
    }

    [Fact]
    public async Task One_class_only_is_refused()
    {
        var train = _files.Write("train.csv", "a,y\n1,0\n2,0\n3,0\n");
        await AssertUsageError(["--train", train, "--test", train, "--label", "y"], "holds only class 0");
    }

    [Fact]
    public async Task An_empty_file_is_refused()
    {
        var train = _files.Write("train.csv", "");
        await AssertUsageError(["--train", train, "--test", train, "--label", "y"], "train.csv: the file is empty");
    }

    [Fact]
    public async Task A_header_without_rows_is_refused()
    {
        var train = _files.Write("train.csv", "a,b,y\n");
        await AssertUsageError(["--train", train, "--test", train, "--label", "y"], "no data rows");
    }

    [Fact]
    public async Task A_missing_file_is_refused()
    {
        await AssertUsageError(["--train", "/nonexistent/train.csv", "--test", "x.csv", "--label", "y"], "cannot read the file");
    }

    [Fact]
    public async Task An_unknown_model_is_refused()
    {
        var train = _files.Write("train.csv", Separable(20, seed: 1));
        await AssertUsageError(["--train", train, "--test", train, "--label", "y", "--model", "svm"], "unknown model 'svm'");
    }

    [Fact]
    public async Task A_test_file_without_a_training_column_is_refused()
    {
        var train = _files.Write("train.csv", Separable(20, seed: 1));
        var test = _files.Write("test.csv", "a,c,y\n1,3,0\n4,6,1\n");
        await AssertUsageError(["--train", train, "--test", test, "--label", "y"], "column 'b' of the training data is missing");
    }

    [Fact]
    public async Task Lightgbm_runs_and_scores_like_the_other_tree_models()
    {
        var train = _files.Write("train.csv", Separable(300, seed: 3));
        var test = _files.Write("test.csv", Separable(100, seed: 4));

        var (code, stdout, stderr) = await Run(
            "--train", train, "--test", test, "--label", "y", "--model", "lightgbm", "--threads", "1", "--iterations", "40", "--leaves", "7");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("lightgbm", json.RootElement.GetProperty("model").GetString());
        Assert.InRange(json.RootElement.GetProperty("auc").GetDouble(), 0.99, 1.0);
    }

    [Theory]
    [InlineData("gbdt", "--iterations", "20", 10, "evaluate: gbdt 2/20 rounds (10 %)", "evaluate: gbdt 20/20 rounds (100 %)")]
    [InlineData("forest", "--trees", "5", 5, "evaluate: forest 1/5 trees (20 %)", "evaluate: forest 5/5 trees (100 %)")]
    public async Task Rounds_and_trees_come_from_the_command_line_and_show_progress_per_tenth(
        string model, string option, string count, int lines, string first, string last)
    {
        var train = _files.Write("train.csv", Separable(200, seed: 5));

        var (code, _, stderr) = await Run("--train", train, "--test", train, "--label", "y", "--model", model, option, count, "--threads", "2");

        Assert.Equal(0, code);
        var progress = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines, progress.Length);
        Assert.Equal(first, progress[0]);
        Assert.Equal(last, progress[^1]);
    }

    [Fact]
    public async Task Gbdt_takes_its_learning_rate_and_bins_from_the_command_line()
    {
        var train = _files.Write("train.csv", Separable(200, seed: 6));

        var (code, stdout, stderr) = await Run("--train", train, "--test", train, "--label", "y", "--learning-rate", "0.3", "--max-bins", "16", "--leaves", "4");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.InRange(json.RootElement.GetProperty("auc").GetDouble(), 0.99, 1.0);
    }

    [Fact]
    public void Hyperparameters_reach_the_lightgbm_learner()
    {
        var arguments = EvaluateArguments.Parse(
            ["--train", "a.csv", "--test", "b.csv", "--label", "y", "--model", "lightgbm", "--seed", "9", "--threads", "1",
             "--iterations", "7", "--leaves", "5", "--learning-rate", "0.25", "--max-bins", "63"]);

        var trainer = Assert.IsType<LightGbmTrainer>(EvaluateModels.Create(arguments, TextWriter.Null));

        Assert.Equal(new LightGbmOptions { Iterations = 7, MaxLeaves = 5, LearningRate = 0.25, MaxBins = 63, Seed = 9, Threads = 1 }, trainer.Options);
    }

    [Theory]
    [InlineData("--iterations", "0", "--iterations must be a whole number of at least 1, not '0'")]
    [InlineData("--iterations", "ten", "--iterations must be a whole number of at least 1, not 'ten'")]
    [InlineData("--leaves", "1", "--leaves must be a whole number of at least 2, not '1'")]
    [InlineData("--learning-rate", "0", "--learning-rate must be a positive number, not '0'")]
    [InlineData("--learning-rate", "NaN", "--learning-rate must be a positive number, not 'NaN'")]
    [InlineData("--max-bins", "256", "--max-bins must be a whole number from 2 to 255, not '256'")]
    [InlineData("--trees", "-3", "--trees must be a whole number of at least 1, not '-3'")]
    [InlineData("--threads", "0", "--threads must be a whole number of at least 1, not '0'")]
    public async Task A_bad_hyperparameter_is_named(string option, string value, string expected)
    {
        var train = _files.Write("train.csv", Separable(20, seed: 1));
        await AssertUsageError(["--train", train, "--test", train, "--label", "y", option, value], expected);
    }

    [Theory]
    [InlineData("gbdt", "--trees", "5")]
    [InlineData("lightgbm", "--trees", "5")]
    [InlineData("forest", "--iterations", "5")]
    [InlineData("logistic", "--learning-rate", "0.1")]
    public async Task A_hyperparameter_the_model_does_not_have_is_refused(string model, string option, string value)
    {
        var train = _files.Write("train.csv", Separable(20, seed: 1));
        await AssertUsageError(["--train", train, "--test", train, "--label", "y", "--model", model, option, value], $"{option} does not apply to --model {model}");
    }

    [Fact]
    public async Task Lightgbm_refuses_a_categorical_column_by_name()
    {
        var train = _files.Write("train.csv", "colour,x,y\nred,1,1\nblue,2,0\nred,3,1\nblue,4,0\n");
        await AssertUsageError(["--train", train, "--test", train, "--label", "y", "--model", "lightgbm"], "Categorical feature 'colour'");
    }

    private async Task AssertUsageError(string[] args, string expected)
    {
        var (code, stdout, stderr) = await Run(args);

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains(expected, lines[0]);
        Assert.StartsWith("evaluate: ", lines[0]);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await TrainerCommandLine.RunAsync(["evaluate", .. args], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Three numeric columns a, b, c and label y = 1 exactly when a + b > 1 (c is noise).</summary>
    private static string Separable(int rows, int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder("a,b,c,y\n");
        for (var i = 0; i < rows; i++)
        {
            var a = random.NextDouble();
            var b = random.NextDouble();
            var label = a + b > 1 ? 1 : 0;

            // Keep a margin around the boundary so the classes are cleanly separable.
            var shift = label == 1 ? 0.3 : -0.3;
            text.Append(CultureInfo.InvariantCulture, $"{a + shift:F4},{b + shift:F4},{random.NextDouble():F4},{label}\n");
        }

        return text.ToString();
    }
}
