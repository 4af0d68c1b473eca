using Burnout.Ml.Data;
using Burnout.Ml.Trees.Boosting;
using Burnout.Ml.Trees.Forest;

namespace Burnout.Ml.Tests.Trees;

/// <summary>
/// Batch scoring walks several rows down each tree in lockstep and skips the missing-value test for
/// blocks without NaN; whatever the block holds, it must give exactly what one-row scoring gives.
/// </summary>
public class BatchScoringTests
{
    [Fact]
    public void Boosted_batch_margins_equal_row_by_row_margins_with_and_without_missing_values()
    {
        var model = new GradientBoostedTreesTrainer(new GradientBoostedTreesOptions { Iterations = 30, Threads = 2 })
            .Train(TreeTestData.Mixed(3000, seed: 31));
        var rows = ScoringRows();
        var margins = new double[rows.Rows];
        model.PredictMargins(rows, margins);

        for (var i = 0; i < rows.Rows; i++)
        {
            Assert.Equal(model.PredictMargin(rows.Row(i)), margins[i]);
        }

        // The rows really reach different leaves: a constant answer would also pass the loop above.
        Assert.True(margins.Distinct().Count() > rows.Rows / 2);
    }

    [Fact]
    public void Forest_batch_scores_equal_row_by_row_scores()
    {
        var model = new RandomForestTrainer(new RandomForestOptions { Trees = 15, Seed = 3, Threads = 2 })
            .Train(TreeTestData.Mixed(3000, seed: 32));
        var rows = ScoringRows();
        var probabilities = new float[rows.Rows];
        model.PredictProbabilities(rows, probabilities);

        for (var i = 0; i < rows.Rows; i++)
        {
            Assert.Equal((float)model.PredictMargin(rows.Row(i)), probabilities[i]);
        }
    }

    /// <summary>
    /// 1,000 rows (not a multiple of the block or lane sizes): the first 300 have no missing value at
    /// all, so whole blocks take the NaN-free path; later rows hold NaN in numeric and categorical
    /// columns and category codes the model never saw.
    /// </summary>
    private static FeatureMatrix ScoringRows()
    {
        var source = TreeTestData.Mixed(1000, seed: 33);
        var values = (float[])source.Values.Clone();
        var columns = source.Columns;
        for (var i = 0; i < source.Rows; i++)
        {
            var row = values.AsSpan(i * columns, columns);
            if (i < 300)
            {
                row.Replace(float.NaN, 0.25f);
            }
            else if (i % 7 == 0)
            {
                row[5] = i % 2 == 0 ? float.NaN : 9f;
                row[0] = float.NaN;
            }
        }

        return new FeatureMatrix(source.Schema, values, source.Rows, source.Labels);
    }
}
