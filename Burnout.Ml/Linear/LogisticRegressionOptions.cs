namespace Burnout.Ml.Linear;

/// <summary>
/// Settings of <see cref="LogisticRegressionTrainer"/>. The objective is scikit-learn's:
/// Σᵢ wᵢ·logloss(yᵢ, bias + β·zᵢ) + ‖β‖² / (2C), where wᵢ is the sample weight times the class weight and the
/// bias is not penalised. With <see cref="Standardize"/> on, z is the standardised design, so the model equals
/// scikit-learn's <c>LogisticRegression(C=C)</c> fitted on <c>StandardScaler</c>-transformed inputs (population
/// standard deviation, constant columns left unscaled; centring does not change the fit since the bias is free).
/// </summary>
public sealed record LogisticRegressionOptions
{
    /// <summary>Inverse L2 strength, as scikit-learn's C. Default 1.0. Must be positive; +∞ means no penalty.</summary>
    public double C { get; init; } = 1.0;

    /// <summary>Scale every design column to unit variance before fitting. Default true.</summary>
    public bool Standardize { get; init; } = true;

    /// <summary>Which optimiser to use. Default <see cref="LogisticSolver.Auto"/>.</summary>
    public LogisticSolver Solver { get; init; } = LogisticSolver.Auto;

    /// <summary>With <see cref="LogisticSolver.Auto"/>, Newton is used up to this many design columns, L-BFGS beyond. Default 200.</summary>
    public int NewtonMaxColumns { get; init; } = 200;

    /// <summary>Iteration cap of either optimiser. Default 100 for Newton-sized problems; L-BFGS gets 10× this.</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>
    /// Convergence: stop when the largest gradient entry is at most this times the total row weight. Default 1e-9,
    /// far tighter than scikit-learn's lbfgs default (gtol 1e-4 on the summed loss), so results do not depend on
    /// where an optimiser happened to stop.
    /// </summary>
    public double Tolerance { get; init; } = 1e-9;

    /// <summary>Number of correction pairs L-BFGS keeps. Default 10 (scikit-learn's, via SciPy, also 10).</summary>
    public int LbfgsMemory { get; init; } = 10;

    /// <summary>Weight multiplier of label-0 rows. Default 1.</summary>
    public double NegativeClassWeight { get; init; } = 1.0;

    /// <summary>Weight multiplier of label-1 rows. Default 1.</summary>
    public double PositiveClassWeight { get; init; } = 1.0;

    /// <summary>
    /// scikit-learn's <c>class_weight="balanced"</c>: class c gets n / (2·n_c), replacing the two explicit class
    /// weights. Default false.
    /// </summary>
    public bool BalanceClasses { get; init; }

    /// <summary>
    /// Worker threads for the data passes. Default 1. The rows are cut into the same blocks whatever this is and
    /// block sums are added in block order, so the fitted model does not depend on the thread count.
    /// </summary>
    public int Threads { get; init; } = 1;

    internal void Validate()
    {
        if (!(C > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(C), C, "C must be positive.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(MaxIterations, 1, nameof(MaxIterations));
        ArgumentOutOfRangeException.ThrowIfLessThan(LbfgsMemory, 1, nameof(LbfgsMemory));
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1, nameof(Threads));
        if (!(Tolerance > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "Tolerance must be positive.");
        }

        if (!(NegativeClassWeight > 0) || !(PositiveClassWeight > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(PositiveClassWeight), "Class weights must be positive.");
        }
    }
}

/// <summary>The optimiser that fits a logistic regression.</summary>
public enum LogisticSolver
{
    /// <summary>Newton up to <see cref="LogisticRegressionOptions.NewtonMaxColumns"/> design columns, L-BFGS beyond.</summary>
    Auto,

    /// <summary>Newton's method (exact Hessian, Cholesky solve, backtracking line search): few, costly iterations.</summary>
    Newton,

    /// <summary>Limited-memory BFGS with a backtracking Armijo line search: many cheap iterations.</summary>
    Lbfgs,
}
