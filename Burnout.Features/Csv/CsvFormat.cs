using System.Globalization;

namespace Burnout.Features.Csv;

/// <summary>
/// The invariant rendering every CSV and hash in this library uses: ISO dates, invariant numbers, and floats in
/// their shortest round-trip form, so writing and reading back gives the same bits.
/// </summary>
public static class CsvFormat
{
    public const string DateFormat = "yyyy-MM-dd";

    public static string Float(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Date(DateOnly value) => value.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static string Date(DateOnly? value) => value is { } d ? Date(d) : string.Empty;

    internal static void Append(Span<char> destination, ref int length, int value)
    {
        value.TryFormat(destination[length..], out var written, default, CultureInfo.InvariantCulture);
        length += written;
    }

    internal static void Append(Span<char> destination, ref int length, float value)
    {
        value.TryFormat(destination[length..], out var written, "R", CultureInfo.InvariantCulture);
        length += written;
    }

    internal static void Append(Span<char> destination, ref int length, DateOnly value)
    {
        value.TryFormat(destination[length..], out var written, DateFormat, CultureInfo.InvariantCulture);
        length += written;
    }

    internal static void Append(Span<char> destination, ref int length, string value)
    {
        value.AsSpan().CopyTo(destination[length..]);
        length += value.Length;
    }

    internal static void Comma(Span<char> destination, ref int length) => destination[length++] = ',';

    /// <summary>
    /// Reads line 1 and checks it is <paramref name="expected"/> (a BOM and CR are tolerated). Returns false for an
    /// empty input; throws <see cref="FormatException"/> naming line 1 for any other header.
    /// </summary>
    public static bool ReadHeader(TextReader reader, string expected)
    {
        var header = reader.ReadLine();
        if (header is null)
        {
            return false;
        }

        if (!string.Equals(header.TrimEnd('\r').TrimStart('\uFEFF'), expected, StringComparison.Ordinal))
        {
            throw new FormatException($"Line 1: expected the header '{expected}'.");
        }

        return true;
    }

    /// <summary>Quotes a free-text field only when it needs it (RFC 4180).</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>Splits one RFC 4180 line (quoted fields, doubled quotes; no line breaks inside fields).</summary>
    public static List<string> SplitLine(string line)
    {
        var fields = new List<string>();
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                var sb = new System.Text.StringBuilder();
                i++;
                while (i < line.Length)
                {
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            sb.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    sb.Append(line[i++]);
                }

                fields.Add(sb.ToString());
            }
            else
            {
                var comma = line.IndexOf(',', i);
                var stop = comma < 0 ? line.Length : comma;
                fields.Add(line[i..stop]);
                i = stop;
            }

            if (i >= line.Length || line[i] != ',')
            {
                return fields;
            }

            i++;
        }
    }
}
