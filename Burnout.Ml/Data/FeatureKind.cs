namespace Burnout.Ml.Data;

/// <summary>How a column's values are to be read.</summary>
public enum FeatureKind
{
    /// <summary>An ordered quantity. NaN means missing.</summary>
    Numeric,

    /// <summary>
    /// A category code stored as a non-negative whole number (0, 1, 2, ...). NaN means missing.
    /// The codes are ordinal only by accident; learners must not assume their order means anything.
    /// </summary>
    Categorical,
}
