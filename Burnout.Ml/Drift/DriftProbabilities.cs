namespace Burnout.Ml.Drift;

/// <summary>Tail probabilities of the reference distributions behind the drift tests.</summary>
public static class DriftProbabilities
{
    /// <summary>P(χ²_k &gt; x), via the regularised upper incomplete gamma function.</summary>
    public static double ChiSquareSurvival(double x, int degreesOfFreedom) => SpecialFunctions.ChiSquareSurvival(x, degreesOfFreedom);

    /// <summary>P(Z &gt; z) for a standard normal Z.</summary>
    public static double NormalSurvival(double z) => SpecialFunctions.NormalSurvival(z);
}
