using Burnout.Ml.Data;
using Burnout.Ml.Linear;

namespace Burnout.Ml.Tests.Linear;

public sealed class LogisticRegressionTests
{
    [Fact]
    public void Matches_scikit_learn_on_standardised_data()
    {
        var data = SmallDeterministicSet();
        var model = new LogisticRegressionTrainer().Fit(data);

        // /usr/bin/python3, sklearn 1.2.1: LogisticRegression(C=1.0, solver="newton-cg", tol=1e-14) on
        // StandardScaler().fit_transform(X), X and y built by the same formulas as SmallDeterministicSet (X as float32).
        // liblinear agrees to 1e-9; sklearn's default lbfgs stops early here (intercept 0.158644).
        Assert.Equal(0.15864807646587806, model.Intercept, 8);
        Assert.Equal(0.7319350928765141, model.Coefficients[0], 8);
        Assert.Equal(-0.02836126599348087, model.Coefficients[1], 8);

        // Same with C = 0.05: the penalty is ‖β‖²/(2C) on the summed loss, as in scikit-learn.
        var strong = new LogisticRegressionTrainer(new LogisticRegressionOptions { C = 0.05 }).Fit(data);
        Assert.Equal(0.1492836640947068, strong.Intercept, 8);
        Assert.Equal(0.511750557911591, strong.Coefficients[0], 8);
        Assert.Equal(-0.01819667947363479, strong.Coefficients[1], 8);
    }

    [Fact]
    public void Recovers_known_raw_coefficients_from_generated_data()
    {
        double[] truth = [-0.5, 1.0, -2.0, 0.5];
        var data = Generate(40_000, truth, seed: 7);
        var model = new LogisticRegressionTrainer(new LogisticRegressionOptions { C = 1e6 }).Fit(data);

        Assert.Equal(truth[0], model.RawIntercept, 1);
        for (var k = 0; k < 3; k++)
        {
            Assert.InRange(model.RawCoefficients[k], truth[k + 1] - 0.06, truth[k + 1] + 0.06);
        }
    }

    [Fact]
    public void Newton_and_lbfgs_reach_the_same_optimum()
    {
        var data = Generate(5_000, [0.3, 0.8, -1.2, 0.1], seed: 3);
        var newton = new LogisticRegressionTrainer(new LogisticRegressionOptions { Solver = LogisticSolver.Newton }).Fit(data);
        var lbfgs = new LogisticRegressionTrainer(new LogisticRegressionOptions { Solver = LogisticSolver.Lbfgs }).Fit(data);

        Assert.Equal(newton.Intercept, lbfgs.Intercept, 6);
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(newton.Coefficients[k], lbfgs.Coefficients[k], 6);
        }
    }

    [Fact]
    public void Thread_count_does_not_change_the_model()
    {
        var data = Generate(70_000, [0.3, 0.8, -1.2, 0.1], seed: 5);
        var one = new LogisticRegressionTrainer(new LogisticRegressionOptions { Threads = 1 }).Fit(data);
        var two = new LogisticRegressionTrainer(new LogisticRegressionOptions { Threads = 2 }).Fit(data);

        Assert.Equal(one.Intercept, two.Intercept);
        Assert.Equal(one.Coefficients, two.Coefficients);
    }

    [Fact]
    public void A_sample_weight_of_two_equals_a_duplicated_row()
    {
        var data = Generate(300, [0.2, 1.0, -1.0, 0.5], seed: 11);
        var weights = new float[data.Rows];
        Array.Fill(weights, 1f);
        weights[0] = 2;
        weights[1] = 2;
        var weighted = new LogisticRegressionTrainer().Fit(data.WithWeights(weights));

        int[] rows = [.. Enumerable.Range(0, data.Rows), 0, 1];
        var duplicated = new LogisticRegressionTrainer().Fit(data.SelectRows(rows));

        Assert.Equal(duplicated.RawIntercept, weighted.RawIntercept, 8);
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(duplicated.RawCoefficients[k], weighted.RawCoefficients[k], 8);
        }
    }

    [Fact]
    public void Balanced_class_weights_raise_the_minority_probability()
    {
        var data = Generate(4_000, [-3.0, 1.0, 0.0, 0.0], seed: 13);
        var plain = new LogisticRegressionTrainer().Fit(data);
        var balanced = new LogisticRegressionTrainer(new LogisticRegressionOptions { BalanceClasses = true }).Fit(data);

        var probabilities = new float[data.Rows];
        balanced.PredictProbabilities(data, probabilities);
        Assert.True(balanced.Intercept > plain.Intercept + 1);

        // Balanced weighting makes the weighted mean prediction sit near one half.
        Assert.InRange(probabilities.Average(), 0.4, 0.6);
    }

    [Fact]
    public void Categorical_features_are_one_hot_inside_the_model()
    {
        // Category effects in log-odds: a = −1, b = 0, c = +1.5; x numeric with slope 1.
        var schema = new FeatureSchema([FeatureDefinition.Numeric("x"), FeatureDefinition.Categorical("colour", ["a", "b", "c"])]);
        var random = new Random(17);
        const int rows = 30_000;
        var values = new float[rows * 2];
        var labels = new float[rows];
        double[] effect = [-1.0, 0.0, 1.5];
        for (var i = 0; i < rows; i++)
        {
            var x = (float)((random.NextDouble() * 4) - 2);
            var code = random.Next(3);
            values[i * 2] = x;
            values[(i * 2) + 1] = code;
            labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-(x + effect[code]))) ? 1 : 0;
        }

        var model = new LogisticRegressionTrainer(new LogisticRegressionOptions { C = 1e6 }).Fit(new FeatureMatrix(schema, values, rows, labels));

        Assert.Equal(["x", "colour=a", "colour=b", "colour=c"], model.ColumnNames);
        Assert.InRange(model.RawCoefficients[0], 0.9, 1.1);

        // One-hot columns are identified only up to a shared constant: compare differences between categories.
        Assert.InRange(model.RawCoefficients[3] - model.RawCoefficients[1], 2.3, 2.7);
        Assert.InRange(model.RawCoefficients[2] - model.RawCoefficients[1], 0.8, 1.2);

        // An unseen code and a missing value both mean "no category": same margin.
        Assert.Equal(model.Margin([0.5f, 7f]), model.Margin([0.5f, float.NaN]));
    }

    [Fact]
    public void Explanations_add_up_to_the_margin()
    {
        var schema = new FeatureSchema([FeatureDefinition.Numeric("a"), FeatureDefinition.Categorical("k", ["p", "q"]), FeatureDefinition.Numeric("b")]);
        var random = new Random(19);
        const int rows = 2_000;
        var values = new float[rows * 3];
        var labels = new float[rows];
        for (var i = 0; i < rows; i++)
        {
            values[i * 3] = (float)random.NextDouble();
            values[(i * 3) + 1] = random.Next(2);
            values[(i * 3) + 2] = random.NextDouble() < 0.1 ? float.NaN : (float)(random.NextDouble() * 10);
            labels[i] = random.NextDouble() < 0.3 + (0.4 * values[i * 3]) ? 1 : 0;
        }

        var model = new LogisticRegressionTrainer().Fit(new FeatureMatrix(schema, values, rows, labels));
        Span<double> contributions = stackalloc double[3];
        float[] row = [0.9f, 1f, float.NaN];
        model.Explain(row, contributions, out var bias);

        Assert.Equal(model.Margin(row), bias + contributions[0] + contributions[1] + contributions[2], 12);
        Assert.Equal(0.0, contributions[2]);

        // The coefficient contribution of a numeric feature is β·(x − mean)/scale.
        Assert.Equal(model.Coefficients[0] * (0.9f - model.Centers[0]) / model.Scales[0], contributions[0], 12);
    }

    [Fact]
    public void Scoring_refuses_a_schema_it_was_not_trained_on()
    {
        var data = Generate(200, [0.0, 1.0, 1.0, 1.0], seed: 23);
        var model = new LogisticRegressionTrainer().Fit(data);
        var other = new FeatureMatrix(FeatureSchema.AllNumeric(["x0", "x1", "oops"]), new float[3], 1);

        var error = Assert.Throws<SchemaMismatchException>(() => model.PredictProbabilities(other, new float[1]));
        Assert.Equal("oops", error.FeatureName);
    }

    internal static FeatureMatrix SmallDeterministicSet()
    {
        const int rows = 200;
        var values = new float[rows * 2];
        var labels = new float[rows];
        for (var i = 0; i < rows; i++)
        {
            values[i * 2] = (float)((Math.Sin(i * 0.7) * 2) + 1);
            values[(i * 2) + 1] = (float)(Math.Cos(i * 1.3) * 5);
            labels[i] = (i * 7919 % 13) < (values[i * 2] > 1 ? 9 : 4) ? 1 : 0;
        }

        return new FeatureMatrix(FeatureSchema.AllNumeric(["x1", "x2"]), values, rows, labels);
    }

    /// <summary>Rows with three numeric features on different scales and labels drawn from the given logistic model.</summary>
    internal static FeatureMatrix Generate(int rows, double[] truth, int seed)
    {
        var random = new Random(seed);
        var values = new float[rows * 3];
        var labels = new float[rows];
        double[] spread = [1, 3, 10];
        for (var i = 0; i < rows; i++)
        {
            var margin = truth[0];
            for (var k = 0; k < 3; k++)
            {
                var x = (float)(((random.NextDouble() * 2) - 1) * spread[k]);
                values[(i * 3) + k] = x;
                margin += truth[k + 1] * x / spread[k];
            }

            labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-margin)) ? 1 : 0;
        }

        // The generator's coefficients act on x / spread; rescale the truth to raw units for the caller.
        for (var k = 0; k < 3; k++)
        {
            truth[k + 1] /= spread[k];
        }

        return new FeatureMatrix(FeatureSchema.AllNumeric(["x0", "x1", "x2"]), values, rows, labels);
    }
}
