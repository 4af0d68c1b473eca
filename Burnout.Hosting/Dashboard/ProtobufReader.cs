namespace Burnout.Hosting.Dashboard;

/// <summary>
/// Walks the fields of one protobuf message. Length-delimited fields yield their bytes; other wire types
/// are skipped (yielded with an empty payload), which is all the OTLP counting needs.
/// </summary>
internal ref struct ProtobufReader(ReadOnlySpan<byte> buffer)
{
    private ReadOnlySpan<byte> _rest = buffer;

    /// <summary>True when the last field read was a number (varint or fixed), not bytes.</summary>
    public bool LastWireTypeWasNotLengthDelimited { get; private set; }

    public bool TryReadField(out int fieldNumber, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        fieldNumber = 0;
        if (_rest.IsEmpty || !TryReadVarint(out var tag))
        {
            return false;
        }
        fieldNumber = (int)(tag >> 3);
        var wireType = (int)(tag & 7);
        LastWireTypeWasNotLengthDelimited = wireType != 2;
        switch (wireType)
        {
            case 0:
                return TryReadVarint(out _);
            case 1:
                return Skip(8);
            case 2:
                if (!TryReadVarint(out var length) || length > (ulong)_rest.Length)
                {
                    throw new InvalidDataException("Truncated protobuf message.");
                }
                payload = _rest[..(int)length];
                _rest = _rest[(int)length..];
                return true;
            case 5:
                return Skip(4);
            default:
                throw new InvalidDataException($"Unsupported protobuf wire type {wireType}.");
        }
    }

    private bool Skip(int count)
    {
        if (_rest.Length < count)
        {
            throw new InvalidDataException("Truncated protobuf message.");
        }
        _rest = _rest[count..];
        return true;
    }

    private bool TryReadVarint(out ulong value)
    {
        value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_rest.IsEmpty)
            {
                throw new InvalidDataException("Truncated protobuf varint.");
            }
            var b = _rest[0];
            _rest = _rest[1..];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }
        throw new InvalidDataException("Malformed protobuf varint.");
    }
}
