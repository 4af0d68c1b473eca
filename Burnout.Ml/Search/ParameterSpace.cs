using System.Globalization;

namespace Burnout.Ml.Search;

/// <summary>A distribution a hyperparameter is drawn from.</summary>
public abstract record ParameterDistribution
{
    public abstract object Sample(Random random);

    /// <summary>Uniform on [low, high].</summary>
    public static ParameterDistribution Uniform(double low, double high) => new UniformDistribution(low, high, false);

    /// <summary>Log-uniform on [low, high], both positive: for scales such as learning rates and C.</summary>
    public static ParameterDistribution LogUniform(double low, double high) => new UniformDistribution(low, high, true);

    /// <summary>A whole number in [low, high], each equally likely.</summary>
    public static ParameterDistribution Integer(int low, int high) => new IntegerDistribution(low, high);

    /// <summary>One of the given values, each equally likely.</summary>
    public static ParameterDistribution Choice(params object[] values) => new ChoiceDistribution(values);

    private sealed record UniformDistribution(double Low, double High, bool Logarithmic) : ParameterDistribution
    {
        public override object Sample(Random random)
        {
            if (!Logarithmic)
            {
                return Low + (random.NextDouble() * (High - Low));
            }

            return Math.Exp(Math.Log(Low) + (random.NextDouble() * (Math.Log(High) - Math.Log(Low))));
        }
    }

    private sealed record IntegerDistribution(int Low, int High) : ParameterDistribution
    {
        public override object Sample(Random random) => random.Next(Low, High + 1);
    }

    private sealed record ChoiceDistribution(object[] Values) : ParameterDistribution
    {
        public override object Sample(Random random) => Values[random.Next(Values.Length)];
    }
}

/// <summary>Named hyperparameter distributions; sampling draws them in name order so a seed gives the same candidates.</summary>
public sealed class ParameterSpace
{
    private readonly SortedDictionary<string, ParameterDistribution> _parameters = new(StringComparer.Ordinal);

    public ParameterSpace Add(string name, ParameterDistribution distribution)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(distribution);
        _parameters.Add(name, distribution);
        return this;
    }

    public IReadOnlyDictionary<string, object> Sample(Random random)
    {
        var values = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (name, distribution) in _parameters)
        {
            values[name] = distribution.Sample(random);
        }

        return values;
    }
}

/// <summary>Reading typed values out of a sampled parameter dictionary inside a trainer factory.</summary>
public static class ParameterValues
{
    public static double GetDouble(this IReadOnlyDictionary<string, object> parameters, string name, double fallback) =>
        parameters.TryGetValue(name, out var value) ? Convert.ToDouble(value, CultureInfo.InvariantCulture) : fallback;

    public static int GetInt(this IReadOnlyDictionary<string, object> parameters, string name, int fallback) =>
        parameters.TryGetValue(name, out var value) ? Convert.ToInt32(value, CultureInfo.InvariantCulture) : fallback;
}
