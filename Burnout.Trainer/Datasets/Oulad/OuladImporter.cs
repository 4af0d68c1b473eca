using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Burnout.Features.Oulad;
using Npgsql;

namespace Burnout.Trainer.Datasets.Oulad;

/// <summary>
/// Imports the Open University Learning Analytics Dataset: every published table is streamed into the raw
/// <c>oulad</c> schema with PostgreSQL COPY (never held in memory), then mapped onto the platform's students,
/// daily activity, assessments and outcomes by <see cref="OuladPlatformMapper"/>, which applies the shared
/// <see cref="OuladMapping"/>. Runs whose click log is truncated are detected from the data and left out of the activity. Everything happens in one
/// transaction, so a failed import leaves the previous one in place.
/// </summary>
public sealed class OuladImporter(NpgsqlDataSource dataSource)
{
    public async Task<OuladImportReport> ImportAsync(string directory, Action<string> progress, CancellationToken cancellationToken)
    {
        var clickFile = OuladTables.StudentVleCandidates.Select(c => Path.Combine(directory, c)).FirstOrDefault(File.Exists);
        var missing = OuladTables.All.Select(t => Path.Combine(directory, t.File)).Where(f => !File.Exists(f)).ToList();
        if (clickFile is null)
        {
            missing.Add(Path.Combine(directory, "studentVle.csv[.gz]"));
        }

        if (missing.Count > 0)
        {
            throw new FileNotFoundException($"OULAD file(s) not found: {string.Join(", ", missing)}");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, "TRUNCATE oulad.courses, oulad.assessments, oulad.vle, oulad.student_info, oulad.student_registration, oulad.student_assessment, oulad.student_vle, oulad.import_log, oulad.truncated_presentations", cancellationToken);

        var tables = new List<OuladTableImport>();
        foreach (var table in OuladTables.All)
        {
            tables.Add(await CopyAsync(connection, table, Path.Combine(directory, table.File), partial: false, progress, cancellationToken));
        }

        var clicksArePartial = clickFile!.Contains("PARTIAL", StringComparison.OrdinalIgnoreCase);
        tables.Add(await CopyAsync(connection, OuladTables.StudentVle, clickFile, clicksArePartial, progress, cancellationToken));
        if (clicksArePartial)
        {
            progress($"oulad: {Path.GetFileName(clickFile)} is a published prefix of studentVle, not the whole click log");
        }

        var coverage = await OuladPlatformMapper.FindCoverageAsync(connection, cancellationToken);
        foreach (var run in coverage.Where(c => c.Status == CoverageStatus.Truncated))
        {
            progress($"oulad: {run.Module} {run.Presentation} is truncated ({run.Reason}); its activity is not imported");
            await MarkTruncatedAsync(connection, run, cancellationToken);
        }

        progress("oulad: mapping onto students, daily activity, assessments and outcomes");
        var mapped = await OuladPlatformMapper.MapAsync(connection, transaction, coverage, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new OuladImportReport(tables, coverage, mapped);
    }

    private static async Task<OuladTableImport> CopyAsync(
        NpgsqlConnection connection, OuladTable table, string path, bool partial, Action<string> progress, CancellationToken cancellationToken)
    {
        var forceNull = table.NullableColumns.Count == 0 ? string.Empty : $", FORCE_NULL ({string.Join(", ", table.NullableColumns)})";
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var file = File.OpenRead(path))
        await using (Stream decompressed = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file)
        await using (var copy = await connection.BeginTextImportAsync(
            $"COPY {table.Table} ({string.Join(", ", table.Columns)}) FROM STDIN (FORMAT csv, HEADER true{forceNull})", cancellationToken))
        {
            var buffer = new byte[1 << 16];
            var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
            var decoder = Encoding.UTF8.GetDecoder();
            var headerChecked = false;
            int read;
            while ((read = await decompressed.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                var count = decoder.GetChars(buffer, 0, read, chars, 0);
                if (!headerChecked)
                {
                    CheckHeader(table, path, new string(chars, 0, count));
                    headerChecked = true;
                }

                await copy.WriteAsync(chars.AsMemory(0, count), cancellationToken);
            }
        }

        var rows = await ScalarAsync(connection, $"SELECT count(*) FROM {table.Table}", cancellationToken);
        var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        await using (var log = new NpgsqlCommand(
            "INSERT INTO oulad.import_log (table_name, source_file, source_sha256, row_count) VALUES (@table, @file, @sha, @rows)", connection))
        {
            log.Parameters.AddWithValue("table", table.Table);
            log.Parameters.AddWithValue("file", Path.GetFileName(path));
            log.Parameters.AddWithValue("sha", sha256);
            log.Parameters.AddWithValue("rows", rows);
            await log.ExecuteNonQueryAsync(cancellationToken);
        }

        progress($"oulad: {table.Table,-28} {rows,10:N0} rows from {Path.GetFileName(path)}");
        return new OuladTableImport(table.Table, Path.GetFileName(path), sha256, rows, partial);
    }

    private static void CheckHeader(OuladTable table, string path, string start)
    {
        var end = start.IndexOfAny(['\r', '\n']);
        var header = (end < 0 ? start : start[..end]).TrimStart('\uFEFF').Replace("\"", string.Empty, StringComparison.Ordinal);
        var expected = string.Join(",", table.Columns);
        if (!string.Equals(header, expected, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{Path.GetFileName(path)}: header is '{header}', expected '{expected}'");
        }
    }

    private static async Task MarkTruncatedAsync(NpgsqlConnection connection, CourseRunCoverage run, CancellationToken cancellationToken)
    {
        await using var mark = new NpgsqlCommand(
            "INSERT INTO oulad.truncated_presentations VALUES (@module, @presentation, @last, @length)", connection);
        mark.Parameters.AddWithValue("module", run.Module);
        mark.Parameters.AddWithValue("presentation", run.Presentation);
        mark.Parameters.AddWithValue("last", run.LastClickDay ?? -1);
        mark.Parameters.AddWithValue("length", run.LengthDays);
        await mark.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    internal static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
