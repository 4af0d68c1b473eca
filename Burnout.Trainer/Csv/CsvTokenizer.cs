using System.Buffers;
using System.Text;

namespace Burnout.Trainer.Csv;

/// <summary>
/// Splits UTF-8 CSV bytes into records and fields without allocating per field (RFC 4180: fields may be quoted,
/// a quote inside a quoted field is doubled, quoted fields may span lines; LF and CRLF line ends). Blank lines
/// are skipped. Field spans point into the buffer; only <see cref="Text"/> makes a string.
/// </summary>
internal sealed class CsvTokenizer
{
    private const byte Quote = (byte)'"';

    private readonly byte[] _data;
    private readonly SearchValues<byte> _fieldEnds;
    private int _position;
    private readonly int _end;
    private int _line;
    private (int Start, int Length, bool Escaped)[] _fields = new (int, int, bool)[32];
    private char[] _chars = new char[256];

    /// <param name="data">The whole file.</param>
    /// <param name="start">Where to start reading (a record boundary).</param>
    /// <param name="separator">The field separator.</param>
    /// <param name="end">Where to stop (a record boundary); the end of the data when negative.</param>
    /// <param name="linesBefore">Lines before <paramref name="start"/>, so <see cref="Line"/> counts from the top of the file.</param>
    public CsvTokenizer(byte[] data, int start, byte separator, int end = -1, int linesBefore = 0)
    {
        _data = data;
        _position = start;
        _end = end < 0 ? data.Length : end;
        _line = linesBefore;
        Separator = separator;
        _fieldEnds = SearchValues.Create([separator, (byte)'\n', (byte)'\r']);
    }

    public byte Separator { get; }

    /// <summary>Where the next record starts.</summary>
    public int Position => _position;

    /// <summary>Lines consumed so far.</summary>
    public int LinesRead => _line;

    public int FieldCount { get; private set; }

    /// <summary>The 1-based line on which the current record starts.</summary>
    public int Line { get; private set; }

    /// <summary>Skips a UTF-8 byte-order mark and returns where the text starts.</summary>
    public static int SkipBom(ReadOnlySpan<byte> data) => data.StartsWith("\uFEFF"u8) ? 3 : 0;

    /// <summary>The separator of the header line: whichever of ',' and ';' occurs more often outside quotes (',' on a tie).</summary>
    public static byte DetectSeparator(ReadOnlySpan<byte> text)
    {
        int commas = 0, semicolons = 0;
        var quoted = false;
        foreach (var b in text)
        {
            if (b == Quote)
            {
                quoted = !quoted;
            }
            else if (!quoted && b is (byte)'\n' or (byte)'\r')
            {
                break;
            }
            else if (!quoted && b == (byte)',')
            {
                commas++;
            }
            else if (!quoted && b == (byte)';')
            {
                semicolons++;
            }
        }

        return semicolons > commas ? (byte)';' : (byte)',';
    }

    /// <summary>Reads the next non-blank record; false at the end of the data.</summary>
    public bool ReadRecord()
    {
        while (true)
        {
            if (_position >= _end)
            {
                return false;
            }

            var b = _data[_position];
            if (b is (byte)'\n' or (byte)'\r')
            {
                _position += b == (byte)'\r' && _position + 1 < _end && _data[_position + 1] == (byte)'\n' ? 2 : 1;
                _line++;
                continue;
            }

            break;
        }

        Line = _line + 1;
        FieldCount = 0;
        while (true)
        {
            ReadField();
            if (_position >= _end)
            {
                _line++;
                return true;
            }

            var end = _data[_position];
            if (end == Separator)
            {
                _position++;
                if (_position >= _end)
                {
                    AddField(_position, 0, false);
                    _line++;
                    return true;
                }

                continue;
            }

            _position += end == (byte)'\r' && _position + 1 < _end && _data[_position + 1] == (byte)'\n' ? 2 : 1;
            _line++;
            return true;
        }
    }

    /// <summary>The field's bytes without surrounding quotes and whitespace; doubled quotes are still doubled.</summary>
    public ReadOnlySpan<byte> Raw(int field)
    {
        var (start, length, _) = _fields[field];
        var span = _data.AsSpan(start, length);
        if (span.IsEmpty || (!IsBlank(span[0]) && !IsBlank(span[^1])))
        {
            return span;
        }

        return span.Trim(" \t"u8);
    }

    private static bool IsBlank(byte b) => b is (byte)' ' or (byte)'\t';

    /// <summary>The field as text, trimmed, with doubled quotes undone.</summary>
    public ReadOnlySpan<char> Chars(int field)
    {
        var raw = Raw(field);
        if (_chars.Length < raw.Length)
        {
            _chars = new char[Math.Max(raw.Length, _chars.Length * 2)];
        }

        var count = Encoding.UTF8.GetChars(raw, _chars);
        if (!_fields[field].Escaped)
        {
            return _chars.AsSpan(0, count);
        }

        var written = 0;
        for (var i = 0; i < count; i++)
        {
            _chars[written++] = _chars[i];
            if (_chars[i] == '"' && i + 1 < count && _chars[i + 1] == '"')
            {
                i++;
            }
        }

        return _chars.AsSpan(0, written);
    }

    public string Text(int field) => new(Chars(field));

    private void ReadField()
    {
        var start = _position;
        var rest = _data.AsSpan(_position, _end - _position);
        var leading = 0;
        while (leading < rest.Length && IsBlank(rest[leading]))
        {
            leading++;
        }

        if (leading < rest.Length && rest[leading] == Quote)
        {
            ReadQuotedField(start + leading + 1);
            return;
        }

        var length = rest.IndexOfAny(_fieldEnds);
        if (length < 0)
        {
            length = rest.Length;
        }

        AddField(start, length, false);
        _position = start + length;
    }

    private void ReadQuotedField(int contentStart)
    {
        var i = contentStart;
        var escaped = false;
        while (true)
        {
            var next = _data.AsSpan(i, _end - i).IndexOf(Quote);
            if (next < 0)
            {
                throw new CsvDataException($"line {Line}: a quoted field is never closed");
            }

            _line += _data.AsSpan(i, next).Count((byte)'\n');
            i += next;
            if (i + 1 < _end && _data[i + 1] == Quote)
            {
                escaped = true;
                i += 2;
                continue;
            }

            break;
        }

        AddField(contentStart, i - contentStart, escaped);
        _position = i + 1;
        while (_position < _end && _data[_position] is (byte)' ' or (byte)'\t')
        {
            _position++;
        }

        if (_position < _end && _data[_position] != Separator && _data[_position] is not ((byte)'\n' or (byte)'\r'))
        {
            throw new CsvDataException($"line {Line}: unexpected text after a closing quote");
        }
    }

    private void AddField(int start, int length, bool escaped)
    {
        if (FieldCount == _fields.Length)
        {
            Array.Resize(ref _fields, _fields.Length * 2);
        }

        _fields[FieldCount++] = (start, length, escaped);
    }
}
