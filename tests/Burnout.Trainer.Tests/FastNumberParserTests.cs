using System.Globalization;
using System.Text;
using Burnout.Trainer.Csv;

namespace Burnout.Trainer.Tests;

public sealed class FastNumberParserTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("1.")]
    [InlineData(".5")]
    [InlineData("+3.25")]
    [InlineData("-2.46781254")]
    [InlineData("1e5")]
    [InlineData("1.5E-7")]
    [InlineData("123456789012345678901234")]
    [InlineData("0.000000000000000000000000001")]
    [InlineData("9007199254740993")]
    [InlineData("1e-30")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1,5")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("1e")]
    [InlineData("-")]
    public void Agrees_with_the_framework_parser(string text)
    {
        AssertSame(text);
    }

    [Fact]
    public void Agrees_with_the_framework_parser_on_random_numbers()
    {
        var random = new Random(42);
        for (var k = 0; k < 20_000; k++)
        {
            var value = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-12, 12));
            AssertSame(value.ToString(k % 3 == 0 ? "G9" : k % 3 == 1 ? "R" : "E4", CultureInfo.InvariantCulture));
        }
    }

    private static void AssertSame(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var expectedOk = double.TryParse(bytes, NumberStyles.Float, CultureInfo.InvariantCulture, out var expected);
        var ok = FastNumberParser.TryParse(bytes, out var actual);

        Assert.Equal(expectedOk, ok);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(actual));
    }
}
