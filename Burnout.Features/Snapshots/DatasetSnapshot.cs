using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Burnout.Features.Csv;

namespace Burnout.Features.Snapshots;

/// <summary>
/// Content-addressed dataset snapshots. The hash is SHA-256 over the canonical text:
/// the definition's canonical JSON, a line <c>rows=N</c>, then the canonical CSV (header, then rows sorted by
/// student id (ordinal) and day, numbers in invariant round-trip form). The same definition over the same rows
/// gives the same hash whatever order the rows came in; any changed value, row or definition field changes it.
/// </summary>
public static class DatasetSnapshot
{
    /// <summary>Lower-case hex SHA-256 of the snapshot.</summary>
    public static string ComputeHash(DatasetDefinition definition, IReadOnlyList<string> featureNames, IEnumerable<DatasetRow> rows)
    {
        using var hash = new HashingWriter();
        WriteCanonical(hash, definition, featureNames, rows);
        return hash.Finish();
    }

    /// <summary>Writes the canonical text the hash is computed over (definition, row count, CSV).</summary>
    public static void WriteCanonical(TextWriter writer, DatasetDefinition definition, IReadOnlyList<string> featureNames, IEnumerable<DatasetRow> rows)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var sorted = Sort(rows, featureNames.Count);
        writer.Write(definition.ToCanonicalJson());
        writer.Write('\n');
        writer.Write(string.Create(CultureInfo.InvariantCulture, $"rows={sorted.Length}\n"));
        WriteRows(writer, featureNames, sorted);
    }

    /// <summary>Exports the rows as CSV in canonical order: <c>student_id,day,&lt;features&gt;,label</c>.</summary>
    public static void WriteCsv(TextWriter writer, IReadOnlyList<string> featureNames, IEnumerable<DatasetRow> rows) =>
        WriteRows(writer, featureNames, Sort(rows, featureNames.Count));

    private static void WriteRows(TextWriter writer, IReadOnlyList<string> featureNames, DatasetRow[] sorted)
    {
        writer.Write("student_id,day,");
        writer.Write(string.Join(',', featureNames));
        writer.Write(",label\n");
        foreach (var row in sorted)
        {
            writer.Write(CsvFormat.Field(row.StudentId));
            writer.Write(',');
            writer.Write(CsvFormat.Date(row.Day));
            foreach (var value in row.Features)
            {
                writer.Write(',');
                writer.Write(CsvFormat.Float(value));
            }

            writer.Write(',');
            if (row.Label is { } label)
            {
                writer.Write(CsvFormat.Float(label));
            }

            writer.Write('\n');
        }
    }

    private static DatasetRow[] Sort(IEnumerable<DatasetRow> rows, int featureCount)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var sorted = rows.ToArray();
        Array.Sort(sorted, static (a, b) =>
        {
            var byStudent = string.CompareOrdinal(a.StudentId, b.StudentId);
            return byStudent != 0 ? byStudent : a.Day.CompareTo(b.Day);
        });
        for (var i = 0; i < sorted.Length; i++)
        {
            if (sorted[i].Features.Length != featureCount)
            {
                throw new ArgumentException($"Row ({sorted[i].StudentId}, {sorted[i].Day:yyyy-MM-dd}) has {sorted[i].Features.Length} features; the dataset has {featureCount}.", nameof(rows));
            }

            if (i > 0 && sorted[i].Day == sorted[i - 1].Day && string.Equals(sorted[i].StudentId, sorted[i - 1].StudentId, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Duplicate row ({sorted[i].StudentId}, {sorted[i].Day:yyyy-MM-dd}).", nameof(rows));
            }
        }

        return sorted;
    }

    /// <summary>A TextWriter that feeds UTF-8 bytes into SHA-256 instead of storing them.</summary>
    private sealed class HashingWriter : TextWriter
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private readonly byte[] _bytes = new byte[4096];

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => Write([value]);

        public override void Write(string? value) => Write(value.AsSpan());

        public override void Write(ReadOnlySpan<char> buffer)
        {
            while (!buffer.IsEmpty)
            {
                var chunk = buffer[..Math.Min(buffer.Length, 1024)];
                if (chunk.Length < buffer.Length && char.IsHighSurrogate(chunk[^1]))
                {
                    chunk = chunk[..^1];
                }

                var n = Encoding.UTF8.GetBytes(chunk, _bytes);
                _hash.AppendData(_bytes, 0, n);
                buffer = buffer[chunk.Length..];
            }
        }

        public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset());

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
