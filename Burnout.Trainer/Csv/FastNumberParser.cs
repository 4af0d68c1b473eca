using System.Globalization;

namespace Burnout.Trainer.Csv;

/// <summary>
/// Parses decimal numbers from UTF-8 bytes, exactly as <see cref="double.TryParse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider?, out double)"/>
/// with the invariant culture would, but several times faster for the common case. When the digits fit in 53 bits
/// and the decimal exponent lies within ±22, one IEEE multiplication or division of two exact doubles gives the
/// correctly rounded result (Clinger's fast path); anything else falls back to the framework parser.
/// </summary>
internal static class FastNumberParser
{
    private const ulong MaxExactMantissa = 1UL << 53;

    private static readonly double[] PowersOfTen =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    public static bool TryParse(ReadOnlySpan<byte> text, out double value) =>
        TryParseFast(text, out value)
        || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static bool TryParseFast(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        var i = 0;
        var negative = false;
        if (s.Length > 0 && (s[0] == (byte)'-' || s[0] == (byte)'+'))
        {
            negative = s[0] == (byte)'-';
            i = 1;
        }

        ulong mantissa = 0;
        int significant = 0, exponent = 0;
        var anyDigit = false;
        for (; i < s.Length && (uint)(s[i] - '0') <= 9; i++)
        {
            if (!Accumulate(s[i], ref mantissa, ref significant))
            {
                return false;
            }

            anyDigit = true;
        }

        if (i < s.Length && s[i] == (byte)'.')
        {
            for (i++; i < s.Length && (uint)(s[i] - '0') <= 9; i++)
            {
                if (!Accumulate(s[i], ref mantissa, ref significant))
                {
                    return false;
                }

                exponent--;
                anyDigit = true;
            }
        }

        if (!anyDigit)
        {
            return false;
        }

        if (i < s.Length && (s[i] | 0x20) == (byte)'e')
        {
            i++;
            var exponentNegative = false;
            if (i < s.Length && (s[i] == (byte)'-' || s[i] == (byte)'+'))
            {
                exponentNegative = s[i] == (byte)'-';
                i++;
            }

            var written = 0;
            var explicitExponent = 0;
            for (; i < s.Length && (uint)(s[i] - '0') <= 9; i++)
            {
                explicitExponent = (explicitExponent * 10) + (s[i] - '0');
                if (++written > 4)
                {
                    return false;
                }
            }

            if (written == 0)
            {
                return false;
            }

            exponent += exponentNegative ? -explicitExponent : explicitExponent;
        }

        if (i != s.Length)
        {
            return false;
        }

        if (mantissa == 0)
        {
            value = negative ? -0.0 : 0.0;
            return true;
        }

        if (mantissa > MaxExactMantissa || exponent < -22 || exponent > 22)
        {
            return false;
        }

        var magnitude = exponent < 0 ? mantissa / PowersOfTen[-exponent] : mantissa * PowersOfTen[exponent];
        value = negative ? -magnitude : magnitude;
        return true;
    }

    /// <summary>Adds one digit; false once more than 19 significant digits would be needed (then the slow path decides).</summary>
    private static bool Accumulate(byte digit, ref ulong mantissa, ref int significant)
    {
        if (mantissa == 0 && digit == (byte)'0')
        {
            return true;
        }

        if (++significant > 19)
        {
            return false;
        }

        mantissa = (mantissa * 10) + (ulong)(digit - '0');
        return true;
    }
}
