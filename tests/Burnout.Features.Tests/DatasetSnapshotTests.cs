using Burnout.Features.Daily;
using Burnout.Features.Snapshots;

namespace Burnout.Features.Tests;

public sealed class DatasetSnapshotTests
{
    private static readonly DatasetDefinition Definition = new(
        "unit", DailyFeatures.Set.Key, "burnout-onset-21d@1", new DateOnly(2025, 1, 1), new DateOnly(2025, 1, 31), "all");

    private static List<DatasetRow> Rows() =>
    [
        new("s2", new DateOnly(2025, 1, 2), [1f, 0.1f], 0f),
        new("s1", new DateOnly(2025, 1, 3), [2f, 1f / 3f], 1f),
        new("s1", new DateOnly(2025, 1, 2), [3f, float.NaN], null),
        new("s10", new DateOnly(2025, 1, 2), [4f, 1e-7f], 0f),
    ];

    private static readonly string[] Names = ["a", "b"];

    [Fact]
    public void Same_definition_and_rows_give_the_same_hash_in_any_order()
    {
        var first = DatasetSnapshot.ComputeHash(Definition, Names, Rows());
        var reordered = DatasetSnapshot.ComputeHash(Definition, Names, Rows().AsEnumerable().Reverse());

        Assert.Equal(first, reordered);
        Assert.Matches("^[0-9a-f]{64}$", first);
    }

    [Fact]
    public void One_changed_value_row_or_definition_field_changes_the_hash()
    {
        var baseline = DatasetSnapshot.ComputeHash(Definition, Names, Rows());

        var nudged = Rows();
        nudged[1] = nudged[1] with { Features = [2f, BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(1f / 3f) + 1)] };
        var relabelled = Rows();
        relabelled[0] = relabelled[0] with { Label = 1f };

        Assert.NotEqual(baseline, DatasetSnapshot.ComputeHash(Definition, Names, nudged));
        Assert.NotEqual(baseline, DatasetSnapshot.ComputeHash(Definition, Names, relabelled));
        Assert.NotEqual(baseline, DatasetSnapshot.ComputeHash(Definition, Names, Rows().Skip(1)));
        Assert.NotEqual(baseline, DatasetSnapshot.ComputeHash(Definition with { To = new DateOnly(2025, 2, 1) }, Names, Rows()));
    }

    [Fact]
    public void Hash_is_sha256_of_the_canonical_text_and_the_csv_is_sorted_and_round_trips()
    {
        var canonical = new StringWriter();
        DatasetSnapshot.WriteCanonical(canonical, Definition, Names, Rows());
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical.ToString())));

        Assert.Equal(expected, DatasetSnapshot.ComputeHash(Definition, Names, Rows()));
        Assert.Equal(
            """
            {"name":"unit","feature_set":"daily-13@1","label":"burnout-onset-21d@1","from":"2025-01-01","to":"2025-01-31","population":"all"}
            rows=4
            student_id,day,a,b,label
            s1,2025-01-02,3,NaN,
            s1,2025-01-03,2,0.33333334,1
            s10,2025-01-02,4,1E-07,0
            s2,2025-01-02,1,0.1,0

            """.ReplaceLineEndings("\n"),
            canonical.ToString());
    }

    [Fact]
    public void Duplicate_student_days_are_refused() =>
        Assert.Throws<ArgumentException>(() => DatasetSnapshot.ComputeHash(Definition, Names, Rows().Append(Rows()[0])));
}
