using Burnout.Ml.Data;
using Burnout.Trainer.Csv;

namespace Burnout.Trainer.Tests;

public sealed class CsvDatasetLoaderTests : IDisposable
{
    private readonly TempCsv _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Categories_get_codes_in_ordinal_order_and_unseen_test_categories_are_missing()
    {
        var train = CsvDatasetLoader.LoadTraining(
            _files.Write("train.csv", "x,kind,y\n1,pear,0\n2,apple,1\n,fig,0\n4,,1\n"), new CsvLabelOptions("y"));

        var schema = train.Features.Schema;
        Assert.Equal(FeatureKind.Numeric, schema[0].Kind);
        Assert.Equal(FeatureKind.Categorical, schema[1].Kind);
        Assert.Equal(["apple", "fig", "pear"], schema[1].Categories);
        Assert.Equal([1f, 2f, 2f, 0f, float.NaN, 1f, 4f, float.NaN], train.Features.Values);
        Assert.Equal([0f, 1f, 0f, 1f], train.Features.Labels!);
        Assert.Equal(2, train.Positives);

        // The test file has its columns in another order; "kiwi" was never seen.
        var test = CsvDatasetLoader.LoadMatching(
            _files.Write("test.csv", "y,kind,x\n1,kiwi,3\n0,fig,5\n"), schema, new CsvLabelOptions("y"));
        Assert.Equal([3f, float.NaN, 5f, 1f], test.Features.Values);
    }

    [Fact]
    public void A_column_that_turns_to_text_late_becomes_categorical_with_its_earlier_values()
    {
        var train = CsvDatasetLoader.LoadTraining(
            _files.Write("train.csv", "code,y\n10,0\n9,1\nx7,0\n"), new CsvLabelOptions("y"));

        Assert.Equal(FeatureKind.Categorical, train.Features.Schema[0].Kind);
        Assert.Equal(["10", "9", "x7"], train.Features.Schema[0].Categories);
        Assert.Equal([0f, 1f, 2f], train.Features.Values);
    }

    [Fact]
    public void A_text_cell_in_a_column_of_numbers_is_named_not_read_as_a_category()
    {
        var rows = new System.Text.StringBuilder("a,b,y\n");
        for (var i = 0; i < 40; i++)
        {
            rows.Append(i).Append(',').Append(i == 25 ? "1O.5" : (i * 0.5).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(',').Append(i % 2).Append('\n');
        }

        var error = Assert.Throws<CsvDataException>(() => CsvDatasetLoader.LoadTraining(_files.Write("typo.csv", rows.ToString()), new CsvLabelOptions("y")));

        Assert.Equal(
            "typo.csv line 27 (data row 26), column 'b': '1O.5' is not a number (39 of the column's 40 filled cells are, so it is not read as text)",
            error.Message);
    }

    [Fact]
    public void A_positive_label_text_turns_a_text_label_into_zero_and_one()
    {
        var data = CsvDatasetLoader.LoadTraining(
            _files.Write("data.csv", "a;Target\n1,5;Dropout\n2;Graduate\n3;Enrolled\n"), new CsvLabelOptions("Target", "Dropout"));

        Assert.Equal([1f, 0f, 0f], data.Features.Labels!);

        // With ';' as separator a decimal comma is read as a decimal point.
        Assert.Equal([1.5f, 2f, 3f], data.Features.Values);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_is_named()
    {
        var error = Assert.Throws<CsvDataException>(() => CsvDatasetLoader.LoadTraining(
            _files.Write("bad.csv", "a,b,y\n1,2,0\n1,1\n"), new CsvLabelOptions("y")));

        Assert.Equal("bad.csv line 3: 2 fields, but the header has 3", error.Message);
    }

    [Fact]
    public void Crlf_line_ends_and_blank_lines_are_accepted()
    {
        var data = CsvDatasetLoader.LoadTraining(
            _files.Write("crlf.csv", "a,y\r\n1,0\r\n\r\n2,1\r\n"), new CsvLabelOptions("y"));

        Assert.Equal(2, data.Features.Rows);
        Assert.Equal([1f, 2f], data.Features.Values);
    }

    [Fact]
    public void A_large_numeric_file_keeps_every_row_in_order_across_blank_lines()
    {
        // Over the 4 MiB threshold, so the parallel reader runs; blank lines leave gaps it must close.
        const int rows = 250_000;
        var text = new System.Text.StringBuilder("i,half,y\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i},{i * 0.5},{i % 2}\n");
            if (i % 10_007 == 0)
            {
                text.Append('\n');
            }
        }

        var data = CsvDatasetLoader.LoadTraining(_files.Write("large.csv", text.ToString()), new CsvLabelOptions("y"));

        Assert.Equal(rows, data.Features.Rows);
        for (var i = 0; i < rows; i += 997)
        {
            Assert.Equal((float)i, data.Features[i, 0]);
            Assert.Equal((float)(i * 0.5), data.Features[i, 1]);
            Assert.Equal(i % 2, data.Features.Labels![i]);
        }

        Assert.Equal(rows - 1, data.Features[rows - 1, 0]);
    }

    [Fact]
    public void An_error_deep_in_a_large_file_names_its_exact_line()
    {
        const int rows = 250_000;
        var text = new System.Text.StringBuilder("i,half,y\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i},{(i == 200_000 ? "oops" : "1.5")},{i % 2}\n");
            if (i == 10)
            {
                text.Append('\n');
            }
        }

        var train = CsvDatasetLoader.LoadTraining(_files.Write("train.csv", "i,half,y\n1,2,0\n2,3,1\n"), new CsvLabelOptions("y"));
        var error = Assert.Throws<CsvDataException>(() => CsvDatasetLoader.LoadMatching(
            _files.Write("large.csv", text.ToString()), train.Features.Schema, new CsvLabelOptions("y")));

        // Header is line 1, row i is line i + 2, plus the blank line after row 10.
        Assert.Equal("large.csv line 200003 (data row 200001), column 'half': 'oops' is not a number", error.Message);
    }
}
